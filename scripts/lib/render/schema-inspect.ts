import { format } from '@cfworker/json-schema';
import { hasLoneSurrogate, hasOwn } from './objects.js';
import { forcesPreparation, LENIENT_FORMATS, usablePattern } from './schema-walk.js';
import { isJsonObject } from '../json/object.js';

/** What {@link inspectSchema} finds out about a config.json. */
export interface SchemaInspection {
  /**
   * {@link fastValid} can judge options against it exactly as the library would after
   * prepareSchema: every subschema is an object or a boolean, only modelled keywords are used,
   * and every keyword the check reads has a value the library evaluates without throwing.
   */
  checkable: boolean;
  /** {@link needsPreparation}'s answer; undefined when the walk stopped early (not checkable). */
  needsPreparation?: boolean;
}

// Keywords @cfworker/json-schema evaluates that fastValid does not model: a schema using any of
// them is left to the library. (`then`/`else` only act under `if`, `minContains`/`maxContains`
// only under `contains`.)
const UNMODELLED: ReadonlySet<string> = new Set([
  '$ref',
  '$recursiveRef',
  '$recursiveAnchor',
  'if',
  'propertyNames',
  'dependentRequired',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
  'prefixItems',
  'contains',
  'multipleOf',
]);

const MAX_DEPTH = 256;

/** What a value must be where it sits: anything, a schema, a map of schemas (or of patterns, or of dependencies), a list of schemas, a list. */
type Role = 'any' | 'schema' | 'properties' | 'patterns' | 'dependencies' | 'schemas' | 'list';

interface State {
  checkable: boolean;
  prepare: boolean;
}

/**
 * One read-only walk over a config.json answering both questions the option validator asks
 * before it validates: may the fast check judge it, and must the library get a prepared copy.
 * Every member is visited as {@link needsPreparation} visits it (stopping early only once the
 * schema is found not checkable); members in schema positions are also checked for the
 * subset {@link fastValid} models.
 */
export function inspectSchema(config: unknown): SchemaInspection {
  const state: State = { checkable: true, prepare: false };
  visit(config, 'schema', 0, state);
  return state.checkable ? { checkable: true, needsPreparation: state.prepare } : { checkable: false };
}

function visit(v: unknown, role: Role, depth: number, st: State): void {
  if (depth > MAX_DEPTH) {
    st.checkable = false;
    return;
  }
  if (Array.isArray(v)) {
    if (role !== 'any' && role !== 'schemas' && role !== 'list') st.checkable = false;
    const inner: Role = role === 'schemas' ? 'schema' : 'any';
    for (const x of v) {
      if (!st.checkable) return;
      visit(x, inner, depth + 1, st);
    }
    return;
  }
  if (!isJsonObject(v)) {
    if (role !== 'any' && !(role === 'schema' && (v === true || v === false))) st.checkable = false;
    return;
  }
  if (role === 'schemas' || role === 'list') st.checkable = false;
  for (const k in v) {
    if (!st.checkable) return;
    const value = v[k];
    if (!st.prepare && forcesPreparation(k, value)) st.prepare = true;
    let inner: Role = 'any';
    if (role === 'schema') inner = keywordRole(k, value, st);
    else if (role === 'properties' || role === 'patterns' || role === 'dependencies') {
      // A pattern prepareSchema drops is never seen by the library (and has already made
      // preparation necessary, so its subschema has nothing more to tell).
      if (role === 'patterns' && !usablePattern(k)) continue;
      if (hasLoneSurrogate(k)) st.checkable = false;
      inner = role === 'dependencies' && Array.isArray(value) ? 'list' : 'schema';
    }
    if (inner !== 'any' || (typeof value === 'object' && value !== null)) visit(value, inner, depth + 1, st);
  }
}

/** The role of a keyword's value in a schema, noting values fastValid cannot evaluate. */
function keywordRole(k: string, value: unknown, st: State): Role {
  switch (k) {
    case 'properties':
      return 'properties';
    case 'patternProperties':
      return 'patterns';
    case 'dependencies':
      return 'dependencies';
    case 'additionalProperties':
    case 'additionalItems':
    case 'not':
      return 'schema';
    case 'items':
      return Array.isArray(value) ? 'schemas' : 'schema';
    case 'allOf':
    case 'anyOf':
    case 'oneOf':
      return 'schemas';
    case 'enum':
    case 'required':
      return 'list';
    case 'pattern':
      if (typeof value !== 'string') st.checkable = false;
      return 'any';
    case 'format':
      // The library calls format[value] when it is set: only its own checkers are safe to call.
      if (!(typeof value === 'string' && (LENIENT_FORMATS.has(value) || hasOwn(format, value))) && (format as Record<string, unknown>)[value as string] !== undefined) st.checkable = false;
      return 'any';
    default:
      if (UNMODELLED.has(k)) st.checkable = false;
      return 'any';
  }
}
