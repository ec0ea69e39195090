import type { RevisionRule } from './types.js';

/** Packaging version 2.0 requires a Marathon template, as the DC/OS Universe build did. */
export const marathonTemplateRequired: RevisionRule = {
  id: 'marathon-template-required',
  description: 'Packaging version 2.0 revisions have a marathon.json.mustache.',
  severity: 'error',
  scope: 'revision',
  check(rev, { analysis }) {
    if (rev.files['marathon.json.mustache'] || analysis.packagingVersion(rev) !== '2.0') return [];
    return [
      {
        file: `${rev.dir}/marathon.json.mustache`,
        message: 'packaging version 2.0 requires marathon.json.mustache: add the Marathon app template, or move to packaging version 3.0 or later',
      },
    ];
  },
};
