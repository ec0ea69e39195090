import semver from 'semver';
import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { latestRevision, packagePairs, versionOf } from './context.js';

/**
 * Where the new or the latest published version is not semver, nobody can tell whether the new
 * revision is newer, and configuration compatibility cannot be tied to a major version: a warning,
 * since many DC/OS packages use versions like `1.2.3-4.5`… that are, or `2.1` that are not.
 */
export const versionNotSemver: ChangeRule = {
  id: 'breaking/version-not-semver',
  description: 'The version of a new revision, or of the latest published one, is not semver, so their order cannot be checked.',
  severity: 'warning',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const pkg of packagePairs(ctx)) {
      const latest = latestRevision(pkg.base);
      const old = versionOf(ctx.base, latest);
      if (!latest || old === undefined) continue;
      for (const pair of pkg.revisions) {
        if (pair.base || !pair.head) continue;
        const version = versionOf(ctx.head, pair.head);
        if (version === undefined || version === old) continue;
        const bad = [version, old].filter((v) => semver.valid(v) === null);
        if (bad.length === 0) continue;
        out.push({
          file: `${pair.head.dir}/package.json`,
          pointer: '/version',
          message: `cannot tell whether '${version}' of new revision ${pkg.name}/${pair.folder} is newer than '${old}' of revision ${latest.folder}: ${bad.map((v) => `'${v}'`).join(' and ')} ${bad.length > 1 ? 'are' : 'is'} not semver (use MAJOR.MINOR.PATCH)`,
          related: [{ file: `${latest.dir}/package.json`, pointer: '/version', message: `latest published version '${old}'` }],
        });
      }
    }
    return out;
  },
};
