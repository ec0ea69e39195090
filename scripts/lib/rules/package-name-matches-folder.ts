import type { RevisionRule } from './types.js';
import { PACKAGE_NAME } from './util.js';

/**
 * package.json `name` equals the package folder name. Skipped when the folder name is itself
 * invalid: layout-package-folder reports that, and renaming the folder fixes both.
 */
export const packageNameMatchesFolder: RevisionRule = {
  id: 'package-name-matches-folder',
  description: "package.json 'name' equals the package folder name.",
  severity: 'error',
  scope: 'revision',
  check(rev, { analysis }) {
    const name = analysis.packageJson(rev)?.name;
    if (typeof name !== 'string' || name === rev.packageName || !PACKAGE_NAME.test(rev.packageName)) return [];
    return [
      {
        file: `${rev.dir}/package.json`,
        pointer: '/name',
        message: `package name '${name}' differs from its folder '${rev.packageName}': make them equal (rename the folder or change the name)`,
      },
    ];
  },
};
