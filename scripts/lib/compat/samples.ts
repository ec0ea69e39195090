import { setOwn } from '../render/objects.js';
import { Budget, canonical, hasMember, own } from './values.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** The values one option is tried with, most telling first. */
export interface OptionCandidates {
  /** Property names from the options root. */
  path: string[];
  values: unknown[];
}

/** How many values one option is tried with at most. */
const PER_OPTION = 12;
/** How deep options are followed, and how many are collected at most. */
const MAX_DEPTH = 32;
const MAX_OPTIONS = 2_000;
/** Strings and arrays longer than this are not generated (a boundary of a million is not a sample). */
const MAX_LENGTH = 1_000;
const MAX_ITEMS = 20;

/**
 * For every option a config.json declares (through `properties`, in declaration order), the
 * values a user may plausibly have set, as far as the schema says: its default, each enum
 * value, each boundary (minimum, maximum, minLength, maxLength, minItems, maxItems) as a value,
 * and one value of each allowed type (a fraction for `number`, so narrowing to `integer` shows).
 * Options with their own `properties` are tried only with their default: their members are
 * options of their own. Not every value is valid: the caller keeps those the schema accepts.
 */
export function optionCandidates(schema: unknown): OptionCandidates[] {
  const out: OptionCandidates[] = [];
  const visit = (node: unknown, path: string[], depth: number): void => {
    const props = own(node, 'properties');
    if (!isJsonObject(props) || depth > MAX_DEPTH) return;
    for (const name of Object.keys(props)) {
      if (out.length >= MAX_OPTIONS) return;
      const child = props[name];
      const values = valuesFor(child);
      if (values.length > 0) out.push({ path: [...path, name], values });
      visit(child, [...path, name], depth + 1);
    }
  };
  visit(schema, [], 0);
  return out;
}

/** Candidate values for one option's schema, deduplicated, at most {@link PER_OPTION}. */
export function valuesFor(node: unknown): unknown[] {
  if (!isJsonObject(node)) return [];
  const budget = new Budget(100_000);
  const seen = new Set<string>();
  const out: unknown[] = [];
  const add = (v: unknown): void => {
    const key = canonical(v, budget);
    if (key === undefined || seen.has(key) || out.length >= PER_OPTION) return;
    seen.add(key);
    out.push(v);
  };
  if (hasMember(node, 'default')) add(node.default);
  const enumValues = own(node, 'enum');
  if (Array.isArray(enumValues)) for (const v of enumValues) add(v);
  if (hasMember(node, 'properties')) return out;
  const t = own(node, 'type');
  const types = typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
  const has = (k: string): boolean => types.includes(k);
  numbers(node, has('integer') && !has('number'), has('number'), add);
  if (has('string') || hasMember(node, 'minLength') || hasMember(node, 'maxLength')) strings(node, has('string'), add);
  if (has('boolean')) [true, false].forEach(add);
  if (has('null')) add(null);
  if (has('array') || hasMember(node, 'items')) arrays(node, add);
  if (has('object')) add({});
  return out;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function numbers(node: JsonObject, integerOnly: boolean, fractional: boolean, add: (v: unknown) => void): void {
  const min = num(node.minimum);
  const max = num(node.maximum);
  const step = integerOnly ? 1 : 0.5;
  if (min !== undefined) add(node.exclusiveMinimum === true ? min + step : min);
  if (max !== undefined) add(node.exclusiveMaximum === true ? max - step : max);
  if (fractional) add((min ?? 0) + 0.5);
  if (integerOnly || fractional) add(min ?? 0);
}

function strings(node: JsonObject, typed: boolean, add: (v: unknown) => void): void {
  const seed = typeof node.default === 'string' && node.default !== '' ? node.default : 'a';
  const stretch = (n: number): string => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
  for (const key of ['minLength', 'maxLength']) {
    const n = num(node[key]);
    if (n !== undefined && n >= 0 && n <= MAX_LENGTH) add(stretch(Math.floor(n)));
  }
  if (typed) {
    add('');
    add('a');
  }
}

function arrays(node: JsonObject, add: (v: unknown) => void): void {
  add([]);
  const items = node.items;
  if (!isJsonObject(items)) return;
  const itemValues = hasMember(items, 'properties') ? [...valuesFor(items), itemDefaults(items)] : valuesFor(items).slice(0, 6);
  for (const v of itemValues) add([v]);
  const first = itemValues[0];
  if (first === undefined) return;
  for (const key of ['minItems', 'maxItems']) {
    const n = num(node[key]);
    if (n !== undefined && n > 1 && n <= MAX_ITEMS) add(Array.from({ length: Math.floor(n) }, () => first));
  }
}

/** The defaults an object item gets from its own properties (defaults do not reach array items, but a user copying them would). */
function itemDefaults(items: JsonObject): JsonObject {
  const out: JsonObject = {};
  const props = own(items, 'properties');
  if (isJsonObject(props)) for (const name of Object.keys(props)) if (hasMember(props[name], 'default')) setOwn(out, name, own(props[name], 'default'));
  return out;
}

/**
 * A copy of `doc` with the value at `path` replaced (objects along the path are copied, missing
 * ones created); undefined when something on the path is not an object.
 */
export function withValue(doc: JsonObject, path: readonly string[], value: unknown): JsonObject | undefined {
  if (path.length === 0) return isJsonObject(value) ? value : undefined;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: JsonObject = {};
  for (const key of Object.keys(doc)) setOwn(copy, key, doc[key]);
  if (rest.length === 0) {
    setOwn(copy, head, value);
    return copy;
  }
  const inner = hasMember(doc, head) ? doc[head] : {};
  if (!isJsonObject(inner)) return undefined;
  const replaced = withValue(inner, rest, value);
  if (!replaced) return undefined;
  setOwn(copy, head, replaced);
  return copy;
}

/** The value at a path of property names, own members only. */
export function valueAtPath(doc: unknown, path: readonly string[]): unknown {
  let node = doc;
  for (const name of path) node = own(node, name);
  return node;
}

/** The schema of the option at a path of property names (through `properties` only). */
export function schemaAtPath(schema: unknown, path: readonly string[]): unknown {
  let node = schema;
  for (const name of path) node = own(own(node, 'properties'), name);
  return node;
}
