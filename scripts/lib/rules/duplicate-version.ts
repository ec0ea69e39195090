import type { Finding } from '../diagnostics/types.js';
import type { PackageRule } from './types.js';
import { revisionVersions, type RevisionVersion } from './util.js';

/**
 * No two revisions of a package share a `version`: DC/OS clients address packages by
 * (name, version) and only ever see the higher revision, so the lower one is unreachable.
 * Reported on each lower revision, related to the highest one with that version.
 */
export const duplicateVersion: PackageRule = {
  id: 'duplicate-version',
  description: 'No two revisions of a package have the same version.',
  severity: 'warning',
  scope: 'package',
  check(pkg, { analysis }) {
    const byVersion = new Map<string, RevisionVersion[]>();
    for (const rv of revisionVersions(pkg, analysis)) {
      const list = byVersion.get(rv.version);
      if (list) list.push(rv);
      else byVersion.set(rv.version, [rv]);
    }
    const out: Finding[] = [];
    for (const [version, list] of byVersion) {
      if (list.length < 2) continue;
      // Revisions are in revision order, so the last one is the one clients see.
      const shown = list[list.length - 1]!.revision;
      for (const { revision } of list.slice(0, -1)) {
        out.push({
          file: `${revision.dir}/package.json`,
          pointer: '/version',
          message: `version '${version}' is also the version of revision ${shown.folder}, and DC/OS clients only see the higher revision: give this revision a distinct version`,
          related: [{ file: `${shown.dir}/package.json`, pointer: '/version', message: `revision ${shown.folder} has the same version` }],
        });
      }
    }
    return out;
  },
};
