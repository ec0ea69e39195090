/**
 * The user's options file for `universe render`: strict JSON, and every reason the options do
 * not satisfy config.json as a diagnostic pointing into that file (or, for a wrong default the
 * user did not touch, into config.json).
 */
import { flattenOptions, optionSchema } from '../consume/options.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { locatePointer, offsetToLineColumn, parseJsonText } from '../json/document.js';
import { parsePointer, toPointer } from '../json/pointer.js';
import { Candidates, suggest } from '../render/closest.js';
import { describeOption } from '../render/issue-messages.js';
import { defaultPointer } from '../render/locate.js';
import { hasOwn } from '../render/objects.js';
import type { OptionIssue } from '../render/validate.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** The user's options file: its path as given (shown in diagnostics) and its text. */
export interface OptionsFile {
  file: string;
  text: string;
}

/** Nesting accepted in an options file (the limit repository files have by default). */
const MAX_OPTIONS_DEPTH = 64;

/** A diagnostic located by offset (or 1:1 without text). Render diagnostics are always errors. */
export function diagnosticAt(code: string, file: string, pointer: string, text: string | undefined, offset: number | undefined, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  const at = text !== undefined && offset !== undefined ? offsetToLineColumn(text, offset) : { line: 1, column: 1 };
  return { code, severity: 'error', message, file, pointer, line: at.line, column: at.column, ...extra };
}

/** A diagnostic at a JSON pointer of a JSON text (its deepest existing ancestor when it runs past the text). */
function diagnosticAtPointer(code: string, file: string, pointer: string, text: string | undefined, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return diagnosticAt(code, file, pointer, text, text === undefined ? undefined : locatePointer(text, pointer), message, extra);
}

/** Parses the options file strictly: syntax errors, duplicate keys, excessive depth and a non-object are diagnostics. */
export function parseOptionsFile(options: OptionsFile): { ok: true; value: JsonObject } | { ok: false; diagnostics: Diagnostic[] } {
  const { file, text } = options;
  const doc = parseJsonText(text, { maxDepth: MAX_OPTIONS_DEPTH, checkAscii: false });
  const out: Diagnostic[] = [];
  for (const p of doc.problems) {
    if (p.kind === 'too-deep') out.push(diagnosticAt('options-too-deep', file, p.pointer, text, p.offset, `the options nest deeper than ${MAX_OPTIONS_DEPTH} levels: flatten them`));
    if (p.kind === 'duplicate-key') {
      const first = p.firstLine !== undefined ? ` (first at line ${p.firstLine})` : '';
      out.push(diagnosticAt('options-duplicate-key', file, p.pointer, text, p.offset, `option '${p.key ?? ''}' is given twice in the same object${first}: remove one, since only the last would count`));
    }
  }
  if (doc.syntaxError) out.push(diagnosticAt('options-syntax', file, '', text, doc.syntaxError.offset, `the options file is not valid JSON (${doc.syntaxError.message}): it must hold one JSON object`));
  if (out.length > 0 || doc.value === undefined) return { ok: false, diagnostics: out };
  if (!isJsonObject(doc.value)) {
    const kind = doc.value === null ? 'null' : Array.isArray(doc.value) ? 'an array' : `a ${typeof doc.value}`;
    return { ok: false, diagnostics: [diagnosticAt('options-not-object', file, '', text, text.search(/\S|$/), `the options file holds ${kind}, but options must be a JSON object ({"service": {...}, ...})`)] };
  }
  return { ok: true, value: doc.value };
}

/** Where the revision's config.json is, for diagnostics about it. */
export interface ConfigFile {
  config: unknown;
  file: string;
  /** Its text, when known (to give line and column). */
  text?: string;
}

/**
 * Turns validation issues of the merged options into diagnostics. An issue about an option the
 * user gave, or about one the user must give (a required option without default), points into
 * the options file; without an options file, a missing option points at its declaration in
 * config.json. An issue about a default the user did not override is the package's defect
 * (`config-defaults`) and points at that default in config.json.
 */
export function optionDiagnostics(issues: readonly OptionIssue[], user: JsonObject, options: OptionsFile | undefined, config: ConfigFile): Diagnostic[] {
  let candidates: Candidates | undefined;
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const tokens = parsePointer(issue.pointer);
    if (issue.keyword === 'schema') {
      out.push(diagnosticAtPointer('schema-config', config.file, '', config.text, `${issue.message}: fix config.json (universe validate lists its problems)`));
    } else if (options && (issue.incomplete || has(user, tokens))) {
      let message = issue.message;
      if (issue.incomplete) message += `: add it to ${options.file}${declared(config.config, issue.property !== undefined ? [...tokens, issue.property] : tokens)}`;
      if (issue.keyword === 'additionalProperties') {
        candidates ??= new Candidates(flattenOptions(config.config).map((r) => r.name));
        const hint = suggest(describeOption(tokens), [candidates]);
        message += hint !== undefined ? `; did you mean '${hint}'?` : '; remove it or correct its name';
      }
      out.push(diagnosticAtPointer(issue.incomplete ? 'options-missing' : 'options-invalid', options.file, issue.pointer, options.text, message));
    } else if (issue.incomplete) {
      const path = issue.property !== undefined ? [...tokens, issue.property] : tokens;
      const at = optionSchema(config.config, path) ? declarationPointer(path) : issue.schemaPointer ?? '';
      out.push(diagnosticAtPointer('options-missing', config.file, at, config.text, `${issue.message}: this package needs options from you; write them to a JSON file and pass it with --options FILE${declared(config.config, path)}`));
    } else {
      const fix = options ? `set a valid value in ${options.file} to override it` : 'pass a valid value in an options file (--options FILE) to override it';
      out.push(diagnosticAtPointer('config-defaults', config.file, defaultPointer(config.config, tokens), config.text, `the default of ${issue.message}: ${fix}`, { data: { option: issue.pointer, keyword: issue.keyword } }));
    }
  }
  return out;
}

/**
 * Options the user gave that config.json does not declare where it lists `properties` (and does
 * not forbid either: `additionalProperties: false` makes them validation errors). Cosmos accepts
 * and ignores them, so a misspelt option silently keeps its default: a warning says so.
 */
export function undeclaredOptions(user: JsonObject, config: unknown, options: OptionsFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  let candidates: Candidates | undefined;
  const walk = (value: JsonObject, schema: unknown, path: string[]): void => {
    if (!isJsonObject(schema) || !isJsonObject(schema.properties) || path.length > MAX_OPTIONS_DEPTH) return;
    const props = schema.properties;
    const patterns = isJsonObject(schema.patternProperties) ? Object.keys(schema.patternProperties) : [];
    for (const key of Object.keys(value)) {
      const at = [...path, key];
      if (hasOwn(props, key)) {
        const v = value[key];
        if (isJsonObject(v)) walk(v, props[key], at);
        continue;
      }
      if (schema.additionalProperties === false || isJsonObject(schema.additionalProperties) || patterns.some((p) => matches(p, key))) continue;
      candidates ??= new Candidates(flattenOptions(config).map((r) => r.name));
      const hint = suggest(describeOption(at), [candidates]);
      const pointer = toPointer(at);
      const d = diagnosticAtPointer('options-undeclared', options.file, pointer, options.text, `option '${describeOption(at)}' is not declared in config.json, so it is ignored${hint !== undefined ? `; did you mean '${hint}'?` : ': remove it or correct its name'}`);
      out.push({ ...d, severity: 'warning' });
    }
  };
  walk(user, config, []);
  return out;
}

function matches(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(key);
  } catch {
    return false;
  }
}

/** Whether the user's options hold the member at a path. */
function has(value: unknown, tokens: readonly string[]): boolean {
  let node = value;
  for (const t of tokens) {
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(t) && Number(t) < node.length) node = node[Number(t)];
    else if (isJsonObject(node) && hasOwn(node, t)) node = node[t];
    else return false;
  }
  return true;
}

/** ` (config.json declares it as a string: "…")`, when it declares the option. */
function declared(config: unknown, path: readonly string[]): string {
  const schema = optionSchema(config, path);
  if (!schema) return '';
  const type = typeof schema.type === 'string' ? `${/^[aeiou]/.test(schema.type) ? 'an' : 'a'} ${schema.type}` : Array.isArray(schema.type) ? schema.type.join(' or ') : undefined;
  const description = typeof schema.description === 'string' ? JSON.stringify(schema.description.length > 120 ? schema.description.slice(0, 117) + '...' : schema.description) : undefined;
  if (type === undefined && description === undefined) return '';
  return ` (config.json declares it${type !== undefined ? ` as ${type}` : ''}${description !== undefined ? `: ${description}` : ''})`;
}

function declarationPointer(path: readonly string[]): string {
  return toPointer(path.flatMap((p) => ['properties', p]));
}

