import { dereference, validate, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { toPointer } from '../json/pointer.js';
import { dereferenceIsSafe } from './dereference-check.js';
import { fastValid } from './fast-validate.js';
import { describeOption, issueMessage } from './issue-messages.js';
import { inspectSchema } from './schema-inspect.js';
import { locationTokens, needsPreparation, prepareSchema, valueAt } from './schema-walk.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** One reason options do not satisfy config.json. */
export interface OptionIssue {
  /** RFC 6901 pointer into the options object (the parent object for a missing option). */
  pointer: string;
  /** One friendly sentence (no final period) naming the option and the offending value. */
  message: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `additionalProperties`…); `schema` when config.json could not be used. */
  keyword: string;
  /** Pointer into config.json of the failing keyword, when it is reachable without `$ref`. */
  schemaPointer?: string;
  /** For `required` and `dependencies`: the name of the missing option. */
  property?: string;
  /**
   * The options lack something only the user can supply (a required option without default,
   * or an alternative that needs one): the package needs options, its defaults are not wrong.
   */
  incomplete?: boolean;
}

// Keywords that only say "something below failed": their sub-errors are the useful ones.
const WRAPPERS = new Set(['properties', 'patternProperties', 'items', 'additionalItems', 'prefixItems', '$ref', '$recursiveRef', 'allOf', 'contains', 'dependentSchemas', 'if', 'unevaluatedProperties', 'unevaluatedItems']);

let fastValidation = true;

/** Whether {@link validateOptions} asks fast-validate.ts first (the benchmark turns it off to measure it). */
export function useFastValidate(on: boolean): void {
  fastValidation = on;
}

/**
 * Validates install options against a package's config.json (a draft-04 JSON Schema) with an
 * interpreting validator (@cfworker/json-schema): compiling thousands of small user schemas
 * with ajv costs milliseconds each, interpreting them a fraction of that. Returns every issue,
 * deduplicated and sorted by pointer; an empty list means the options are valid. A config.json
 * that is not an object validates nothing. Never throws: a schema the validator cannot use
 * (an unresolvable `$ref`, say) is one issue with keyword `schema`.
 */
export function validateOptions(config: unknown, options: unknown): OptionIssue[] {
  if (!isJsonObject(config)) return [];
  // Most options are valid: when the fast check can judge this config, a valid verdict needs
  // neither the copy, nor the dereferencing, nor the library's error bookkeeping.
  const plan = planFor(config);
  const verdict = plan.fast ? fastValid(options, config) : undefined;
  if (verdict === true) return [];
  let schema: unknown;
  let errors: OutputUnit[];
  try {
    const prepared = prepare(config, plan);
    schema = prepared.schema;
    // Without a verdict, a short-circuiting pass says cheaply whether the options are valid;
    // only invalid options pay for the full error list.
    if (verdict === undefined && validate(options, prepared.schema, '4', prepared.lookup, true).valid) return [];
    errors = validate(options, prepared.schema, '4', prepared.lookup, false).errors;
  } catch (e) {
    return [schemaIssue(e instanceof Error ? e.message : String(e))];
  }
  return toIssues(errors, schema, options);
}

/** What is known about one parsed config.json, computed once. */
interface Plan {
  /** {@link fastValid}'s verdict is the library's: see {@link inspectSchema} and {@link dereferenceIsSafe}. */
  fast: boolean;
  /** {@link needsPreparation}, when the inspection got that far. */
  needsPreparation?: boolean;
  prepared?: Prepared;
}

interface Prepared {
  schema: Schema;
  lookup: Record<string, Schema | boolean>;
}

// Per parsed config.json: validating the defaults and then a user's options against the same
// document inspects and prepares it once.
const plans = new WeakMap<object, Plan>();

function planFor(config: JsonObject): Plan {
  let plan = plans.get(config);
  if (!plan && !fastValidation) plans.set(config, (plan = { fast: false }));
  if (!plan) {
    const inspection = inspectSchema(config);
    // A schema that must be prepared is only judged fast when dereferencing it cannot throw.
    const fast = inspection.checkable && (inspection.needsPreparation === false || dereferenceIsSafe(config));
    plan = inspection.needsPreparation === undefined ? { fast } : { fast, needsPreparation: inspection.needsPreparation };
    plans.set(config, plan);
  }
  return plan;
}

/**
 * The schema the validator runs on. A config.json without `$ref`/`id` and with nothing to drop
 * (see {@link prepareSchema}) is used as it is with an empty lookup: the validator only writes
 * to schema objects while dereferencing, which such a schema does not need, so neither the copy
 * nor the dereferencing walk is paid for (they cost more than validating).
 */
function prepare(config: JsonObject, plan: Plan): Prepared {
  if (!plan.prepared) {
    if (plan.needsPreparation ?? needsPreparation(config)) {
      const schema = prepareSchema(config).schema as Schema;
      plan.prepared = { schema, lookup: dereference(schema) };
    } else {
      plan.prepared = { schema: config as Schema, lookup: Object.create(null) as Record<string, Schema> };
    }
  }
  return plan.prepared;
}

function schemaIssue(reason: string): OptionIssue {
  const first = reason.split('\n')[0]!.replace(/\.$/, '');
  return { pointer: '', keyword: 'schema', message: `config.json cannot be used to check options (${first})` };
}

/** Errors that more options could fix: a missing required option, or one a present option needs. */
function isMissing(e: OutputUnit): boolean {
  return e.keyword === 'required' || ((e.keyword === 'dependencies' || e.keyword === 'dependentRequired') && !isSchemaDependency(e));
}

function isSchemaDependency(e: OutputUnit): boolean {
  return (e.keyword === 'dependencies' || e.keyword === 'dependentSchemas') && e.error.includes('dependant schema');
}

/** Whether some branch of a failed anyOf/oneOf fails only for want of options. */
function fixableByMoreOptions(alternative: OutputUnit, errors: readonly OutputUnit[]): boolean {
  if (alternative.keyword === 'oneOf' && !/\(0 matches\)/.test(alternative.error)) return false;
  const prefix = alternative.keywordLocation + '/';
  const branches = new Map<string, OutputUnit[]>();
  for (const e of errors) {
    if (!e.keywordLocation.startsWith(prefix)) continue;
    const branch = e.keywordLocation.slice(prefix.length).split('/')[0]!;
    branches.set(branch, [...(branches.get(branch) ?? []), e]);
  }
  return [...branches.values()].some((list) => list.every((e) => WRAPPERS.has(e.keyword) || isSchemaDependency(e) || isMissing(e)));
}

function toIssues(errors: readonly OutputUnit[], schema: unknown, options: unknown): OptionIssue[] {
  // Branches of a failed anyOf/oneOf explain nothing on their own: report the alternative as a whole.
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.keywordLocation + '/');
  const unknown = new Set<string>();
  const out = new Map<string, OptionIssue>();
  const add = (issue: OptionIssue): void => {
    const key = `${issue.pointer}\u0000${issue.keyword}\u0000${issue.message}`;
    if (!out.has(key)) out.set(key, issue);
  };
  for (const e of errors) {
    if (WRAPPERS.has(e.keyword) || isSchemaDependency(e) || alternatives.some((a) => e.keywordLocation.startsWith(a))) continue;
    const at = locationTokens(e.instanceLocation);
    const schemaTokens = locationTokens(e.keywordLocation);
    const schemaPointer = schemaTokens.includes('$ref') ? undefined : toPointer(schemaTokens);
    const where = schemaPointer !== undefined ? { schemaPointer } : {};
    if (e.keyword === 'additionalProperties') {
      const key = /^Property "([\s\S]*)" does not match/.exec(e.error)?.[1];
      const parentSchema = valueAt(schema, schemaTokens.slice(0, -1));
      if (key === undefined || !isJsonObject(parentSchema) || parentSchema.additionalProperties !== false) continue;
      const child = [...at, key];
      unknown.add(toPointer(child));
      add({ pointer: toPointer(child), keyword: 'additionalProperties', message: `unknown option '${describeOption(child)}': config.json does not declare it`, ...where });
      continue;
    }
    if (e.keyword === 'false' && unknown.has(toPointer(at))) continue;
    const keywordValue = schemaPointer === undefined ? undefined : valueAt(schema, schemaTokens);
    const parentSchema = schemaPointer === undefined ? undefined : valueAt(schema, schemaTokens.slice(0, -1));
    const issue = issueMessage(e, at, valueAt(options, at), keywordValue, parentSchema);
    const incomplete = isMissing(e) || ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && fixableByMoreOptions(e, errors));
    add({
      pointer: toPointer(issue.at),
      keyword: e.keyword,
      message: issue.message,
      ...where,
      ...(issue.property !== undefined ? { property: issue.property } : {}),
      ...(incomplete ? { incomplete: true } : {}),
    });
  }
  return [...out.values()].sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0));
}
