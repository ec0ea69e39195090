import type { RevisionRule } from './types.js';

/**
 * Aurora job templates are a 6.0 feature: in older packaging versions nothing reads them, and
 * DC/OS outputs would silently drop them.
 */
export const auroraRequires6: RevisionRule = {
  id: 'aurora-requires-6',
  description: 'job.aurora.mustache only appears in packaging version 6.0 revisions.',
  severity: 'error',
  scope: 'revision',
  check(rev, { analysis }) {
    const pv = analysis.packagingVersion(rev);
    if (!rev.files['job.aurora.mustache'] || pv === undefined || pv === '6.0') return [];
    return [
      {
        file: `${rev.dir}/job.aurora.mustache`,
        message: `job.aurora.mustache is only read in packaging version 6.0 and this revision is ${pv}: set packagingVersion to "6.0" or remove the file`,
      },
    ];
  },
};
