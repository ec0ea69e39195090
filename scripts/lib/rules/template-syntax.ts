import type { Finding } from '../diagnostics/types.js';
import { TEMPLATE_FILES, templateFacts } from './shared/template-analysis.js';
import type { RevisionRule } from './types.js';


/**
 * marathon.json.mustache and job.aurora.mustache must be well-formed mustache: every tag and
 * section closed, sections closed in order, no partials (templates must be self-contained).
 * The DC/OS Universe checked this, so it is an error everywhere.
 */
export const templateSyntax: RevisionRule = {
  id: 'template-syntax',
  description: 'Mustache templates (marathon.json.mustache, job.aurora.mustache) must parse.',
  severity: 'error',
  scope: 'revision',
  check(rev, ctx) {
    const out: Finding[] = [];
    for (const file of TEMPLATE_FILES) {
      const facts = templateFacts(rev, ctx, file);
      if (facts?.parseError) out.push({ file: facts.path, offset: facts.parseError.offset, message: `mustache syntax error: ${facts.parseError.message}` });
    }
    return out;
  },
};
