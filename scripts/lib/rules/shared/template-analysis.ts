import type { Revision, RevisionFileName } from '../../catalog/types.js';
import { collectDefaults } from '../../render/defaults.js';
import { checkRendered, definesAuroraJobs, type RenderFailure } from '../../render/descriptor.js';
import type { JsonObject } from '../../render/objects.js';
import { parseTemplate, type TemplateError } from '../../render/template.js';
import { validateOptions, type OptionIssue } from '../../render/validate.js';
import { unresolvedVariables, type UnresolvedVariable } from '../../render/variables.js';
import { validateConfigDraft04, type SchemaIssue } from '../../schema/validators.js';
import { isObject } from '../analysis.js';
import type { RuleContext } from '../types.js';

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
  /** validateOptions(config, defaults); empty when there is no config.json. */
  issues: OptionIssue[];
  /** The defaults are a valid options object: templates can be rendered without user options. */
  complete: boolean;
  /** config.json (if any) is a valid draft-04 schema; when not, nothing is validated or rendered. */
  schemaValid: boolean;
}

/**
 * config.json's problems as a draft-04 schema, computed once per revision under a memo key
 * other rules can share (`config:draft04-issues`).
 */
export function configSchemaIssues(rev: Revision, ctx: RuleContext, config: unknown): SchemaIssue[] {
  return ctx.analysis.memo(rev, CONFIG_ISSUES_KEY, () => validateConfigDraft04(config));
}

/** Memo key of {@link configSchemaIssues}. */
export const CONFIG_ISSUES_KEY = 'config:draft04-issues';
/** Memo key of {@link optionFacts}. */
export const OPTIONS_KEY = 'template:options';

/**
 * A render outcome kept for the rules: no rendered text, which would cost memory for the whole
 * run, unless the analysis keeps renders for a build (`analysis.keepRenders`): then `text`.
 */
export type RenderVerdict = { ok: true; definesAuroraJobs: boolean; text?: string } | DistributiveOmit<Exclude<RenderFailure, { stage: 'options' }>, 'text'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the template rules report on, computed once per revision and template file. */
export interface TemplateFacts {
  /** Repository-relative path of the template. */
  path: string;
  parseError?: TemplateError;
  /** References that can never resolve (absent when the template or the documents are unusable). */
  unresolved?: UnresolvedVariable[];
  /** Rendering with the defaults (absent when it cannot be attempted: see {@link templateFacts}). */
  render?: RenderVerdict;
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
    if (rev.files['config.json'] && !isObject(config)) return undefined;
    if (rev.files['resource.json'] && resource === undefined) return undefined;
    const defaults = collectDefaults(config);
    const docs = { ...(config !== undefined ? { config: config as JsonObject } : {}), ...(resource !== undefined ? { resource } : {}), defaults };
    // An invalid schema fails every install before any template is rendered (schema-config-draft04
    // reports it); validating or rendering against it would only add noise.
    if (config !== undefined && configSchemaIssues(rev, ctx, config).length > 0) return { ...docs, issues: [], complete: false, schemaValid: false };
    const issues = config === undefined ? [] : validateOptions(config, defaults);
    return { ...docs, issues, complete: issues.length === 0, schemaValid: true };
  });
}

/** Memo keys of {@link templateFacts}, built once: the rules ask for the facts of both files of every revision. */
export const FACTS_KEY: Readonly<Record<TemplateFile, string>> = { 'marathon.json.mustache': 'template:facts:marathon.json.mustache', 'job.aurora.mustache': 'template:facts:job.aurora.mustache' };

/**
 * Parses a template once, finds its unresolvable references, and renders it with the default
 * options, for all template rules at once: the tokens and the rendered text are dropped
 * afterwards, so memory stays flat over thousands of revisions (except the text of a successful
 * render when `analysis.keepRenders`: a build publishes it in spec.json). Undefined when the file is
 * absent or has no text (unreadable or not UTF-8: other rules report that). Rendering is only
 * attempted when the template parses and the defaults are complete and valid.
 */
export function templateFacts(rev: Revision, ctx: RuleContext, file: TemplateFile): TemplateFacts | undefined {
  return ctx.analysis.memo(rev, FACTS_KEY[file], () => {
    const loaded = rev.files[file];
    if (loaded?.text === undefined) return undefined;
    const facts: TemplateFacts = { path: loaded.path };
    const parsed = parseTemplate(loaded.text);
    if ('error' in parsed) return { ...facts, parseError: parsed.error };
    const options = optionFacts(rev, ctx);
    if (!options) return facts;
    facts.unresolved = unresolvedVariables(parsed.tokens, options.config, options.resource);
    if (!options.complete) return facts;
    const kind = file === 'job.aurora.mustache' ? 'aurora' : 'marathon';
    const result = checkRendered({ kind, template: parsed, config: options.config, resource: options.resource }, options.defaults);
    if (result.ok) {
      facts.render = { ok: true, definesAuroraJobs: kind === 'aurora' && definesAuroraJobs(result.text) };
      if (ctx.analysis.keepRenders) facts.render.text = result.text;
    }
    else if (result.stage !== 'options') {
      const { text: _text, ...verdict } = result as Exclude<RenderFailure, { stage: 'options' }> & { text?: string };
      facts.render = verdict;
    }
    return facts;
  });
}
