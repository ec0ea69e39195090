import type { Revision, RevisionFileName } from '../../catalog/types.js';
import { collectDefaults } from '../../render/defaults.js';
import { checkRendered, definesAuroraJobs, type DescriptorDocs, type RenderFailure } from '../../render/descriptor.js';
import { pruneInvalidKeywords } from '../../render/schema-prune.js';
import { withStandIns } from '../../render/stand-ins.js';
import { parseTemplate, type TemplateError } from '../../render/template.js';
import { validateOptions, type OptionIssue } from '../../render/validate.js';
import { unresolvedVariables, type UnresolvedVariable } from '../../render/variables.js';
import { validateConfigDraft04, type SchemaIssue } from '../../schema/validators.js';
import { parsePointer } from '../../json/pointer.js';
import type { RuleContext } from '../types.js';
import { isJsonObject, type JsonObject } from '../../json/object.js';

/** The two template files a revision may hold. */
export type TemplateFile = Extract<RevisionFileName, 'marathon.json.mustache' | 'job.aurora.mustache'>;

/** Both template files, Marathon first. */
export const TEMPLATE_FILES: readonly TemplateFile[] = ['marathon.json.mustache', 'job.aurora.mustache'];

/** A revision's config.json and resource.json as the template rules need them. */
export interface OptionFacts {
  /** Parsed config.json (undefined when there is none). */
  config?: JsonObject;
  /** Parsed resource.json (undefined when there is none). */
  resource?: unknown;
  defaults: JsonObject;
  /**
   * validateOptions(config, defaults); empty when there is no config.json. When config.json is
   * not a valid draft-04 schema, the defaults are validated against what is left of it once the
   * invalid keywords are removed (see {@link OptionFacts.defaultsChecked}).
   */
  issues: OptionIssue[];
  /** The defaults are a valid options object and config.json a valid schema: installing with the defaults works. */
  complete: boolean;
  /** config.json (if any) is a valid draft-04 schema. */
  schemaValid: boolean;
  /** The defaults were validated: config.json is a valid schema, or is one without its invalid keywords. */
  defaultsChecked: boolean;
}

/**
 * config.json's problems as a draft-04 schema, computed once per revision under a memo key
 * other rules can share (`config:draft04-issues`).
 */
export function configSchemaIssues(rev: Revision, ctx: RuleContext, config: unknown): SchemaIssue[] {
  return ctx.analysis.memo(rev, CONFIG_ISSUES_KEY, () => validateConfigDraft04(config));
}

/** Memo key of {@link configSchemaIssues}. */
const CONFIG_ISSUES_KEY = 'config:draft04-issues';
/** Memo key of {@link optionFacts}. */
const OPTIONS_KEY = 'template:options';

/**
 * A render outcome kept for the rules: no rendered text, which would cost memory for the whole
 * run, unless the analysis keeps renders for a build (`analysis.keepRenders`): then `text`.
 */
export type RenderVerdict = { ok: true; definesAuroraJobs: boolean; text?: string } | DistributiveOmit<Exclude<RenderFailure, { stage: 'options' }>, 'text'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Why a template was not rendered with the defaults although it parsed: config.json or
 * resource.json is unusable (`documents`), config.json is an invalid schema even without its
 * invalid keywords (`schema`), the option validator cannot use config.json (`validator`: an
 * issue with keyword `schema` says why), or its defaults are invalid and the render failed on a
 * value of theirs (`defaults`). A package that needs user options (`incomplete`) is not a defect.
 */
export type RenderSkip = 'documents' | 'schema' | 'validator' | 'defaults' | 'incomplete';

/** What the template rules report on, computed once per revision and template file. */
export interface TemplateFacts {
  /** Repository-relative path of the template. */
  path: string;
  parseError?: TemplateError;
  /** References that can never resolve (absent when the template or the documents are unusable). */
  unresolved?: UnresolvedVariable[];
  /** Rendering with the defaults (absent when it cannot be attempted: see {@link templateFacts}). */
  render?: RenderVerdict;
  /** Why there is no render verdict, when the template parsed. */
  skipped?: RenderSkip;
  /** Options whose invalid default a value of the declared type stood in for, to render (see withStandIns). */
  standIns?: string[];
}

/**
 * config.json and resource.json of a revision, with the defaults and their validation; undefined
 * when either file exists but is unusable (unreadable, malformed, config.json not an object):
 * other rules report that, and no template conclusion would be trustworthy.
 */
export function optionFacts(rev: Revision, ctx: RuleContext): OptionFacts | undefined {
  return ctx.analysis.memo(rev, OPTIONS_KEY, () => {
    const config = ctx.analysis.json(rev, 'config.json');
    const resource = ctx.analysis.json(rev, 'resource.json');
    if (rev.files['config.json'] && !isJsonObject(config)) return undefined;
    if (rev.files['resource.json'] && resource === undefined) return undefined;
    const defaults = collectDefaults(config);
    const docs = { ...(config !== undefined ? { config: config as JsonObject } : {}), ...(resource !== undefined ? { resource } : {}), defaults };
    if (config === undefined) return { ...docs, issues: [], complete: true, schemaValid: true, defaultsChecked: true };
    const schemaIssues = configSchemaIssues(rev, ctx, config);
    if (schemaIssues.length === 0) {
      const issues = validateOptions(config, defaults);
      return { ...docs, issues, complete: issues.length === 0, schemaValid: true, defaultsChecked: true };
    }
    // An invalid schema fails every install (schema-config-draft04 reports it), but what is left
    // without the invalid keywords still says which defaults are wrong.
    const pruned = pruneInvalidKeywords(config as JsonObject, schemaIssues.map((i) => i.pointer));
    if (!pruned || validateConfigDraft04(pruned).length > 0) return { ...docs, issues: [], complete: false, schemaValid: false, defaultsChecked: false };
    return { ...docs, issues: validateOptions(pruned, defaults), complete: false, schemaValid: false, defaultsChecked: true };
  });
}

/** Memo keys of {@link templateFacts}, built once: the rules ask for the facts of both files of every revision. */
const FACTS_KEY: Readonly<Record<TemplateFile, string>> = { 'marathon.json.mustache': 'template:facts:marathon.json.mustache', 'job.aurora.mustache': 'template:facts:job.aurora.mustache' };

/**
 * Parses a template once, finds its unresolvable references, and renders it with the default
 * options, for all template rules at once: the tokens and the rendered text are dropped
 * afterwards, so memory stays flat over thousands of revisions (except the text of a successful
 * render with valid defaults when `analysis.keepRenders`: a build publishes it in spec.json).
 * Undefined when the file is absent or has no text (unreadable or not UTF-8: other rules report
 * that). Rendering needs a parsed template and defaults that were checked and lack nothing the
 * user must supply. Invalid defaults (or an invalid schema) do not stop a Marathon template from
 * being rendered with them: a failure that no invalid default takes part in is the template's
 * own defect and is kept, so one run reports both. A failure on an invalid default's value is
 * rendered again with values of the declared type standing in for the defaults of the wrong type
 * (`standIns`); when it still fails on an invalid default it is dropped (`skipped: 'defaults'`),
 * since fixing the default may fix it.
 */
export function templateFacts(rev: Revision, ctx: RuleContext, file: TemplateFile): TemplateFacts | undefined {
  return ctx.analysis.memo(rev, FACTS_KEY[file], () => {
    const loaded = rev.files[file];
    if (loaded?.text === undefined) return undefined;
    const facts: TemplateFacts = { path: loaded.path };
    const parsed = parseTemplate(loaded.text);
    if ('error' in parsed) return { ...facts, parseError: parsed.error };
    const options = optionFacts(rev, ctx);
    if (!options) return { ...facts, skipped: 'documents' };
    facts.unresolved = unresolvedVariables(parsed.tokens, options.config, options.resource);
    const kind: DescriptorDocs['kind'] = file === 'job.aurora.mustache' ? 'aurora' : 'marathon';
    const blocked = renderBlocker(options);
    if (blocked) return { ...facts, skipped: blocked };
    // An Aurora job has no JSON structure to tell the template's defects from the defaults'.
    if (!options.complete && kind === 'aurora') return { ...facts, skipped: options.schemaValid ? 'defaults' : 'schema' };
    const docs = { kind, template: parsed, config: options.config, resource: options.resource };
    let result = checkRendered(docs, options.defaults);
    let issues = options.issues;
    if (!result.ok && result.stage !== 'options' && !options.complete && blamesDefaults(result, issues)) {
      // The failure may be the wrong default's: render again with values of the right type in its place.
      const standIn = options.config && withStandIns(options.config, options.defaults, issues);
      if (!standIn) return { ...facts, skipped: 'defaults' };
      result = checkRendered(docs, standIn.options);
      issues = issues.filter((i) => !(i.keyword === 'type' && standIn.replaced.includes(parsePointer(i.pointer).join('.'))));
      facts.standIns = standIn.replaced;
    }
    if (result.ok) {
      facts.render = { ok: true, definesAuroraJobs: kind === 'aurora' && definesAuroraJobs(result.text) };
      if (ctx.analysis.keepRenders && options.complete) facts.render.text = result.text;
      delete facts.standIns;
    } else if (result.stage !== 'options') {
      if (!options.complete && blamesDefaults(result, issues)) return { path: facts.path, unresolved: facts.unresolved!, skipped: 'defaults' };
      const { text: _text, ...verdict } = result as Exclude<RenderFailure, { stage: 'options' }> & { text?: string };
      facts.render = verdict;
    }
    return facts;
  });
}

/** Why the defaults cannot be rendered at all, if so. */
function renderBlocker(options: OptionFacts): RenderSkip | undefined {
  if (!options.defaultsChecked) return 'schema';
  if (options.issues.some((i) => i.keyword === 'schema')) return 'validator';
  if (options.issues.some((i) => i.incomplete)) return 'incomplete';
  return undefined;
}

/**
 * Whether a render failure may come from an invalid default: it falls in (or just after) the
 * value of an option whose default is invalid, or it is not a JSON failure the template's text
 * alone explains.
 */
function blamesDefaults(r: Exclude<RenderFailure, { stage: 'options' }>, issues: readonly OptionIssue[]): boolean {
  if (r.stage === 'not-object') return false;
  if (r.stage !== 'json') return true;
  const bad = issues.map((i) => parsePointer(i.pointer).join('.'));
  const involved = r.variable !== undefined ? [r.variable, ...r.empty] : r.empty;
  return involved.some((v) => bad.some((b) => b === '' || v === b || v.startsWith(b + '.') || b.startsWith(v + '.')));
}
