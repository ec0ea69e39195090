import { escapePointerToken } from '../json/pointer.js';
import { NodePair, lower, subject, type ChangeKind, type Impact, type SchemaChange, type Side } from './change.js';
import { compareBounds, compareCounts, compareEnum, compareMultipleOf, compareStringChecks, compareType, compareUniqueItems, compareUnsupported } from './keywords.js';
import { Budget, compareText, hasMember, own, sameKeyword, sameSchema, sameValue, schemaCanonical, show } from './values.js';
import { isJsonObject } from '../json/object.js';

export type { SchemaChange };

/** How deep the walk follows `properties` and `items`; below that, any difference is an `unsupported-change`. */
const MAX_SCHEMA_DEPTH = 64;
/** How many schema node pairs one comparison visits at most. */
const MAX_NODES = 20_000;
/** Work units for canonical forms (about one per JSON value visited). */
const MAX_WORK = 2_000_000;

/**
 * What the defaults document (Cosmos's, see collectDefaults) holds at a schema node of the new
 * config.json: an object built from its properties' defaults, an explicit default value, or
 * nothing (array items and options without defaults get none).
 */
type Defaults = { derived: true } | { value: unknown } | undefined;

function childDefaults(parent: Defaults, child: unknown, name: string): Defaults {
  if (parent === undefined) return undefined;
  if ('value' in parent) return hasMember(parent.value, name) ? { value: own(parent.value, name) } : undefined;
  if (hasMember(child, 'default')) return { value: child.default };
  return hasMember(child, 'properties') ? { derived: true } : undefined;
}

/** How the compared schemas are used. */
export interface DiffOptions {
  /**
   * Whether missing values get the schema's defaults before validation, as install options do
   * (Cosmos merges config.json's defaults under them): then a default provides a new required
   * option, and a changed default changes behaviour (a warning). False for documents validated
   * as written (package.json against schema/): a default provides nothing and its changes are
   * not reported. Default true.
   */
  defaults?: boolean;
}

interface Walk {
  defaults: boolean;
  out: SchemaChange[];
  budget: Budget;
  nodes: number;
  gaveUp: boolean;
}

/**
 * Compares two config.json schemas (draft-04) and classifies every difference that can change
 * which install options validate, walking both in parallel through `properties` (recursively),
 * `items` and `additionalProperties`. See {@link ChangeKind} and {@link Impact}; the impacts:
 * breaking — a new required option the defaults do not provide, a removed option, a narrowed
 * or changed type, a removed enum value or a new enum, a tighter bound, length or item count, a
 * new or changed pattern or format, new uniqueItems or multipleOf, closed additionalProperties,
 * and any change to a keyword not compared in detail ($ref, oneOf, dependencies…);
 * warning — a changed default, or a removed one the option is not required to have;
 * compatible — anything that only accepts more, and new options.
 * Compares parsed values (member and `required` order do not matter) and ignores prose
 * (title, description). Never throws: garbage, cyclic, too deep (over {@link MAX_SCHEMA_DEPTH})
 * or too large inputs give `unsupported-change`. Sorted by option, kind, then pointer.
 * For schemas whose documents get no defaults (package.json), pass `{ defaults: false }`.
 */
export function diffSchemas(oldSchema: unknown, newSchema: unknown, options: DiffOptions = {}): SchemaChange[] {
  const defaults = options.defaults !== false;
  const walk: Walk = { defaults, out: [], budget: new Budget(MAX_WORK), nodes: 0, gaveUp: false };
  compareNode(walk, '', { node: oldSchema, ptr: '', exists: true }, { node: newSchema, ptr: '', exists: true }, 0, defaults ? { derived: true } : undefined, false);
  return walk.out.sort(
    (a, b) => compareText(a.option, b.option) || compareText(a.kind, b.kind) || compareText(a.pointer, b.pointer) || compareText(a.basePointer, b.basePointer) || compareText(a.message, b.message),
  );
}

// `true` accepts everything, like `{}`; `false` stays as it is (and is compared as a value).
const asSchema = (node: unknown): unknown => (node === true ? {} : node);

function compareNode(walk: Walk, option: string, o: Side, n: Side, depth: number, defaults: Defaults, required: boolean): void {
  if (walk.gaveUp) return;
  const pair = new NodePair(option, { ...o, node: asSchema(o.node) }, { ...n, node: asSchema(n.node) }, walk.out, walk.budget);
  if (++walk.nodes > MAX_NODES || walk.budget.left <= 0) {
    walk.gaveUp = true;
    return pair.emit('unsupported-change', 'breaking', '', `${subject(option)}: config.json is too large to compare from here on, so the change is treated as breaking; check by hand that existing options still validate`, { pointer: n.ptr, basePointer: o.exists ? o.ptr : '', noValues: true });
  }
  if (pair.o.node === pair.n.node) return;
  if (!isJsonObject(pair.o.node) || !isJsonObject(pair.n.node) || depth > MAX_SCHEMA_DEPTH) {
    if (sameSchema(pair.o.node, pair.n.node, walk.budget)) return;
    const why = depth > MAX_SCHEMA_DEPTH ? `its schema changed more than ${MAX_SCHEMA_DEPTH} levels deep` : `its schema changed from ${show(pair.o.node)} to ${show(pair.n.node)}, which is not a schema object`;
    return pair.emit('unsupported-change', 'breaking', '', `${subject(option)}: ${why}, so the change is treated as breaking; check by hand that existing options still validate`, { pointer: n.ptr, basePointer: o.exists ? o.ptr : '', noValues: true });
  }
  compareType(pair);
  compareEnum(pair);
  compareBounds(pair, true);
  compareBounds(pair, false);
  compareCounts(pair);
  compareMultipleOf(pair);
  compareStringChecks(pair);
  compareUniqueItems(pair);
  compareUnsupported(pair);
  if (walk.defaults) compareDefault(pair, defaults, required);
  compareRequired(pair, defaults, walk.defaults);
  compareProperties(walk, pair, depth, defaults);
  compareAdditional(walk, pair, depth);
  compareItems(walk, pair, depth);
}

/** A changed default is a warning; a removed one is breaking when the option is required and nothing else provides it. */
function compareDefault(p: NodePair, defaults: Defaults, required: boolean): void {
  const had = hasMember(p.old, 'default');
  const has = hasMember(p.new, 'default');
  const who = subject(p.option);
  if (had && has) {
    if (!sameValue(p.old.default, p.new.default, p.budget)) p.emit('default-changed', 'warning', 'default', `The default of ${lower(p.option)} changed from ${show(p.old.default)} to ${show(p.new.default)}: installations that kept the old default get the new value on upgrade`);
  } else if (has) {
    p.emit('default-added', 'compatible', 'default', `${who} now has the default ${show(p.new.default)}: every existing value still validates`);
  } else if (had) {
    const breaking = required && defaults === undefined;
    const why = breaking ? 'it is required, so existing options that relied on the default stop validating' : 'installations that kept the default get no value on upgrade';
    p.emit('default-removed', breaking ? 'breaking' : 'warning', 'default', `${who} no longer has the default ${show(p.old.default)}: ${why}`);
  }
}

const namesOf = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
const child = (option: string, name: string): string => (option === '' ? name : `${option}.${name}`);

/** required: a new name is breaking unless the defaults document provides it; a dropped one is compatible. */
function compareRequired(p: NodePair, defaults: Defaults, defaultsApply: boolean): void {
  const beforeRaw = own(p.old, 'required');
  const afterRaw = own(p.new, 'required');
  if (beforeRaw === undefined && afterRaw === undefined) return;
  const before = beforeRaw === undefined ? [] : namesOf(beforeRaw);
  const after = afterRaw === undefined ? [] : namesOf(afterRaw);
  if (!before || !after) {
    if (!sameValue(beforeRaw, afterRaw, p.budget)) p.unsupported('required', `its 'required' is not a list of names`);
    return;
  }
  const props = own(p.new, 'properties');
  for (const name of new Set(after)) {
    if (before.includes(name)) continue;
    const provided = childDefaults(defaults, own(props, name), name);
    const option = child(p.option, name);
    const why = provided
      ? `its default ${'value' in provided ? show(provided.value) : '(the object of its options\' defaults)'} provides it, so existing options still validate`
      : defaults === undefined
        ? `defaults do not apply ${defaultsApply ? 'here (array items, undeclared members)' : 'to these documents'}, so existing values without it stop validating`
        : 'the defaults do not provide it, so existing options without it stop validating';
    p.emit('required-added', provided ? 'compatible' : 'breaking', 'required', `${subject(option)} is now required: ${why}`, {
      option,
      pointer: `${p.n.ptr}/required/${after.indexOf(name)}`,
      before: undefined,
      after: name,
      ...(provided ? {} : { fix: defaults === undefined ? `keep '${option}' optional` : `give '${option}' a default` }),
    });
  }
  for (const name of new Set(before)) {
    if (after.includes(name)) continue;
    p.emit('required-removed', 'compatible', 'required', `Option '${child(p.option, name)}' is no longer required: every existing value still validates`, {
      option: child(p.option, name),
      basePointer: `${p.o.ptr}/required/${before.indexOf(name)}`,
      before: name,
      after: undefined,
    });
  }
}

/** properties: recurse into options on both sides; a removed one is breaking, a new one compatible. */
function compareProperties(walk: Walk, p: NodePair, depth: number, defaults: Defaults): void {
  const before = own(p.old, 'properties') ?? {};
  const after = own(p.new, 'properties') ?? {};
  if (!isJsonObject(before) || !isJsonObject(after)) {
    if (!sameKeyword('properties', before, after, p.budget)) p.unsupported('properties', `its 'properties' is not an object`);
    return;
  }
  const required = namesOf(own(p.new, 'required')) ?? [];
  const closed = own(p.new, 'additionalProperties');
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const option = child(p.option, name);
    const inOld = Object.prototype.hasOwnProperty.call(before, name);
    const inNew = Object.prototype.hasOwnProperty.call(after, name);
    const token = escapePointerToken(name);
    if (inOld && inNew) {
      const o: Side = { node: before[name], ptr: `${p.o.ptr}/properties/${token}`, exists: true };
      const n: Side = { node: after[name], ptr: `${p.n.ptr}/properties/${token}`, exists: true };
      compareNode(walk, option, o, n, depth + 1, childDefaults(defaults, after[name], name), required.includes(name));
    } else if (inNew) {
      p.emit('property-added', 'compatible', 'properties', `Option '${option}' was added: existing options do not set it, so they still validate`, { option, pointer: `${p.n.ptr}/properties/${token}`, basePointer: '', noValues: true });
    } else {
      const why =
        closed === false
          ? `${p.option === '' ? 'config.json' : `'${p.option}'`} does not allow undeclared options, so existing options that set it stop validating`
          : isJsonObject(closed) && schemaCanonical(closed, p.budget) !== '{}'
            ? `existing values of it are now checked against additionalProperties, and the package no longer uses them`
            : 'existing options that set it still validate but the value is silently ignored';
      p.emit('property-removed', 'breaking', 'properties', `Option '${option}' was removed: ${why}`, { option, basePointer: `${p.o.ptr}/properties/${token}`, noValues: true, fix: `keep '${option}'` });
    }
  }
}

/** additionalProperties: closing is breaking, opening compatible; two schemas are compared as the option `<parent>.*`. */
function compareAdditional(walk: Walk, p: NodePair, depth: number): void {
  const before = own(p.old, 'additionalProperties');
  const after = own(p.new, 'additionalProperties');
  if (before === after) return;
  const who = subject(p.option);
  if (after === false) return p.emit('additional-properties-closed', 'breaking', 'additionalProperties', `${who} no longer allows undeclared options (additionalProperties is now false): existing options that set undeclared keys stop validating`);
  if (before === false) return p.emit('additional-properties-opened', 'compatible', 'additionalProperties', `${who} now allows undeclared options: every existing value still validates`);
  const o: Side = before === undefined ? { node: {}, ptr: p.o.ptr, exists: false } : { node: before, ptr: `${p.o.ptr}/additionalProperties`, exists: p.o.exists };
  const n: Side = after === undefined ? { node: {}, ptr: p.n.ptr, exists: false } : { node: after, ptr: `${p.n.ptr}/additionalProperties`, exists: p.n.exists };
  compareNode(walk, p.option === '' ? '*' : `${p.option}.*`, o, n, depth + 1, undefined, false);
}

/** items: one schema for every item (`<option>[]`) or a tuple (`<option>[0]`…); absent means any item. */
function compareItems(walk: Walk, p: NodePair, depth: number): void {
  const before = own(p.old, 'items');
  const after = own(p.new, 'items');
  if (before === undefined && after === undefined) return;
  if (Array.isArray(before) || Array.isArray(after)) {
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
      before.forEach((item, i) => compareNode(walk, `${p.option}[${i}]`, { node: item, ptr: `${p.o.ptr}/items/${i}`, exists: p.o.exists }, { node: after[i], ptr: `${p.n.ptr}/items/${i}`, exists: p.n.exists }, depth + 1, undefined, false));
    } else if (!sameKeyword('items', before, after, p.budget)) p.unsupported('items', `its tuple 'items' changed shape`);
    return;
  }
  const o: Side = before === undefined ? { node: {}, ptr: p.o.ptr, exists: false } : { node: before, ptr: `${p.o.ptr}/items`, exists: p.o.exists };
  const n: Side = after === undefined ? { node: {}, ptr: p.n.ptr, exists: false } : { node: after, ptr: `${p.n.ptr}/items`, exists: p.n.exists };
  compareNode(walk, `${p.option}[]`, o, n, depth + 1, undefined, false);
}
