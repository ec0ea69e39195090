import semver from 'semver';
import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { latestRevision, packagePairs, versionOf } from './context.js';

/**
 * A new revision's version is semver-greater than the latest published one: clients and `upgradesFrom`
 * ranges assume versions grow with revisions. Versions that are not semver are
 * breaking/version-not-semver's.
 */
export const versionOrder: ChangeRule = {
  id: 'breaking/version-order',
  description: "A new revision's version is semver-greater than the latest published revision's.",
  severity: 'error',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const pkg of packagePairs(ctx)) {
      const latest = latestRevision(pkg.base);
      const old = versionOf(ctx.base, latest);
      if (!latest || old === undefined || semver.valid(old) === null) continue;
      for (const pair of pkg.revisions) {
        if (pair.base || !pair.head) continue;
        const version = versionOf(ctx.head, pair.head);
        if (version === undefined || semver.valid(version) === null || version === old || semver.gt(version, old)) continue;
        out.push({
          file: `${pair.head.dir}/package.json`,
          pointer: '/version',
          message: `new revision ${pkg.name}/${pair.folder} has version '${version}', not greater than '${old}' of the latest published revision ${latest.folder}: raise the version`,
          related: [{ file: `${latest.dir}/package.json`, pointer: '/version', message: `latest published version '${old}'` }],
        });
      }
    }
    return out;
  },
};
