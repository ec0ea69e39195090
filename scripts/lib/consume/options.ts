/**
 * The install options a config.json declares, flattened into rows for tables (`universe
 * describe`; the web catalogue, plain browser JavaScript, has its own copy of the walk and of
 * the constraint notes in web/catalogue/options-table.js): nested properties get dotted names
 * and follow their parent.
 */
import { hasOwn } from '../render/objects.js';
import { isJsonObject } from '../json/object.js';

/** One option of config.json. */
export interface OptionRow {
  /** Dotted path: `service.name`. */
  name: string;
  /** The schema's `type` (several joined with `|`); absent when it declares none. */
  type?: string;
  /** Whether the option declares a `default` (which may be null). */
  hasDefault: boolean;
  default?: unknown;
  /** Listed in its parent's `required`. */
  required: boolean;
  description?: string;
  /** What values the schema allows beyond the type (enum, bounds, lengths, pattern, format); absent when it says nothing. */
  constraints?: OptionConstraints;
  /** 0 for a top-level option, 1 for its properties, and so on. */
  depth: number;
}

/**
 * The constraints of one option, as config.json states them (the ones the web catalogue's option
 * table shows). A bound is exclusive when config.json says so: draft-04's `exclusiveMinimum: true`,
 * or a number there (later drafts), which then is the bound.
 */
export interface OptionConstraints {
  enum?: unknown[];
  minimum?: number;
  exclusiveMinimum?: boolean;
  maximum?: number;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

// Far deeper than any real config.json; keeps a hostile one from recursing without bound.
const MAX_DEPTH = 32;

/** Every option config.json declares, in declaration order (the order DC/OS forms show them). */
export function flattenOptions(config: unknown): OptionRow[] {
  const out: OptionRow[] = [];
  if (isJsonObject(config)) walk(config, '', 0, out);
  return out;
}

function walk(schema: Record<string, unknown>, prefix: string, depth: number, out: OptionRow[]): void {
  const props = schema.properties;
  if (!isJsonObject(props) || depth >= MAX_DEPTH) return;
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const key of Object.keys(props)) {
    const prop = props[key];
    const name = prefix === '' ? key : `${prefix}.${key}`;
    const row: OptionRow = { name, hasDefault: false, required: required.includes(key), depth };
    if (isJsonObject(prop)) {
      const type = typeName(prop.type);
      if (type !== undefined) row.type = type;
      if (hasOwn(prop, 'default')) {
        row.hasDefault = true;
        row.default = prop.default;
      }
      if (typeof prop.description === 'string') row.description = prop.description;
      const c = optionConstraints(prop);
      if (c) row.constraints = c;
    }
    out.push(row);
    if (isJsonObject(prop)) walk(prop, name, depth + 1, out);
  }
}

/** The constraints an option's schema states, in a fixed key order; undefined when it states none. */
function optionConstraints(schema: Record<string, unknown>): OptionConstraints | undefined {
  const c: OptionConstraints = {};
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (Array.isArray(schema.enum)) c.enum = [...schema.enum];
  for (const [bound, exclusive] of [['minimum', 'exclusiveMinimum'], ['maximum', 'exclusiveMaximum']] as const) {
    const value = schema[bound];
    const flag = schema[exclusive];
    if (num(flag) && (!num(value) || (bound === 'minimum' ? flag >= value : flag <= value))) {
      c[bound] = flag;
      c[exclusive] = true;
    } else if (num(value)) {
      c[bound] = value;
      if (flag === true) c[exclusive] = true;
    }
  }
  if (num(schema.minLength)) c.minLength = schema.minLength;
  if (num(schema.maxLength)) c.maxLength = schema.maxLength;
  if (typeof schema.pattern === 'string') c.pattern = schema.pattern;
  if (typeof schema.format === 'string') c.format = schema.format;
  return Object.keys(c).length > 0 ? c : undefined;
}

/**
 * Constraints as short notes for people, in the catalogue's order: `one of "a", "b"`, `>= 1`,
 * `< 10`, `at least 1 character`, `at most 63 characters`, `matches ^[a-z]+$`, `format uri`.
 */
export function constraintNotes(c: OptionConstraints): string[] {
  const out: string[] = [];
  const chars = (n: number): string => `${n} character${n === 1 ? '' : 's'}`;
  if (c.enum) out.push(`one of ${c.enum.map((v) => JSON.stringify(v) ?? String(v)).join(', ')}`);
  if (c.minimum !== undefined) out.push(`${c.exclusiveMinimum ? '>' : '>='} ${c.minimum}`);
  if (c.maximum !== undefined) out.push(`${c.exclusiveMaximum ? '<' : '<='} ${c.maximum}`);
  if (c.minLength !== undefined) out.push(`at least ${chars(c.minLength)}`);
  if (c.maxLength !== undefined) out.push(`at most ${chars(c.maxLength)}`);
  if (c.pattern !== undefined) out.push(`matches ${c.pattern}`);
  if (c.format !== undefined) out.push(`format ${c.format}`);
  return out;
}

function typeName(t: unknown): string | undefined {
  if (typeof t === 'string') return t;
  if (Array.isArray(t) && t.every((x) => typeof x === 'string')) return t.join('|');
  return undefined;
}

/** The schema of the option at a path of property names, when config.json declares it. */
export function optionSchema(config: unknown, path: readonly string[]): Record<string, unknown> | undefined {
  let node: unknown = config;
  for (const key of path) {
    const props = isJsonObject(node) ? node.properties : undefined;
    if (!isJsonObject(props) || !hasOwn(props, key)) return undefined;
    node = props[key];
  }
  return isJsonObject(node) ? node : undefined;
}
