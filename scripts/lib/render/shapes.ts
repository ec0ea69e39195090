import { hasOwn } from './objects.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

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
  const type = schema.type;
  if (type === 'array' || (Array.isArray(type) && type.length === 1 && type[0] === 'array')) {
    // Items that declare members give the elements a shape; anything else accepts any sub-path.
    const item = isJsonObject(schema.items) ? schemaShape(schema.items) : ANY;
    return { kind: 'array', item: item.kind === 'object' ? item : ANY };
  }
  if (typeof type === 'string' ? SCALARS.has(type) : Array.isArray(type) && type.length > 0 && type.every((t) => typeof t === 'string' && SCALARS.has(t))) return LEAF;
  return ANY;
}

/** Members declared by a schema and its branches; undefined when it declares none anywhere. */
function objectMembers(schema: JsonObject, depth: number): Map<string, Shape> | undefined {
  if (depth > 16) return undefined;
  let members: Map<string, Shape> | undefined;
  const props = schema.properties;
  if (isJsonObject(props)) {
    members = new Map();
    for (const name of Object.keys(props)) addMember(members, name, schemaShape(props[name]));
  }
  for (const k of BRANCHES) {
    const list = schema[k];
    if (Array.isArray(list)) for (const b of list) members = addBranch(members, b, depth);
  }
  const deps = schema.dependencies;
  if (isJsonObject(deps)) for (const k of Object.keys(deps)) members = addBranch(members, deps[k], depth);
  return members;
}

function addMember(members: Map<string, Shape>, name: string, shape: Shape): void {
  const had = members.get(name);
  members.set(name, had ? unionShape(had, shape) : shape);
}

/** Adds the members a branch declares (allOf/anyOf/oneOf item, schema-valued dependency). */
function addBranch(members: Map<string, Shape> | undefined, branch: unknown, depth: number): Map<string, Shape> | undefined {
  if (!isJsonObject(branch)) return members;
  const inner = objectMembers(branch, depth + 1);
  if (!inner) return members;
  const out = members ?? new Map<string, Shape>();
  for (const [k, s] of inner) addMember(out, k, s);
  return out;
}

/** The shape of an actual JSON value (resource.json): exactly its members. */
export function valueShape(value: unknown): Shape {
  if (Array.isArray(value)) return { kind: 'array', item: ANY };
  if (!isJsonObject(value)) return LEAF;
  return new ValueObjectShape(value);
}

/**
 * An object of resource.json, whose members are only looked at when a reference reaches them:
 * templates name a few paths of a document that can be large (icons, assets, CLI binaries).
 */
class ValueObjectShape {
  readonly kind = 'object';
  readonly open = false;
  private built: Map<string, Shape> | undefined;

  constructor(private readonly value: JsonObject) {}

  get members(): Map<string, Shape> {
    if (!this.built) {
      this.built = new Map();
      for (const k of Object.keys(this.value)) this.built.set(k, valueShape(this.value[k]));
    }
    return this.built;
  }
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
