import { escapePointerToken } from '../json/pointer.js';
import { hasMember, own, type Budget } from './values.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** What one difference between two config.json schemas is, at one option. */
export type ChangeKind =
  | 'property-added'
  | 'property-removed'
  | 'required-added'
  | 'required-removed'
  | 'type-narrowed'
  | 'type-widened'
  | 'type-changed'
  | 'enum-value-removed'
  | 'enum-values-added'
  | 'enum-added'
  | 'enum-removed'
  | 'minimum-raised'
  | 'minimum-lowered'
  | 'maximum-lowered'
  | 'maximum-raised'
  | 'min-length-raised'
  | 'min-length-lowered'
  | 'max-length-lowered'
  | 'max-length-raised'
  | 'min-items-raised'
  | 'min-items-lowered'
  | 'max-items-lowered'
  | 'max-items-raised'
  | 'min-properties-raised'
  | 'min-properties-lowered'
  | 'max-properties-lowered'
  | 'max-properties-raised'
  | 'multiple-of-added'
  | 'multiple-of-removed'
  | 'multiple-of-changed'
  | 'unique-items-added'
  | 'unique-items-removed'
  | 'pattern-changed'
  | 'pattern-added'
  | 'pattern-removed'
  | 'format-changed'
  | 'format-added'
  | 'format-removed'
  | 'additional-properties-closed'
  | 'additional-properties-opened'
  | 'default-changed'
  | 'default-added'
  | 'default-removed'
  /** A keyword the comparison cannot reason about changed ($ref, oneOf, dependencies…), or the schemas are too deep or too large to compare: breaking, conservatively. */
  | 'unsupported-change';

/** `breaking`: some options valid before stop validating; `warning`: they validate but behave differently; `compatible`: nothing accepted changes. */
export type Impact = 'breaking' | 'warning' | 'compatible';

/** One classified difference between an old and a new config.json. */
export interface SchemaChange {
  kind: ChangeKind;
  impact: Impact;
  /** Dotted option path, e.g. `service.name` ('' for the root); `[]` stands for every item of an array (`nodes[]`), `[0]` for one tuple item, `.*` for undeclared members. */
  option: string;
  /** JSON pointer of the changed keyword in the NEW schema (for removed things: of the nearest parent that still exists), e.g. `/properties/service/properties/name/maxLength`. */
  pointer: string;
  /** JSON pointer of the same keyword in the OLD schema ('' when it did not exist). */
  basePointer: string;
  /** The keyword's value in the old schema (bounds as text such as `>= 1` or `> 1`, so exclusivity shows); absent when it had none or for added/removed properties and unsupported changes. */
  before?: unknown;
  /** The keyword's value in the new schema, the same way. */
  after?: unknown;
  /** One sentence without a final period (callers may extend it): what changed and why it is (in)compatible, naming option and values. */
  message: string;
  /** For a breaking change, when the comparison knows it: how to keep existing options valid, as a clause (`give 'service.token' a default or keep it optional`). */
  fix?: string;
}

/** One side of a comparison at one schema node. */
export interface Side {
  /** The schema node (`{}` standing in for one that does not exist on this side). */
  node: unknown;
  /** Its JSON pointer, or, when it does not exist, the pointer of its nearest existing parent. */
  ptr: string;
  exists: boolean;
}

/** Where a keyword is on each side. */
function keywordPointers(o: Side, n: Side, key: string, baseKey = key): { pointer: string; basePointer: string } {
  return {
    pointer: n.exists && hasMember(n.node, key) ? `${n.ptr}/${escapePointerToken(key)}` : n.ptr,
    basePointer: o.exists && hasMember(o.node, baseKey) ? `${o.ptr}/${escapePointerToken(baseKey)}` : '',
  };
}

/** The subject of a message about an option. */
export function subject(option: string): string {
  return option === '' ? 'The options object' : `Option '${option}'`;
}

/** The same, inside a sentence. */
export function lower(option: string): string {
  return option === '' ? 'the options object' : `option '${option}'`;
}

/**
 * One pair of schema nodes being compared: the old and new sides, the option they describe,
 * and where changes go. Keyword comparisons report through {@link emit}.
 */
export class NodePair {
  constructor(
    readonly option: string,
    readonly o: Side,
    readonly n: Side,
    readonly out: SchemaChange[],
    readonly budget: Budget,
  ) {}

  /** The old node as an object (both sides are objects once a pair is compared keyword by keyword). */
  get old(): JsonObject {
    return isJsonObject(this.o.node) ? this.o.node : {};
  }

  /** The new node as an object. */
  get new(): JsonObject {
    return isJsonObject(this.n.node) ? this.n.node : {};
  }

  /** Records a change of keyword `key`; before/after default to the keyword's values on each side. */
  emit(kind: ChangeKind, impact: Impact, key: string, message: string, extra: { option?: string; before?: unknown; after?: unknown; pointer?: string; basePointer?: string; baseKey?: string; noValues?: boolean; fix?: string } = {}): void {
    const where = keywordPointers(this.o, this.n, key, extra.baseKey ?? key);
    const change: SchemaChange = { kind, impact, option: extra.option ?? this.option, pointer: extra.pointer ?? where.pointer, basePointer: extra.basePointer ?? where.basePointer, message };
    if (extra.fix !== undefined) change.fix = extra.fix;
    if (!extra.noValues) {
      const before = 'before' in extra ? extra.before : own(this.old, extra.baseKey ?? key);
      const after = 'after' in extra ? extra.after : own(this.new, key);
      if (before !== undefined) change.before = before;
      if (after !== undefined) change.after = after;
    }
    this.out.push(change);
  }

  /** Records that keyword `key` changed in a way the comparison does not reason about. */
  unsupported(key: string, why = `its '${key}' changed, and such changes are not compared in detail`): void {
    this.emit('unsupported-change', 'breaking', key, `${subject(this.option)}: ${why}, so the change is treated as breaking; check by hand that existing options still validate`, { noValues: true });
  }
}
