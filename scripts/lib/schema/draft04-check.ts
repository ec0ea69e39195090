/**
 * A fast yes/no answer to "does schema-config-draft04 find nothing?": the generated `configMeta`
 * validator (schema/config-draft04-meta.schema.json) accepts the schema and every regular
 * expression in it compiles (config-regex.ts). Nearly every config.json passes, while the
 * generated code pays for its error reporting on every subschema (an instance path built per
 * property, ~35 keyword lookups per object) and the regex walk visits every subschema again, so
 * validators.ts asks this first, in one walk, and runs both only when it says no.
 *
 * It is also what lets a deeply nested config.json through: the generated validator recurses
 * once per subschema and overflows the stack on a schema nested about as deep as a repository
 * may allow (maxJsonDepth up to 1000), which this walk, iterative, clears when it is clean.
 * Measured on whole universes it saves only a few percent of a validation (see the README's
 * Benchmark section); the depth is why it stays.
 *
 * It must never say yes where they find a problem; saying no where they find none only costs
 * time (it does so for enums of objects or arrays rather than compare them deeply). It reads an
 * object's own keys instead of looking up every keyword. test/schema/draft04-check.test.ts
 * compares it with the generated validator and the regex walk, and fails when the meta-schema
 * gains a keyword this file does not list in {@link DRAFT04_KEYWORDS}.
 */
import { isJsonObject } from '../json/object.js';

/**
 * The keywords of the draft-04 meta-schema this check knows (the meta-schema's `properties`).
 * @internal Exported for the test that compares it with the meta-schema.
 */
export const DRAFT04_KEYWORDS: readonly string[] = [
  'id', '$schema', 'title', 'description', 'default', 'multipleOf', 'maximum', 'exclusiveMaximum',
  'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'additionalItems', 'items',
  'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'required',
  'additionalProperties', 'definitions', 'properties', 'patternProperties', 'dependencies', 'enum',
  'type', 'format', 'allOf', 'anyOf', 'oneOf', 'not',
];

const SIMPLE_TYPES: ReadonlySet<unknown> = new Set(['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);

/**
 * True when the meta-schema certainly accepts `schema` and all its regular expressions compile;
 * false when something is wrong or may be.
 */
export function isCleanDraft04(schema: unknown): boolean {
  // Iterative: a deeply nested schema cannot exhaust the stack.
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const s = stack.pop();
    if (!isJsonObject(s)) return false;
    const o = s;
    for (const k in o) {
      const v = o[k];
      switch (k) {
        case 'id':
        case '$schema':
        case 'title':
        case 'description':
        case 'format':
          if (typeof v !== 'string') return false;
          break;
        case 'pattern':
          if (typeof v !== 'string' || !compiles(v)) return false;
          break;
        case 'default':
          break; // any JSON value
        case 'multipleOf':
          if (typeof v !== 'number' || !(v > 0)) return false;
          break;
        case 'maximum':
        case 'minimum':
          if (typeof v !== 'number') return false;
          break;
        case 'exclusiveMaximum':
          if (typeof v !== 'boolean' || o.maximum === undefined) return false;
          break;
        case 'exclusiveMinimum':
          if (typeof v !== 'boolean' || o.minimum === undefined) return false;
          break;
        case 'maxLength':
        case 'minLength':
        case 'maxItems':
        case 'minItems':
        case 'maxProperties':
        case 'minProperties':
          if (!Number.isInteger(v) || (v as number) < 0) return false;
          break;
        case 'uniqueItems':
          if (typeof v !== 'boolean') return false;
          break;
        case 'additionalItems':
        case 'additionalProperties':
          if (typeof v !== 'boolean') stack.push(v);
          break;
        case 'not':
          stack.push(v);
          break;
        case 'items':
          if (!Array.isArray(v)) stack.push(v);
          else if (!pushSchemaArray(v, stack)) return false;
          break;
        case 'allOf':
        case 'anyOf':
        case 'oneOf':
          if (!Array.isArray(v) || !pushSchemaArray(v, stack)) return false;
          break;
        case 'required':
          if (!isStringArray(v)) return false;
          break;
        case 'patternProperties':
          if (!pushSchemaMap(v, stack)) return false;
          for (const key in v as object) if (!compiles(key)) return false;
          break;
        case 'definitions':
        case 'properties':
          if (!pushSchemaMap(v, stack)) return false;
          break;
        case 'dependencies':
          if (!pushDependencies(v, stack)) return false;
          break;
        case 'enum':
          if (!isDistinctScalars(v)) return false;
          break;
        case 'type':
          if (Array.isArray(v) ? !isTypeList(v) : !SIMPLE_TYPES.has(v)) return false;
          break;
        default:
          break; // other members are not keywords: the meta-schema allows them
      }
    }
  }
  return true;
}

/** Whether a pattern compiles in unicode mode, as config-regex.ts requires. */
function compiles(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A non-empty list of schemas (checked when popped). */
function pushSchemaArray(v: unknown[], stack: unknown[]): boolean {
  if (v.length === 0) return false;
  for (const item of v) stack.push(item);
  return true;
}

/** An object whose members are schemas (checked when popped). */
function pushSchemaMap(v: unknown, stack: unknown[]): boolean {
  if (!isJsonObject(v)) return false;
  for (const k in v) stack.push(v[k]);
  return true;
}

/** An object whose members are schemas or non-empty lists of distinct strings. */
function pushDependencies(v: unknown, stack: unknown[]): boolean {
  if (!isJsonObject(v)) return false;
  for (const k in v) {
    const d = v[k];
    if (!Array.isArray(d)) stack.push(d);
    else if (!isStringArray(d)) return false;
  }
  return true;
}

/** A non-empty list of distinct strings. */
function isStringArray(v: unknown): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const s of v) if (typeof s !== 'string') return false;
  return v.length === 1 || new Set(v).size === v.length;
}

/** A non-empty list of distinct simple type names. */
function isTypeList(v: unknown[]): boolean {
  if (v.length === 0) return false;
  for (const t of v) if (!SIMPLE_TYPES.has(t)) return false;
  return v.length === 1 || new Set(v).size === v.length;
}

/**
 * A non-empty list of distinct values, when they are all scalars (a Set compares those as the
 * meta-schema's deep equality does: JSON has no NaN, and 0 equals -0 in both). Lists holding
 * objects or arrays are left to the generated validator.
 */
function isDistinctScalars(v: unknown): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const x of v) if (typeof x === 'object' && x !== null) return false;
  return v.length === 1 || new Set(v).size === v.length;
}
