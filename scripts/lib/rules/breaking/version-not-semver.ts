import semver from 'semver';
import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { newRevisions } from './context.js';

/**
 * Where the new or the latest published version is not semver, nobody can tell whether the new
 * revision is newer, and configuration compatibility cannot be tied to a major version: a warning,
 * since many DC/OS packages use versions like `2.1` or `1.3-2.3.0` that are not semver.
 */
export const versionNotSemver: ChangeRule = {
  id: 'breaking/version-not-semver',
  description: 'The version of a new revision, or of the latest published one, is not semver, so their order cannot be checked.',
  severity: 'warning',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const n of newRevisions(ctx)) {
      const old = n.latestVersion;
      const v = n.version;
      if (old === undefined || v === undefined || v === old) continue;
      const bad = [v, old].filter((x) => semver.valid(x) === null);
      if (bad.length === 0) continue;
      out.push({
        file: `${n.rev.dir}/package.json`,
        pointer: '/version',
        message: `cannot tell whether '${v}' of new revision ${n.pkg}/${n.rev.folder} is newer than '${old}' of revision ${n.latest!.folder}: ${bad.map((x) => `'${x}'`).join(' and ')} ${bad.length > 1 ? 'are' : 'is'} not semver (use MAJOR.MINOR.PATCH)`,
        related: [{ file: `${n.latest!.dir}/package.json`, pointer: '/version', message: `latest published version '${old}'` }],
      });
    }
    return out;
  },
};
