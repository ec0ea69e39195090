import { hasOwn, isJsonObject, type JsonObject } from './objects.js';

/**
 * What the options context can hold at some path, as far as config.json and resource.json
 * tell: anything (`any`), a scalar (`leaf`), a list (`array`: any sub-path, items of `item`
 * shape), or an object with known members (`open`: undeclared members may exist too).
 */
export type Shape =
  | { kind: 'any' }
  | { kind: 'leaf' }
  | { kind: 'array'; item: Shape }
  | { kind: 'object'; members: Map<string, Shape>; open: boolean };

const ANY: Shape = { kind: 'any' };
const LEAF: Shape = { kind: 'leaf' };
const SCALARS = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const BRANCHES = ['allOf', 'anyOf', 'oneOf'];

/**
 * The shape of a property schema. Members of an object are those declared under
 * `properties`, including conditional ones declared inside `allOf`/`anyOf`/`oneOf` branches and
 * schema-valued `dependencies` (a common DC/OS idiom: options that exist when a flag is on).
 * An object is closed unless its `additionalProperties` is `true` or a schema, or it has
 * `patternProperties`: an explicit invitation to undeclared members. (Most DC/OS configs omit
 * `additionalProperties`; treating that as open would make every typo "resolvable", so the
 * omission counts as closed for typo-finding purposes.) A `$ref` accepts anything.
 */
export function schemaShape(schema: unknown): Shape {
  if (!isJsonObject(schema) || hasOwn(schema, '$ref')) return ANY;
  const members = objectMembers(schema, 0);
  if (members) {
    // A default object may carry members the schema does not list: they exist at render time.
    if (isJsonObject(schema.default)) for (const k of Object.keys(schema.default)) if (!members.has(k)) members.set(k, ANY);
    const extra = schema.additionalProperties;
    return { kind: 'object', members, open: extra === true || isJsonObject(extra) || isJsonObject(schema.patternProperties) };
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 1 && types[0] === 'array') {
    const items = schema.items;
    return { kind: 'array', item: isJsonObject(items) && objectMembers(items, 0) ? schemaShape(items) : ANY };
  }
  if (types.length > 0 && types.every((t) => typeof t === 'string' && SCALARS.has(t))) return LEAF;
  return ANY;
}

/** Members declared by a schema and its branches; undefined when it declares none anywhere. */
function objectMembers(schema: JsonObject, depth: number): Map<string, Shape> | undefined {
  if (depth > 16) return undefined;
  let members: Map<string, Shape> | undefined;
  const add = (name: string, shape: Shape): void => {
    members ??= new Map();
    const had = members.get(name);
    members.set(name, had ? unionShape(had, shape) : shape);
  };
  if (isJsonObject(schema.properties)) {
    members = new Map();
    for (const name of Object.keys(schema.properties)) add(name, schemaShape(schema.properties[name]));
  }
  const branches: unknown[] = [];
  for (const k of BRANCHES) if (Array.isArray(schema[k])) branches.push(...(schema[k] as unknown[]));
  if (isJsonObject(schema.dependencies)) branches.push(...Object.values(schema.dependencies));
  for (const b of branches) {
    if (!isJsonObject(b)) continue;
    const inner = objectMembers(b, depth + 1);
    if (inner) for (const [k, s] of inner) add(k, s);
  }
  return members;
}

/** The shape of an actual JSON value (resource.json): exactly its members. */
export function valueShape(value: unknown): Shape {
  if (Array.isArray(value)) return { kind: 'array', item: ANY };
  if (!isJsonObject(value)) return LEAF;
  const members = new Map<string, Shape>();
  for (const k of Object.keys(value)) members.set(k, valueShape(value[k]));
  return { kind: 'object', members, open: false };
}

/** Union of two shapes (a config property and resource.json both named `resource`, say). */
export function unionShape(a: Shape, b: Shape): Shape {
  if (a.kind === 'object' && b.kind === 'object') {
    const members = new Map(a.members);
    for (const [k, s] of b.members) members.set(k, members.has(k) ? unionShape(members.get(k)!, s) : s);
    return { kind: 'object', members, open: a.open || b.open };
  }
  if (a.kind === 'leaf') return b;
  if (b.kind === 'leaf') return a;
  return ANY;
}

/** The shape a dotted path names inside `shape`, or undefined when it can name nothing. */
export function resolvePath(shape: Shape, names: readonly string[]): Shape | undefined {
  let s = shape;
  for (const n of names) {
    if (s.kind === 'any' || s.kind === 'array') return ANY;
    if (s.kind === 'leaf') return undefined;
    const m = s.members.get(n);
    if (m) s = m;
    else if (s.open) return ANY;
    else return undefined;
  }
  return s;
}

/** Every dotted path declared in a shape (objects only, to a sane depth), for suggestions. */
export function declaredPaths(shape: Shape, prefix = '', depth = 0, out: string[] = []): string[] {
  if (shape.kind !== 'object' || depth > 8) return out;
  for (const [k, s] of shape.members) {
    const p = prefix === '' ? k : `${prefix}.${k}`;
    out.push(p);
    declaredPaths(s, p, depth + 1, out);
  }
  return out;
}
