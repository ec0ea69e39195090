import { escapePointerToken } from '../json/pointer.js';
import { sortIssues, describeValue, didYouMean, jsonType, nameOf, typeList, type SchemaIssue } from './issue.js';

/** The part of an ajv error (compiled with `verbose`) the messages use. */
export interface AjvError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  /** Set on errors about a property name (propertyNames). */
  propertyName?: string;
  schema?: unknown;
  parentSchema?: unknown;
  data?: unknown;
}

/** Most issues reported for one document: past this, one more issue says how many were left out. */
const MAX_ISSUES = 50;

/**
 * Friendly wording for the patterns our schemas use, so users read what is expected rather than
 * a regular expression. Unknown patterns fall back to showing the expression.
 */
const PATTERN_HINTS: Record<string, string> = {
  '^[^\\s]+$': 'must not contain whitespace',
  '^[a-z][a-z0-9-]*[a-z0-9]$': "must be a package name: lowercase letters, digits and '-', starting with a letter and not ending with '-'",
  '^[-a-zA-Z0-9.]+$': "may only contain letters, digits, '-' and '.'",
  '^(\\*|[-a-zA-Z0-9.]+)$': "must be \"*\" or a version made of letters, digits, '-' and '.'",
  '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?$':
    'must be a semantic version without build metadata, such as 1.2.3 or 1.2.3-beta.1',
  '^(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*$': 'must be dotted integers without leading zeros, such as 1.10',
  '^[a-z][a-z0-9]*(-[a-z0-9]+)*$': "must be a kebab-case id: lowercase words of letters and digits joined by '-'",
  '^https?://': 'must be an http:// or https:// URL',
  '^[0-9a-fA-F]{64}$': 'must be 64 hexadecimal digits (a sha256 hash)',
};

/**
 * Turns ajv errors into sorted, deduplicated issues with one-sentence messages. `doc` names the
 * document (e.g. `package.json`) for issues about the whole file. Callers apply {@link limitIssues}.
 */
export function toIssues(errors: readonly AjvError[], doc: string): SchemaIssue[] {
  const seen = new Set<string>();
  const out: SchemaIssue[] = [];
  for (const e of simplifyAlternatives(errors)) {
    const issue = toIssue(e, doc);
    const key = `${issue.pointer}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return sortIssues(out);
}

/** Keeps the first {@link MAX_ISSUES} - 1 issues and says how many more there were. */
export function limitIssues(issues: SchemaIssue[]): SchemaIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const kept = issues.slice(0, MAX_ISSUES - 1);
  const more = issues.length - kept.length;
  kept.push({ pointer: '', keyword: 'limit', message: `${more} more schema problems not shown: fix the ones above and validate again` });
  return kept;
}

/** Keywords whose errors are about members of an object, not about the value's own shape. */
const MEMBER_KEYWORDS = new Set(['required', 'additionalProperties', 'dependencies', 'propertyNames']);

/**
 * For anyOf/oneOf, ajv reports every failed alternative. Keep the most relevant one: errors
 * deeper inside the value come from the alternative whose type matched, so they win over the
 * type mismatches of the others; when nothing went deeper, a non-type error at the same place
 * (e.g. an enum) wins; when only types failed, the alternatives merge into one type error.
 * This works across $refs, where ajv's schema paths restart and cannot be matched to branches.
 */
function simplifyAlternatives(errors: readonly AjvError[]): AjvError[] {
  // Indexes keep this linear: hostile documents can produce tens of thousands of errors.
  const byPath = new Map<string, AjvError[]>();
  const hasDeeper = new Set<string>();
  const badNames = new Set<string>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath);
    if (list) list.push(e);
    else byPath.set(e.instancePath, [e]);
    if (e.propertyName !== undefined) badNames.add(`${e.instancePath}\u0000${e.propertyName}`);
    for (let i = e.instancePath.lastIndexOf('/'); i >= 0; i = e.instancePath.lastIndexOf('/', i - 1)) {
      const parent = e.instancePath.slice(0, i);
      if (hasDeeper.has(parent)) break; // its ancestors were added with it
      hasDeeper.add(parent);
      if (i === 0) break;
    }
  }
  const dropped = new Set<AjvError>();
  const added: AjvError[] = [];
  for (const combo of errors) {
    if (combo.keyword !== 'anyOf' && combo.keyword !== 'oneOf') continue;
    if (Array.isArray(combo.params.passingSchemas)) continue; // oneOf matched twice: keep it
    const at = combo.instancePath;
    const same = byPath.get(at)!.filter((e) => e !== combo && !dropped.has(e) && e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
    dropped.add(combo);
    if (hasDeeper.has(at)) {
      // The alternative that went deeper is the relevant one: drop what the others said here,
      // keeping only errors about members of the value, which come from an object alternative.
      for (const e of same) if (!MEMBER_KEYWORDS.has(e.keyword)) dropped.add(e);
      continue;
    }
    const types = same.filter((e) => e.keyword === 'type');
    for (const t of types) dropped.add(t);
    if (types.length === same.length) {
      const merged = [...new Set(types.flatMap((t) => (Array.isArray(t.params.type) ? t.params.type : [t.params.type])))];
      added.push({ ...combo, keyword: 'type', params: { type: merged.length ? merged : ['a matching value'] } });
    }
  }
  // ajv reports a bad property name twice: the inner error (with the reason) is kept.
  for (const e of errors) {
    if (e.keyword === 'propertyNames' && badNames.has(`${e.instancePath}\u0000${String(e.params.propertyName)}`)) dropped.add(e);
  }
  return [...errors.filter((e) => !dropped.has(e)), ...added];
}

function toIssue(e: AjvError, doc: string): SchemaIssue {
  const p = e.params;
  const where = e.instancePath;
  const at = nameOf(where, doc);
  const found = describeValue(e.data);
  switch (e.keyword) {
    case 'required': {
      const prop = String(p.missingProperty);
      const inWhere = where === '' ? '' : ` in ${at}`;
      return { pointer: where, keyword: e.keyword, message: `missing required property '${prop}'${inWhere}: add it` };
    }
    case 'additionalProperties': {
      const prop = String(p.additionalProperty);
      const allowed = Object.keys(propertiesOf(e.parentSchema));
      const inWhere = where === '' ? '' : ` in ${at}`;
      const guess = didYouMean(prop, allowed);
      const hint = guess ? `did you mean '${guess}'?` : allowed.length ? `allowed: ${allowed.join(', ')}` : 'no properties are allowed here';
      return { pointer: `${where}/${escapePointerToken(prop)}`, keyword: e.keyword, message: `unknown property '${prop}'${inWhere}: remove it or check its spelling (${hint})` };
    }
    case 'type': {
      const expected = typeList(Array.isArray(p.type) ? p.type.map(String) : [String(p.type)]);
      return { pointer: where, keyword: e.keyword, message: `${at} must be ${expected}, not ${jsonType(e.data)}${scalarSuffix(e.data)}` };
    }
    case 'const':
      return { pointer: where, keyword: e.keyword, message: `${at} must be ${JSON.stringify(p.allowedValue)} (found ${found})` };
    case 'enum': {
      const values = Array.isArray(p.allowedValues) ? p.allowedValues.map((v) => JSON.stringify(v)) : [];
      const expected = values.length === 1 ? values[0]! : `one of ${values.join(', ')}`;
      return { pointer: where, keyword: e.keyword, message: `${at} must be ${expected} (found ${found})` };
    }
    case 'pattern':
      return patternIssue(e, at, found);
    case 'minLength':
      return { pointer: where, keyword: e.keyword, message: p.limit === 1 ? `${at} must not be empty` : `${at} must be at least ${String(p.limit)} characters long (found ${found})` };
    case 'minItems':
      return { pointer: where, keyword: e.keyword, message: p.limit === 1 ? `${at} must not be an empty list` : `${at} must have at least ${String(p.limit)} items` };
    case 'minProperties':
      return { pointer: where, keyword: e.keyword, message: `${at} must have at least ${String(p.limit)} ${p.limit === 1 ? 'property' : 'properties'}` };
    case 'uniqueItems': {
      // Point at the later of the two equal items: the earlier one is the original.
      const later = Math.max(Number(p.i), Number(p.j));
      const earlier = Math.min(Number(p.i), Number(p.j));
      const pointer = `${where}/${later}`;
      return { pointer, keyword: e.keyword, message: `${nameOf(pointer, doc)} repeats item ${earlier} (${describeValue(arrayItem(e.data, later))}): remove the duplicate` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than' };
      return { pointer: where, keyword: e.keyword, message: `${at} must be ${words[e.keyword]!} ${String(p.limit)} (found ${found})` };
    }
    case 'dependencies':
      return { pointer: where, keyword: e.keyword, message: `${at} has '${String(p.property)}' but not '${String(p.missingProperty)}', which it requires: add '${String(p.missingProperty)}' or remove '${String(p.property)}'` };
    case 'propertyNames':
      return { pointer: `${where}/${escapePointerToken(String(p.propertyName))}`, keyword: e.keyword, message: `${at} has an invalid key '${String(p.propertyName)}': rename it` };
    case 'oneOf':
      return { pointer: where, keyword: e.keyword, message: `${at} matches more than one of the allowed shapes: make it match exactly one` };
    default:
      return { pointer: where, keyword: e.keyword, message: `${at} ${e.message ?? 'is invalid'}` };
  }
}

/** Pattern errors, including those about a property name (ajv's propertyNames reports those). */
function patternIssue(e: AjvError, at: string, found: string): SchemaIssue {
  const pattern = String(e.params.pattern);
  const hint = PATTERN_HINTS[pattern] ?? `must match the pattern /${pattern}/`;
  if (e.propertyName !== undefined) {
    const key = e.propertyName;
    return { pointer: `${e.instancePath}/${escapePointerToken(key)}`, keyword: 'propertyNames', message: `the key '${key}' in ${at} ${hint}: rename it` };
  }
  return { pointer: e.instancePath, keyword: e.keyword, message: `${at} ${hint} (found ${found})` };
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null) return {};
  const props = (schema as { properties?: unknown }).properties;
  return typeof props === 'object' && props !== null ? (props as Record<string, unknown>) : {};
}

function arrayItem(data: unknown, index: unknown): unknown {
  return Array.isArray(data) && typeof index === 'number' ? data[index] : undefined;
}

function scalarSuffix(v: unknown): string {
  return typeof v === 'object' && v !== null ? '' : ` (${describeValue(v)})`;
}
