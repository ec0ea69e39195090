import type { RevisionRule } from './types.js';

/** Every revision folder holds a package.json: without it there is no package to speak of. */
export const packageJsonRequired: RevisionRule = {
  id: 'package-json-required',
  description: 'Every revision folder holds a package.json.',
  severity: 'error',
  scope: 'revision',
  check(rev) {
    if (rev.files['package.json']) return [];
    return [
      {
        file: `${rev.dir}/package.json`,
        message: `revision folder '${rev.dir}' has no package.json: add one (packagingVersion, name, version, maintainer, description, tags) or remove the folder`,
      },
    ];
  },
};
