import type { RevisionRule } from './types.js';

/**
 * A 6.0 revision deploys something: it has a Marathon or an Aurora template. Legacy versions
 * are skipped: from 3.0 on, CLI-only packages without a template exist and are valid there.
 */
export const descriptorRequired: RevisionRule = {
  id: 'descriptor-required',
  description: 'A packaging version 6.0 revision has marathon.json.mustache or job.aurora.mustache.',
  severity: 'error',
  scope: 'revision',
  check(rev, { analysis }) {
    if (analysis.packagingVersion(rev) !== '6.0') return [];
    if (rev.files['marathon.json.mustache'] || rev.files['job.aurora.mustache']) return [];
    return [
      {
        file: `${rev.dir}/package.json`,
        message: 'a packaging version 6.0 revision needs a deployment descriptor: add marathon.json.mustache or job.aurora.mustache',
      },
    ];
  },
};
