import { parsePointer } from '../json/pointer.js';
import { collectDefaults } from '../render/defaults.js';
import { describeOption } from '../render/issue-messages.js';
import { mergeOptions } from '../render/merge.js';
import { validateOptions, type OptionIssue } from '../render/validate.js';
import { valueAt } from '../render/schema-walk.js';
import { optionCandidates, schemaAtPath, valueAtPath, valuesFor, withValue } from './samples.js';
import { Budget, canonical, compareText, sameValue } from './values.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** An option value that the old config.json accepts and the new one rejects. */
export interface BrokenOption {
  /** Dotted option path (`service.name`; `nodes[0].name` inside arrays; '' for the root). */
  option: string;
  /** The value that stops validating; absent for a required option the new schema wants and the defaults lack. */
  value: unknown;
  /** Why the new config.json rejects it: one sentence, no final period. */
  message: string;
}

/** The result of {@link brokenOptions}. */
export interface BrokenOptions {
  /** Deduplicated, sorted by option, value (as JSON) and message; at most `maxResults`. */
  options: BrokenOption[];
  /** How many more were found and left off. */
  truncated: number;
  /** How many samples valid under the old config.json were checked against the new one (0: the old defaults do not validate, so nothing could be sampled). */
  samples: number;
  /** True when the sample allowance ran out before every candidate value was tried. */
  partial: boolean;
}

/** Limits of {@link brokenOptions}. */
export interface BrokenOptionsLimits {
  /** Option documents validated at most (each against both schemas). */
  maxSamples: number;
  maxResults: number;
}

const DEFAULT_LIMITS: BrokenOptionsLimits = { maxSamples: 300, maxResults: 50 };
// Inputs deeper or larger than this are not sampled (the comparison itself reports them).
const MAX_INPUT_DEPTH = 100;
const MAX_INPUT_NODES = 200_000;
// Validations spent at most on making the old defaults valid.
const MAX_REPAIRS = 100;

/**
 * Which existing install options would stop validating after an upgrade from `oldSchema` to
 * `newSchema` (config.json documents). Builds option documents valid under the old schema —
 * the old defaults, and the old defaults with ONE option changed to each of its candidate
 * values (default, enum values, boundaries, one value per type: see optionCandidates) — and
 * validates each the way an upgrade does: the user's options merged over the NEW defaults,
 * against the new schema. A problem the unchanged old defaults already have is reported once
 * (against the option it names), not for every sample. Never throws; bounded work.
 */
export function brokenOptions(oldSchema: unknown, newSchema: unknown, limits: Partial<BrokenOptionsLimits> = {}): BrokenOptions {
  const { maxSamples, maxResults } = { ...DEFAULT_LIMITS, ...limits };
  const empty: BrokenOptions = { options: [], truncated: 0, samples: 0, partial: false };
  if (!isJsonObject(oldSchema) || !isJsonObject(newSchema)) return empty;
  if (!manageable(oldSchema) || !manageable(newSchema)) return { ...empty, partial: true };
  const base = completeDefaults(oldSchema);
  if (!base) return empty;
  const newDefaults = collectDefaults(newSchema);
  const budget = new Budget(1_000_000);
  const found = new Map<string, BrokenOption & { key: string }>();
  const record = (option: string, value: unknown, message: string): void => {
    const key = `${option}\u0000${canonical(value, budget) ?? ''}\u0000${message}`;
    if (!found.has(key)) found.set(key, { key, option, value, message });
  };
  const issueKey = (i: OptionIssue): string => `${i.pointer}\u0000${i.keyword}\u0000${i.message}`;
  const baseline = validateOptions(newSchema, mergeOptions(newDefaults, base));
  const known = new Set(baseline.map(issueKey));
  for (const issue of baseline) {
    const tokens = parsePointer(issue.pointer);
    if (issue.property !== undefined) tokens.push(issue.property);
    record(optionName(tokens), issue.keyword === 'schema' ? undefined : valueAt(base, tokens), sentence(issue.message));
  }
  let samples = 1;
  let partial = false;
  const options = optionCandidates(oldSchema);
  // Options whose schema changed first, then the rest (a change elsewhere, a closed parent,
  // can break them too); within each group round robin, so a cut-off leaves every option its
  // most telling values.
  const ordering = new Budget(1_000_000);
  const changed = new Set(options.filter((o) => !sameValue(schemaAtPath(oldSchema, o.path), schemaAtPath(newSchema, o.path), ordering)));
  const groups = [options.filter((o) => changed.has(o)), options.filter((o) => !changed.has(o))];
  outer: for (const group of groups) {
    const rounds = Math.max(0, ...group.map((o) => o.values.length));
    for (let round = 0; round < rounds; round++) {
      for (const { path, values } of group) {
        if (round >= values.length) continue;
        const value = values[round];
        if (sameValue(valueAtPath(base, path), value, budget)) continue;
        if (samples >= maxSamples) {
          partial = true;
          break outer;
        }
        const sample = withValue(base, path, value);
        if (!sample || validateOptions(oldSchema, sample).length > 0) continue;
        samples++;
        for (const issue of validateOptions(newSchema, mergeOptions(newDefaults, sample))) {
          if (!known.has(issueKey(issue))) record(optionName(path), value, sentence(issue.message));
        }
      }
    }
  }
  const all = [...found.values()].sort((a, b) => compareText(a.option, b.option) || compareText(a.key, b.key));
  return {
    options: all.slice(0, maxResults).map(({ key: _key, ...o }) => o),
    truncated: Math.max(0, all.length - maxResults),
    samples,
    partial,
  };
}

/**
 * The old defaults, made valid for the old schema: an option that is required but has no
 * default (a password, say), or whose default the schema itself rejects (old packages have
 * `"default": "3"` for numbers), gets the first value the schema suggests for it that removes
 * the problem. Undefined when that does not make them valid (a required value that must match
 * a pattern, say): then nothing can be sampled.
 */
function completeDefaults(schema: JsonObject): JsonObject | undefined {
  let doc: JsonObject = collectDefaults(schema);
  let issues = validateOptions(schema, doc);
  let attempts = 0;
  for (let round = 0; round < 4 && issues.length > 0; round++) {
    let changed = false;
    for (const issue of issues) {
      const path = parsePointer(issue.pointer);
      if (issue.incomplete && issue.property !== undefined) path.push(issue.property);
      const current = valueAt(doc, path);
      const node = schemaAtPath(schema, path);
      const candidates = [...valuesFor(node), ...(isJsonObject(node) ? [{}] : [])];
      for (const value of candidates) {
        if (attempts >= MAX_REPAIRS) return undefined;
        if (sameValue(current, value, new Budget(10_000))) continue;
        const next = withValue(doc, path, value);
        if (!next) continue;
        attempts++;
        const after = validateOptions(schema, next);
        if (after.length < issues.length) {
          doc = next;
          issues = after;
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return issues.length === 0 ? doc : undefined;
}

function optionName(tokens: readonly string[]): string {
  return tokens.length === 0 ? '' : describeOption(tokens);
}

/** The validator's message as a sentence: capitalised, unless it starts with a file name (`config.json …`). */
function sentence(message: string): string {
  return /^[a-z]+ /.test(message) ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

/** Whether a value is small and shallow enough to sample (no cycles, bounded depth and size). */
function manageable(root: unknown): boolean {
  let nodes = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++nodes > MAX_INPUT_NODES || depth > MAX_INPUT_DEPTH) return false;
    if (Array.isArray(node)) for (const v of node) stack.push([v, depth + 1]);
    else if (isJsonObject(node)) for (const k of Object.keys(node)) stack.push([node[k], depth + 1]);
  }
  return true;
}
