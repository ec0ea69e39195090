import { subject, type ChangeKind, type NodePair } from './change.js';
import { canonical, own, sameKeyword, sameValue, show } from './values.js';

// Validation keywords this comparison does not reason about: any change to one is breaking.
const UNSUPPORTED = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'dependencies', 'patternProperties', 'definitions', '$defs', 'additionalItems', 'const', 'contains', 'if', 'then', 'else', 'propertyNames', 'dependentRequired', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', 'prefixItems', 'minContains', 'maxContains'];

/** Reports a change to any keyword this comparison cannot reason about. */
export function compareUnsupported(p: NodePair): void {
  for (const key of UNSUPPORTED) if (!sameKeyword(key, own(p.old, key), own(p.new, key), p.budget)) p.unsupported(key);
}

type TypeSet = ReadonlySet<string> | 'any' | 'invalid';
const BASIC = ['array', 'boolean', 'null', 'number', 'object', 'string'];

function typeSet(t: unknown): TypeSet {
  if (t === undefined || t === 'any') return 'any';
  const list = typeof t === 'string' ? [t] : Array.isArray(t) && t.every((x) => typeof x === 'string') ? (t as string[]) : undefined;
  if (!list) return 'invalid';
  if (list.includes('any') || BASIC.every((b) => list.includes(b))) return 'any';
  return new Set(list);
}

// `integer` is a subset of `number`.
const accepts = (s: ReadonlySet<string> | 'any', t: string): boolean => s === 'any' || s.has(t) || (t === 'integer' && s.has('number'));
const within = (a: ReadonlySet<string> | 'any', b: ReadonlySet<string> | 'any'): boolean => (a === 'any' ? b === 'any' : [...a].every((t) => accepts(b, t)));
const showTypes = (t: unknown): string => (t === undefined ? 'any type' : show(t));

/** type: fewer types is narrowed, more is widened, neither is changed; equal sets (any order) are no change. */
export function compareType(p: NodePair): void {
  const before = own(p.old, 'type');
  const after = own(p.new, 'type');
  const o = typeSet(before);
  const n = typeSet(after);
  if (o === 'invalid' || n === 'invalid') {
    if (!sameValue(before, after, p.budget)) p.unsupported('type', `its 'type' changed from ${show(before)} to ${show(after)}, which are not valid type lists`);
    return;
  }
  // The options document is always an object: at the root only what objects may be counts.
  if (p.option === '' && accepts(o, 'object') && accepts(n, 'object')) return;
  const narrower = within(n, o);
  const wider = within(o, n);
  const what = `${subject(p.option)} now allows ${showTypes(after)} (was ${showTypes(before)})`;
  if (narrower && wider) return;
  if (narrower) p.emit('type-narrowed', 'breaking', 'type', `${what}: existing values of the types no longer allowed stop validating`);
  else if (wider) p.emit('type-widened', 'compatible', 'type', `${what}: every existing value still validates`);
  else p.emit('type-changed', 'breaking', 'type', `${what}: existing values of the old types stop validating`);
}

/** enum: removing a value or adding an enum is breaking; adding values or dropping the enum is compatible. */
export function compareEnum(p: NodePair): void {
  const before = own(p.old, 'enum');
  const after = own(p.new, 'enum');
  if (before === undefined && after === undefined) return;
  if ((before !== undefined && !Array.isArray(before)) || (after !== undefined && !Array.isArray(after))) {
    if (!sameValue(before, after, p.budget)) p.unsupported('enum', `its 'enum' changed from ${show(before)} to ${show(after)}, which are not lists`);
    return;
  }
  const who = subject(p.option);
  if (before === undefined) {
    if (coversType(p, after as unknown[])) return p.emit('enum-added', 'compatible', 'enum', `${who} is now restricted to ${show(after, 120)}, every value its type allowed: every existing value still validates`);
    return p.emit('enum-added', 'breaking', 'enum', `${who} is now restricted to ${show(after, 120)}: existing values outside that list stop validating`);
  }
  if (after === undefined) return p.emit('enum-removed', 'compatible', 'enum', `${who} is no longer restricted to a list of values: every existing value still validates`);
  const keys = (list: unknown[]): Map<string, unknown> | undefined => {
    const m = new Map<string, unknown>();
    for (const v of list) {
      const k = canonical(v, p.budget);
      if (k === undefined) return undefined;
      if (!m.has(k)) m.set(k, v);
    }
    return m;
  };
  const o = keys(before as unknown[]);
  const n = keys(after as unknown[]);
  if (!o || !n) return p.unsupported('enum', `its 'enum' is too large to compare`);
  const removed = [...o].filter(([k]) => !n.has(k)).map(([, v]) => v);
  const added = [...n].filter(([k]) => !o.has(k)).map(([, v]) => v);
  if (removed.length > 0) p.emit('enum-value-removed', 'breaking', 'enum', `${who} no longer allows ${list(removed)}: existing options that use ${removed.length > 1 ? 'them' : 'it'} stop validating`);
  if (added.length > 0) p.emit('enum-values-added', 'compatible', 'enum', `${who} now also allows ${list(added)}: every existing value still validates`);
}

/** Values for a message: at most ten, each shortened. */
const list = (values: readonly unknown[]): string => values.slice(0, 10).map((v) => show(v, 40)).join(', ') + (values.length > 10 ? `, and ${values.length - 10} more` : '');

/** Whether a new enum lists every value the old type allowed (only `boolean` and `null` have finitely many). */
function coversType(p: NodePair, values: readonly unknown[]): boolean {
  const types = typeSet(own(p.old, 'type'));
  if (types === 'any' || types === 'invalid' || types.size === 0) return false;
  const needed: Record<string, unknown[]> = { boolean: [true, false], null: [null] };
  return [...types].every((t) => Object.prototype.hasOwnProperty.call(needed, t) && needed[t]!.every((v) => values.includes(v)));
}

interface Bound {
  value: number;
  exclusive: boolean;
  /** The keyword holding the value, and the draft-04 boolean that makes it exclusive (when present). */
  key: string;
  flag?: string;
}

function boundOf(node: object, lower: boolean): Bound | undefined | 'invalid' {
  const key = lower ? 'minimum' : 'maximum';
  const ex = lower ? 'exclusiveMinimum' : 'exclusiveMaximum';
  const v = own(node, key);
  const e = own(node, ex);
  let b: Bound | undefined;
  if (v !== undefined) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return 'invalid';
    b = typeof e === 'boolean' ? { value: v, exclusive: e, key, flag: ex } : { value: v, exclusive: false, key };
  }
  // The later drafts' numeric form, in case a schema uses it: the tighter of the two wins.
  if (typeof e === 'number') {
    const eb: Bound = { value: e, exclusive: true, key: ex };
    if (!b || tighter(eb, b, lower)) b = eb;
  } else if (e !== undefined && typeof e !== 'boolean') return 'invalid';
  return b;
}

function tighter(a: Bound, b: Bound, lower: boolean): boolean {
  if (a.value === b.value) return a.exclusive && !b.exclusive;
  return lower ? a.value > b.value : a.value < b.value;
}

const boundText = (b: Bound | undefined, lower: boolean): string | undefined => (b ? `${lower ? '>' : '<'}${b.exclusive ? '' : '='} ${b.value}` : undefined);

/** minimum/maximum with draft-04 exclusiveMinimum/exclusiveMaximum booleans: a tighter bound is breaking, a looser one compatible. */
export function compareBounds(p: NodePair, lower: boolean): void {
  const o = boundOf(p.old, lower);
  const n = boundOf(p.new, lower);
  const key = lower ? 'minimum' : 'maximum';
  if (o === 'invalid' || n === 'invalid') {
    const ex = lower ? 'exclusiveMinimum' : 'exclusiveMaximum';
    if (!sameValue([own(p.old, key), own(p.old, ex)], [own(p.new, key), own(p.new, ex)], p.budget)) p.unsupported(key, `its '${key}' is not a number`);
    return;
  }
  if (o === undefined && n === undefined) return;
  if (o && n && o.value === n.value && o.exclusive === n.exclusive) return;
  const tightened = o === undefined || (n !== undefined && tighter(n, o, lower));
  // Only the exclusivity changed: point at the boolean that changed it.
  const onlyFlag = o && n && o.value === n.value;
  const newKey = onlyFlag ? (n.flag ?? n.key) : (n?.key ?? key);
  const baseKey = onlyFlag ? (o.flag ?? o.key) : (o?.key ?? key);
  const before = boundText(o, lower);
  const after = boundText(n, lower);
  const kind: ChangeKind = lower ? (tightened ? 'minimum-raised' : 'minimum-lowered') : tightened ? 'maximum-lowered' : 'maximum-raised';
  const what = after === undefined ? `${subject(p.option)} no longer has a ${key} (was ${before})` : `${subject(p.option)} must now be ${after} (was ${before ?? 'unbounded'})`;
  const why = tightened ? `existing values ${lower ? 'below' : 'above'} the new bound stop validating` : 'every existing value still validates';
  p.emit(kind, tightened ? 'breaking' : 'compatible', newKey, `${what}: ${why}`, { baseKey, before, after });
}

const COUNTS: ReadonlyArray<[key: string, raised: ChangeKind, lowered: ChangeKind, unit: string]> = [
  ['minLength', 'min-length-raised', 'min-length-lowered', 'characters'],
  ['maxLength', 'max-length-raised', 'max-length-lowered', 'characters'],
  ['minItems', 'min-items-raised', 'min-items-lowered', 'items'],
  ['maxItems', 'max-items-raised', 'max-items-lowered', 'items'],
  ['minProperties', 'min-properties-raised', 'min-properties-lowered', 'members'],
  ['maxProperties', 'max-properties-raised', 'max-properties-lowered', 'members'],
];

/** Length, item and member counts: a higher minimum or a lower maximum is breaking. */
export function compareCounts(p: NodePair): void {
  for (const [key, raised, lowered, unit] of COUNTS) {
    const before = own(p.old, key);
    const after = own(p.new, key);
    if (before === after) continue;
    const valid = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v));
    if (!valid(before) || !valid(after)) {
      p.unsupported(key, `its '${key}' is not a number`);
      continue;
    }
    const isMin = key.startsWith('min');
    const absent = isMin ? 0 : Infinity;
    const o = (before as number | undefined) ?? absent;
    const n = (after as number | undefined) ?? absent;
    if (o === n) continue;
    const up = n > o;
    const tightened = isMin ? up : !up;
    const what = `${subject(p.option)} now has ${key} ${after === undefined ? 'none' : String(after)} (was ${before === undefined ? 'none' : String(before)})`;
    const why = tightened ? `existing values with ${isMin ? 'fewer' : 'more'} ${unit} stop validating` : 'every existing value still validates';
    p.emit(up ? raised : lowered, tightened ? 'breaking' : 'compatible', key, `${what}: ${why}`);
  }
}

/** multipleOf: a new one, or one that old multiples do not all satisfy, is breaking. */
export function compareMultipleOf(p: NodePair): void {
  const before = own(p.old, 'multipleOf');
  const after = own(p.new, 'multipleOf');
  if (before === after) return;
  const ok = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v > 0);
  if (!ok(before) || !ok(after)) return p.unsupported('multipleOf', `its 'multipleOf' is not a positive number`);
  const who = subject(p.option);
  if (after === undefined) return p.emit('multiple-of-removed', 'compatible', 'multipleOf', `${who} no longer needs to be a multiple of ${String(before)}: every existing value still validates`);
  if (before === undefined) return p.emit('multiple-of-added', 'breaking', 'multipleOf', `${who} must now be a multiple of ${String(after)}: existing values that are not stop validating`);
  // Every multiple of the old step is a multiple of the new one when the old step is.
  const q = (before as number) / (after as number);
  const compatible = Math.abs(q - Math.round(q)) < 1e-9;
  const why = compatible ? `every multiple of ${String(before)} still validates` : `existing multiples of ${String(before)} that are not multiples of ${String(after)} stop validating`;
  p.emit('multiple-of-changed', compatible ? 'compatible' : 'breaking', 'multipleOf', `${who} must now be a multiple of ${String(after)} (was ${String(before)}): ${why}`);
}

/** pattern and format: any new or different one is breaking (which strings two patterns accept cannot be compared); dropping one is compatible. */
export function compareStringChecks(p: NodePair): void {
  for (const key of ['pattern', 'format'] as const) {
    const before = own(p.old, key);
    const after = own(p.new, key);
    if (before === after) continue;
    if ((before !== undefined && typeof before !== 'string') || (after !== undefined && typeof after !== 'string')) {
      if (!sameValue(before, after, p.budget)) p.unsupported(key, `its '${key}' is not a string`);
      continue;
    }
    const who = subject(p.option);
    const noun = key === 'pattern' ? 'the pattern' : 'the format';
    if (after === undefined) p.emit(`${key}-removed`, 'compatible', key, `${who} no longer has to match ${noun} ${show(before, 80)}: every existing value still validates`);
    else if (before === undefined) p.emit(`${key}-added`, 'breaking', key, `${who} must now match ${noun} ${show(after, 80)}: existing values that do not match stop validating`);
    else p.emit(`${key}-changed`, 'breaking', key, `${who} must now match ${noun} ${show(after, 80)} instead of ${show(before, 80)}: existing values that do not match stop validating (any ${key} change is treated as breaking)`);
  }
}

/** uniqueItems: turning it on is breaking, turning it off compatible. */
export function compareUniqueItems(p: NodePair): void {
  const before = own(p.old, 'uniqueItems');
  const after = own(p.new, 'uniqueItems');
  if (before === after) return;
  const ok = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
  if (!ok(before) || !ok(after)) return p.unsupported('uniqueItems', `its 'uniqueItems' is not a boolean`);
  if ((before === true) === (after === true)) return;
  const who = subject(p.option);
  if (after === true) p.emit('unique-items-added', 'breaking', 'uniqueItems', `${who} must now hold unique items: existing arrays with duplicates stop validating`);
  else p.emit('unique-items-removed', 'compatible', 'uniqueItems', `${who} may now hold duplicate items: every existing value still validates`);
}
