import { templateFacts } from './shared/template-analysis.js';
import type { RevisionRule } from './types.js';

/**
 * With the default options, job.aurora.mustache (packaging version 6.0) must render into an
 * Aurora configuration that defines the module-level `jobs = [...]` list Aurora reads. Skipped
 * when the defaults are not a complete valid options object (the package needs user options).
 */
export const auroraRender: RevisionRule = {
  id: 'aurora-render',
  description: 'job.aurora.mustache must render with the default options into text that defines jobs = [...].',
  severity: 'error',
  scope: 'revision',
  check(rev, ctx) {
    const facts = templateFacts(rev, ctx, 'job.aurora.mustache');
    const r = facts?.render;
    if (!facts || !r) return [];
    if (!r.ok) return [{ file: facts.path, offset: r.offset, message: `the template cannot be rendered with the default options: ${r.message}` }];
    if (r.definesAuroraJobs) return [];
    return [
      {
        file: facts.path,
        offset: 0,
        message: 'rendered with the default options, the template does not define the jobs list Aurora reads: add a top-level `jobs = [Job(...)]` (outside any section that is off by default)',
      },
    ];
  },
};
