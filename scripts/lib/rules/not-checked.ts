import type { Finding } from '../diagnostics/types.js';
import { optionFacts, TEMPLATE_FILES, templateFacts, type RenderSkip, type TemplateFile } from './shared/template-analysis.js';
import type { RevisionRule } from './types.js';
import { isJsonObject } from '../json/object.js';

/** The rule that renders each template with the defaults. */
const RENDER_RULE: Readonly<Record<TemplateFile, string>> = { 'marathon.json.mustache': 'template-render', 'job.aurora.mustache': 'aurora-render' };

const AGAIN = 'fix that first and validate again, as more problems may show';

/** Why a template was not rendered, as the end of a note ("because …"). */
function because(skip: Exclude<RenderSkip, 'incomplete' | 'validator'>, configUsable: boolean): string {
  if (skip === 'documents') {
    return configUsable ? 'resource.json cannot be used (see the findings on it)' : 'config.json is not a usable JSON object (see the findings on it)';
  }
  if (skip === 'schema') return 'config.json is not a schema the defaults can be validated against, even without its invalid keywords (see schema-config-draft04)';
  return "config.json's defaults are invalid (see config-defaults) and the template did not render with them";
}

/**
 * Says which checks did not run on a file because another problem stopped them, so that one run
 * shows every problem or names what it could not look at: a template that does not parse is not
 * rendered, nor are its variables resolved; a config.json that is no valid schema, even without
 * its invalid keywords, cannot judge its defaults; a template that fails on invalid defaults is
 * not judged on its own. A note, never an error: the problem that stopped the check is reported
 * by its own rule. A package whose required options have no default is not noted (it needs user
 * options by design).
 */
export const notChecked: RevisionRule = {
  id: 'not-checked',
  description: 'Notes the checks another problem kept from running on a file (fix that problem and validate again).',
  severity: 'info',
  scope: 'revision',
  check(rev, ctx) {
    const out: Finding[] = [];
    const config = rev.files['config.json'];
    const options = optionFacts(rev, ctx);
    if (config && options?.config && !options.defaultsChecked) {
      out.push({ file: config.path, message: `not checked: config-defaults, because config.json is not a valid draft-04 schema, even without its invalid keywords (see schema-config-draft04): ${AGAIN}`, data: { rules: ['config-defaults'] } });
    }
    // The option validator could not use config.json (an `id` it cannot resolve, say): one note
    // on config.json names every check that needed it.
    const unusable = options?.issues.find((i) => i.keyword === 'schema');
    if (config && unusable) {
      const rules = ['config-defaults', ...TEMPLATE_FILES.filter((f) => templateFacts(rev, ctx, f)?.skipped === 'validator').map((f) => RENDER_RULE[f])];
      out.push({ file: config.path, message: `not checked: ${rules.join(' and ')}, because ${unusable.message}: if config.json is wrong there, fix it and validate again, as more problems may show`, data: { rules } });
    }
    for (const file of TEMPLATE_FILES) {
      const facts = templateFacts(rev, ctx, file);
      if (!facts) continue;
      const render = RENDER_RULE[file];
      if (facts.parseError) {
        out.push({ file: facts.path, offset: 0, message: `not checked: ${render} and template-unknown-variable, because the template does not parse (see template-syntax): ${AGAIN}`, data: { rules: [render, 'template-unknown-variable'] } });
        continue;
      }
      if (facts.skipped === undefined || facts.skipped === 'incomplete') continue;
      if (facts.skipped === 'validator') continue;
      const rules = facts.skipped === 'documents' ? [render, 'template-unknown-variable'] : [render];
      out.push({ file: facts.path, offset: 0, message: `not checked: ${rules.join(' and ')}, because ${because(facts.skipped, !config || isJsonObject(ctx.analysis.json(rev, 'config.json')))}: ${AGAIN}`, data: { rules } });
    }
    return out;
  },
};
