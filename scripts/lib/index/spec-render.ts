/**
 * spec.json's `defaults` and `rendered`: a revision's descriptors rendered with the options
 * collected from config.json's defaults, by the core renderer. Validation (the template-render
 * and aurora-render rules) has already done exactly this for every revision through the
 * analysis's memo; the build takes those results (and, when the analysis keeps renders, their
 * text) instead of rendering again. Only a revision whose render was not memoised with its
 * text is rendered here, once.
 */
import type { Revision } from '../catalog/types.js';
import { collectDefaults } from '../render/defaults.js';
import { checkRendered } from '../render/descriptor.js';
import type { OptionIssue } from '../render/validate.js';
import { optionFacts, templateFacts, type OptionFacts, type TemplateFile } from '../rules/shared/template-analysis.js';
import type { RuleContext } from '../rules/types.js';
import type { StaticRendered } from '../schema/types.generated.js';
import type { JsonObject } from '../json/object.js';

export type { StaticRendered };

/** What spec.json says about rendering one revision with its defaults. */
export interface DefaultRender {
  /** The options collected from config.json's defaults ({} without config.json). */
  defaults: JsonObject;
  rendered: StaticRendered;
}

const DESCRIPTORS: ReadonlyArray<{ file: TemplateFile; kind: 'marathon' | 'aurora' }> = [
  { file: 'marathon.json.mustache', kind: 'marathon' },
  { file: 'job.aurora.mustache', kind: 'aurora' },
];

/**
 * Renders a revision's templates (Marathon, then Aurora) with the default options. A template
 * that cannot be rendered is left out and `error` says why in one sentence (the first failure:
 * the Marathon template's when both fail). Never throws for bad data.
 */
export function renderWithDefaults(rev: Revision, ctx: RuleContext): DefaultRender {
  const options = optionFacts(rev, ctx);
  const defaults = options?.defaults ?? collectDefaults(ctx.analysis.json(rev, 'config.json'));
  const rendered: StaticRendered = {};
  for (const { file, kind } of DESCRIPTORS) {
    const text = rev.files[file]?.text;
    if (text === undefined) continue;
    const out = renderOne(rev, ctx, file, kind, text, options);
    if ('error' in out) rendered.error ??= out.error;
    else if (kind === 'marathon') rendered.marathon = JSON.parse(out.text) as JsonObject;
    else rendered.aurora = out.text;
  }
  // Members in the schema's order, whichever rendered first.
  const ordered: StaticRendered = {};
  if (rendered.marathon !== undefined) ordered.marathon = rendered.marathon;
  if (rendered.aurora !== undefined) ordered.aurora = rendered.aurora;
  if (rendered.error !== undefined) ordered.error = rendered.error;
  return { defaults, rendered: ordered };
}

/** One template's rendered text, or why there is none. */
function renderOne(rev: Revision, ctx: RuleContext, file: TemplateFile, kind: 'marathon' | 'aurora', template: string, options: OptionFacts | undefined): { text: string } | { error: string } {
  if (!options) return { error: 'config.json is not a JSON object, so no default options can be collected and nothing is rendered' };
  if (!options.schemaValid) return { error: 'config.json is not a valid draft-04 JSON Schema, so the default options cannot be validated and nothing is rendered' };
  if (!options.complete) return { error: optionsError(options.issues) };
  const facts = templateFacts(rev, ctx, file);
  if (facts?.parseError) return { error: `${file} is not a valid mustache template: ${facts.parseError.message}` };
  const verdict = facts?.render;
  if (verdict && !verdict.ok) {
    const empty = verdict.stage === 'json' && verdict.empty.length > 0 ? ` (${verdict.empty.map((n) => `'${n}'`).join(', ')} rendered as nothing)` : '';
    return { error: `${file} does not render with the default options: ${verdict.message}${empty}` };
  }
  if (verdict?.text !== undefined) return { text: verdict.text };
  // Not memoised with its text (validation kept no renders, or the rules did not run): render
  // now, exactly as the rules do.
  const r = checkRendered({ kind, template, config: options.config, resource: options.resource }, options.defaults);
  if (!r.ok) return { error: `${file} does not render with the default options: ${r.stage === 'options' ? optionsError(r.issues) : r.message}` };
  return { text: r.text };
}

/** One sentence for default options that do not validate against config.json. */
function optionsError(issues: readonly OptionIssue[]): string {
  const missing = issues.filter((i) => i.incomplete);
  const first = missing[0] ?? issues[0];
  if (!first) return 'the default options do not validate against config.json, so nothing is rendered';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
  if (missing.length > 0) return `the package needs options from the user before it can be rendered: ${first.message}${more}`;
  return `the default options do not validate against config.json, so nothing is rendered: ${first.message}${more}`;
}
