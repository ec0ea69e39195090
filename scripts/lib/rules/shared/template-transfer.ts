import type { LoadedFile, Revision, RevisionFileName } from '../../catalog/types.js';
import type { SchemaIssue } from '../../schema/issue.js';
import type { Analysis } from '../analysis.js';
import type { RuleContext } from '../types.js';
import { CONFIG_ISSUES_KEY, FACTS_KEY, OPTIONS_KEY, TEMPLATE_FILES, configSchemaIssues, optionFacts, templateFacts, type OptionFacts, type TemplateFacts, type TemplateFile } from './template-analysis.js';
import type { JsonObject } from '../../json/object.js';

/** The files a revision's template analysis reads: its result depends on them alone. */
export const TEMPLATE_INPUTS: readonly RevisionFileName[] = ['config.json', 'resource.json', 'marathon.json.mustache', 'job.aurora.mustache'];

/**
 * One revision's template analysis (config.json's draft-04 issues, the option facts, the facts
 * of each template) as plain data that can cross threads. A worker thread computes it from its
 * own reading of the files; {@link adoptRevisionFacts} takes it into the main thread's analysis.
 */
export interface RevisionFactsData {
  /** The revision folder. */
  dir: string;
  /** What each input file looked like when read (see {@link fileSignature}); absent files are left out. */
  inputs: Partial<Record<RevisionFileName, string>>;
  /** config.json's draft-04 issues, when config.json parsed. */
  draft04?: SchemaIssue[];
  /** The option facts without the parsed documents (the adopting side has its own); null when unusable. */
  options: Omit<OptionFacts, 'config' | 'resource'> | null;
  /** The facts of each template present; null when the template has no text. */
  templates: Partial<Record<TemplateFile, TemplateFacts | null>>;
}

/**
 * What a loaded file was, compactly: its size in bytes and how it loaded (read failure, invalid
 * UTF-8, text, JSON with or without a value). Two readings with the same signature gave the
 * analysis the same input unless the file was rewritten in place to the same size in between.
 */
function fileSignature(f: LoadedFile): string {
  const state = f.failure ? `failed:${f.failure.reason}` : f.invalidUtf8At !== undefined ? 'utf8' : f.json ? (f.json.syntaxError ? 'json-error' : f.json.value === undefined ? 'json-unusable' : 'json') : 'text';
  return `${f.size}:${f.bom ? 'bom:' : ''}${state}`;
}

/**
 * Runs a revision's whole template analysis through the memos (so the rules that follow find it
 * done) and returns it as {@link RevisionFactsData}.
 */
export function computeRevisionFacts(rev: Revision, ctx: RuleContext): RevisionFactsData {
  const inputs: RevisionFactsData['inputs'] = {};
  for (const name of TEMPLATE_INPUTS) {
    const f = rev.files[name];
    if (f) inputs[name] = fileSignature(f);
  }
  const data: RevisionFactsData = { dir: rev.dir, inputs, options: null, templates: {} };
  const config = ctx.analysis.json(rev, 'config.json');
  if (rev.files['config.json'] && config !== undefined) data.draft04 = configSchemaIssues(rev, ctx, config);
  const options = optionFacts(rev, ctx);
  if (options) data.options = { defaults: options.defaults, issues: options.issues, complete: options.complete, schemaValid: options.schemaValid, defaultsChecked: options.defaultsChecked };
  for (const file of TEMPLATE_FILES) if (rev.files[file]) data.templates[file] = templateFacts(rev, ctx, file) ?? null;
  return data;
}

/**
 * Takes another thread's analysis of a revision into `analysis`'s memos, as if computed here,
 * when it was computed from the same files (same {@link fileSignature}s): returns false and
 * takes nothing otherwise, and the rules then compute it themselves. The option facts get this
 * side's parsed config.json and resource.json, so every rule sees one copy of each document.
 */
export function adoptRevisionFacts(rev: Revision, analysis: Analysis, data: RevisionFactsData): boolean {
  if (data.dir !== rev.dir) return false;
  for (const name of TEMPLATE_INPUTS) {
    const f = rev.files[name];
    if ((f ? fileSignature(f) : undefined) !== data.inputs[name]) return false;
  }
  if (data.draft04 !== undefined) analysis.preset(rev, CONFIG_ISSUES_KEY, data.draft04);
  let options: OptionFacts | undefined;
  if (data.options) {
    const config = analysis.json(rev, 'config.json');
    const resource = analysis.json(rev, 'resource.json');
    options = { ...(config !== undefined ? { config: config as JsonObject } : {}), ...(resource !== undefined ? { resource } : {}), ...data.options };
  }
  analysis.preset(rev, OPTIONS_KEY, options);
  for (const file of TEMPLATE_FILES) {
    const facts = data.templates[file];
    if (facts !== undefined) analysis.preset(rev, FACTS_KEY[file], facts ?? undefined);
  }
  return true;
}
