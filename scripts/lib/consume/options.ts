/**
 * The install options a config.json declares, flattened into rows for tables (`universe
 * describe`, the web catalogue): nested properties get dotted names and follow their parent.
 */
import { hasOwn, isJsonObject } from '../render/objects.js';

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
  /** 0 for a top-level option, 1 for its properties, and so on. */
  depth: number;
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
    }
    out.push(row);
    if (isJsonObject(prop)) walk(prop, name, depth + 1, out);
  }
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
