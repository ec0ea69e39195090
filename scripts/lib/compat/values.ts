import { hasOwn } from '../render/objects.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** The own member `key` of a value, or undefined (never an inherited one such as `__proto__`). */
export function own(node: unknown, key: string): unknown {
  return isJsonObject(node) && hasOwn(node, key) ? node[key] : undefined;
}

/** True when `node` is an object with `key` as its own member. */
export function hasMember(node: unknown, key: string): node is JsonObject {
  return isJsonObject(node) && hasOwn(node, key);
}

/**
 * A work allowance shared by one comparison: canonical forms and walks spend it, and once it
 * is spent every further comparison answers "different", which callers treat conservatively.
 * Keeps garbage (huge, deeply nested or cyclic object graphs) from costing unbounded time.
 */
export class Budget {
  constructor(public left: number) {}
  /** Spends `n` units; false once the allowance is exhausted. */
  spend(n = 1): boolean {
    this.left -= n;
    return this.left >= 0;
  }
}

/** How deep {@link canonical} follows nested values before giving up. */
const MAX_VALUE_DEPTH = 1_000;

/**
 * A canonical text of a JSON value: object members sorted by key, so key order does not matter
 * (numbers compare by value: `1` and `1.0` parse alike). Undefined when the value is too deep,
 * too large for the budget, or not JSON (functions, cycles): such values never compare equal.
 */
export function canonical(value: unknown, budget: Budget, depth = 0): string | undefined {
  if (!budget.spend() || depth > MAX_VALUE_DEPTH) return undefined;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : undefined;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      const c = canonical(item, budget, depth + 1);
      if (c === undefined) return undefined;
      parts.push(c);
    }
    return `[${parts.join(',')}]`;
  }
  if (!isJsonObject(value)) return undefined;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const c = canonical(value[key], budget, depth + 1);
    if (c === undefined) return undefined;
    parts.push(`${JSON.stringify(key)}:${c}`);
  }
  return `{${parts.join(',')}}`;
}

/** Whether two JSON values are equal as parsed values (member order ignored); false when unsure. */
export function sameValue(a: unknown, b: unknown, budget: Budget): boolean {
  if (a === b) return true;
  const ca = canonical(a, budget);
  return ca !== undefined && ca === canonical(b, budget);
}

// Keywords that never change which documents a schema accepts.
const ANNOTATIONS: ReadonlySet<string> = new Set(['title', 'description', 'default', 'examples', '$comment', 'media', 'readOnly', 'writeOnly', 'deprecated', 'id', '$id', '$schema']);
// Keywords whose value is a map of subschemas (dependencies: a subschema or a list of names).
const SCHEMA_MAPS: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies', 'dependentSchemas']);
const SCHEMA_LISTS: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMAS: ReadonlySet<string> = new Set(['items', 'additionalItems', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']);

/**
 * A canonical text of a schema without its annotations (descriptions, titles, defaults…) at
 * schema positions, so two schemas that accept the same documents for the same reasons compare
 * equal even if their prose differs. Undefined when too deep or too large (never equal).
 */
export function schemaCanonical(schema: unknown, budget: Budget, depth = 0): string | undefined {
  if (!isJsonObject(schema)) return canonical(schema, budget, depth);
  if (!budget.spend() || depth > MAX_VALUE_DEPTH) return undefined;
  const parts: string[] = [];
  for (const key of Object.keys(schema).sort()) {
    if (ANNOTATIONS.has(key)) continue;
    const value = schema[key];
    let c: string | undefined;
    if (SCHEMA_MAPS.has(key) && isJsonObject(value)) {
      const members: string[] = [];
      for (const name of Object.keys(value).sort()) {
        const m = schemaCanonical(value[name], budget, depth + 2);
        if (m === undefined) return undefined;
        members.push(`${JSON.stringify(name)}:${m}`);
      }
      c = `{${members.join(',')}}`;
    } else if ((SCHEMA_LISTS.has(key) || key === 'items') && Array.isArray(value)) {
      const items: string[] = [];
      for (const item of value) {
        const m = schemaCanonical(item, budget, depth + 2);
        if (m === undefined) return undefined;
        items.push(m);
      }
      c = `[${items.join(',')}]`;
    } else if (SCHEMAS.has(key)) c = schemaCanonical(value, budget, depth + 1);
    else c = canonical(value, budget, depth + 1);
    if (c === undefined) return undefined;
    parts.push(`${JSON.stringify(key)}:${c}`);
  }
  return `{${parts.join(',')}}`;
}

/** Whether two schemas accept the same documents by the same keywords; false when unsure. */
export function sameSchema(a: unknown, b: unknown, budget: Budget): boolean {
  if (a === b) return true;
  const ca = schemaCanonical(a, budget);
  return ca !== undefined && ca === schemaCanonical(b, budget);
}

/** Whether one keyword's values (either may be absent) say the same, compared as {@link sameSchema} does. */
export function sameKeyword(key: string, a: unknown, b: unknown, budget: Budget): boolean {
  if (a === b) return true;
  const wrap = (v: unknown): Record<string, unknown> => {
    const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    if (v !== undefined) o[key] = v;
    return o;
  };
  return sameSchema(wrap(a), wrap(b), budget);
}

/** A JSON value shortened for a message. */
export function show(value: unknown, max = 60): string {
  let s: string;
  try {
    s = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  } catch {
    s = '(not JSON)';
  }
  return s.length > max ? s.slice(0, max - 3) + '...' : s;
}

/** Plain code-unit order, the project's order for everything that reaches output. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
