import { deepCompareStrict, format, ucs2length } from '@cfworker/json-schema';
import { hasLoneSurrogate, hasOwn } from './objects.js';
import { LENIENT_FORMATS, usablePattern } from './schema-walk.js';
import type { JsonObject } from '../json/object.js';

const MAX_DEPTH = 256;

/**
 * Validates options against a config.json that {@link inspectSchema} finds checkable, giving
 * exactly the verdict of @cfworker/json-schema (draft 4) on the schema {@link prepareSchema}
 * makes of it: dropped patterns and lenient formats are skipped, nothing is copied or
 * dereferenced, and no error is built. Undefined when the options are not plain JSON data. Callers still ask the
 * library for the errors of invalid options.
 */
export function fastValid(options: unknown, schema: unknown): boolean | undefined {
  if (!plainData(options, 0)) return undefined;
  return valid(options, schema);
}

/**
 * Whether `options` is a JSON value the library validates without throwing: JSON types only,
 * and no object key it could not encode in a pointer.
 */
function plainData(v: unknown, depth: number): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        for (const x of v) if (!plainData(x, depth + 1)) return false;
        return true;
      }
      for (const k in v) if (hasLoneSurrogate(k) || !plainData((v as JsonObject)[k], depth + 1)) return false;
      return true;
    default:
      return false;
  }
}

function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x;
}

// Compiled patterns by their text, as the library compiles them (Unicode mode, no flags, so
// reusing one is stateless); only usable patterns get here, and they recur across configs.
const compiled = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let r = compiled.get(pattern);
  if (!r) {
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, (r = new RegExp(pattern, 'u')));
  }
  return r;
}

// The keyword semantics below follow @cfworker/json-schema's validate() for draft 4 line by line
// (a test compares both); comments only note where that is not the obvious reading.
function valid(x: unknown, schema: unknown): boolean {
  if (schema === true) return true;
  if (schema === false) return false;
  const s = schema as JsonObject;
  const t = typeOf(x);
  const type = s.type;
  if (Array.isArray(type)) {
    let ok = false;
    for (const e of type) if (t === e || (e === 'integer' && t === 'number' && (x as number) % 1 === 0 && x === x)) ok = true;
    if (!ok) return false;
  } else if (type === 'integer') {
    if (t !== 'number' || (x as number) % 1 || x !== x) return false;
  } else if (type !== undefined && t !== type) return false;
  const isStructure = t === 'object' || t === 'array';
  if (s.const !== undefined && !(isStructure ? deepCompareStrict(x, s.const) : x === s.const)) return false;
  if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => (isStructure ? deepCompareStrict(x, e) : x === e))) return false;
  if (s.not !== undefined && valid(x, s.not)) return false;
  if (s.anyOf !== undefined && !(s.anyOf as unknown[]).some((b) => valid(x, b))) return false;
  if (s.allOf !== undefined && !(s.allOf as unknown[]).every((b) => valid(x, b))) return false;
  if (s.oneOf !== undefined) {
    let matches = 0;
    for (const b of s.oneOf as unknown[]) if (valid(x, b) && ++matches > 1) return false;
    if (matches !== 1) return false;
  }
  if (t === 'object') return validObject(x as JsonObject, s);
  if (t === 'array') return validArray(x as unknown[], s);
  if (t === 'number') {
    // Draft 4: exclusiveMinimum/exclusiveMaximum are booleans qualifying minimum/maximum.
    const n = x as number;
    if (s.minimum !== undefined && ((s.exclusiveMinimum === true && n <= (s.minimum as number)) || n < (s.minimum as number))) return false;
    if (s.maximum !== undefined && ((s.exclusiveMaximum === true && n >= (s.maximum as number)) || n > (s.maximum as number))) return false;
    return true;
  }
  if (t === 'string') return validString(x as string, s);
  return true;
}

function validObject(x: JsonObject, s: JsonObject): boolean {
  if (s.required !== undefined) for (const key of s.required as unknown[]) if (!hasOwn(x, key as string)) return false;
  if (s.minProperties !== undefined || s.maxProperties !== undefined) {
    const count = Object.keys(x).length;
    if (s.minProperties !== undefined && count < (s.minProperties as number)) return false;
    if (s.maxProperties !== undefined && count > (s.maxProperties as number)) return false;
  }
  const deps = s.dependencies as JsonObject | undefined;
  if (deps !== undefined) {
    for (const key in deps) {
      if (!hasOwn(x, key)) continue;
      const d = deps[key];
      if (Array.isArray(d) ? !d.every((k) => hasOwn(x, k as string)) : !valid(x, d)) return false;
    }
  }
  const props = s.properties as JsonObject | undefined;
  if (props !== undefined) for (const key in props) if (hasOwn(x, key) && !valid(x[key], props[key])) return false;
  const patterns = s.patternProperties as JsonObject | undefined;
  if (patterns !== undefined) {
    for (const p in patterns) {
      if (!usablePattern(p)) continue;
      const r = regex(p);
      for (const key in x) if (r.test(key) && !valid(x[key], patterns[p])) return false;
    }
  }
  const extra = s.additionalProperties;
  if (extra !== undefined) {
    for (const key in x) {
      // Members matched by properties or by a (kept) pattern are not additional.
      if (props !== undefined && hasOwn(props, key)) continue;
      if (patterns !== undefined && matchesAnyPattern(patterns, key)) continue;
      if (!valid(x[key], extra)) return false;
    }
  }
  return true;
}

function matchesAnyPattern(patterns: JsonObject, key: string): boolean {
  for (const p in patterns) if (usablePattern(p) && regex(p).test(key)) return true;
  return false;
}

function validArray(x: unknown[], s: JsonObject): boolean {
  const length = x.length;
  if (s.maxItems !== undefined && length > (s.maxItems as number)) return false;
  if (s.minItems !== undefined && length < (s.minItems as number)) return false;
  const items = s.items;
  if (items !== undefined) {
    let i = 0;
    if (Array.isArray(items)) {
      for (const n = Math.min(items.length, length); i < n; i++) if (!valid(x[i], items[i])) return false;
    } else {
      for (; i < length; i++) if (!valid(x[i], items)) return false;
    }
    if (s.additionalItems !== undefined) for (; i < length; i++) if (!valid(x[i], s.additionalItems)) return false;
  }
  if (s.uniqueItems) {
    for (let j = 0; j < length; j++) {
      const a = x[j];
      const ao = typeof a === 'object' && a !== null;
      for (let k = j + 1; k < length; k++) {
        const b = x[k];
        if (a === b || (ao && typeof b === 'object' && b !== null && deepCompareStrict(a, b))) return false;
      }
    }
  }
  return true;
}

function validString(x: string, s: JsonObject): boolean {
  if (s.minLength !== undefined || s.maxLength !== undefined) {
    const length = ucs2length(x);
    if (s.minLength !== undefined && length < (s.minLength as number)) return false;
    if (s.maxLength !== undefined && length > (s.maxLength as number)) return false;
  }
  const pattern = s.pattern as string | undefined;
  if (pattern !== undefined && usablePattern(pattern) && !regex(pattern).test(x)) return false;
  const f = s.format;
  if (f !== undefined && !(typeof f === 'string' && LENIENT_FORMATS.has(f))) {
    const checkers = format as Record<string, ((v: string) => boolean) | undefined>;
    if (checkers[f as string] && !checkers[f as string]!(x)) return false;
  }
  return true;
}
