import semver from 'semver';
import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { newRevisions } from './context.js';

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
    for (const n of newRevisions(ctx)) {
      const old = n.latestVersion;
      const v = n.version;
      if (old === undefined || v === undefined || v === old || semver.valid(old) === null || semver.valid(v) === null || semver.gt(v, old)) continue;
      out.push({
        file: `${n.rev.dir}/package.json`,
        pointer: '/version',
        message: `new revision ${n.pkg}/${n.rev.folder} has version '${v}', not greater than '${old}' of the latest published revision ${n.latest!.folder}: raise the version`,
        related: [{ file: `${n.latest!.dir}/package.json`, pointer: '/version', message: `latest published version '${old}'` }],
      });
    }
    return out;
  },
};
