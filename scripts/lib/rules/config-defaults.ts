import type { Finding } from '../diagnostics/types.js';
import { parsePointer } from '../json/pointer.js';
import { defaultPointer } from '../render/locate.js';
import type { OptionIssue } from '../render/validate.js';
import { optionFacts } from './shared/template-analysis.js';
import type { RevisionRule } from './types.js';

/**
 * The defaults config.json declares must satisfy config.json itself: installing with the
 * defaults runs them through the same validation as user options, so a wrong default makes
 * the default install fail. Required options without a default are not a defect (the user
 * must supply them) and are not reported. When config.json is not a valid draft-04 schema
 * (schema-config-draft04 reports that), the defaults are checked against the rest of it, without
 * the invalid keywords; when even that is not a valid schema, not-checked says so. The DC/OS
 * Universe never checked this.
 */
export const configDefaults: RevisionRule = {
  id: 'config-defaults',
  description: 'The defaults declared in config.json must be valid against config.json.',
  severity: 'error',
  legacySeverity: 'warning',
  scope: 'revision',
  check(rev, ctx) {
    const facts = optionFacts(rev, ctx);
    const file = rev.files['config.json'];
    if (!facts?.config || !facts.defaultsChecked || !file) return [];
    const out: Finding[] = [];
    for (const issue of facts.issues) {
      // Missing options are the user's to supply; a schema the validator cannot use is schema-config's finding.
      if (issue.incomplete || issue.keyword === 'schema') continue;
      out.push({ file: file.path, pointer: defaultPointer(facts.config, parsePointer(issue.pointer)), message: messageFor(issue), data: { option: issue.pointer, keyword: issue.keyword } });
    }
    return out;
  },
};

function messageFor(issue: OptionIssue): string {
  if (issue.keyword === 'additionalProperties') return `a default holds ${issue.message.replace(/^unknown option/, 'option')}: remove it from the default or declare it`;
  return `the default of ${issue.message}: fix the default, since installing with the defaults fails as it is`;
}

