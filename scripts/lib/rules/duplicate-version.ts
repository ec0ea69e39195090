import type { Finding } from '../diagnostics/types.js';
import type { PackageRule } from './types.js';
import { revisionVersions, type RevisionVersion } from './util.js';

/**
 * No two revisions of a package share a `version`: DC/OS clients address packages by
 * (name, version) and only ever see the higher revision, so the lower one is unreachable.
 * Reported on each revision that repeats the version of a lower one (the newer revision is the
 * one to edit: a published revision must not change), related to the lower revisions with it.
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
      // Revisions are in revision order: every one after the first repeats a lower one's version.
      for (let i = 1; i < list.length; i++) {
        const { revision } = list[i]!;
        const lower = list.slice(0, i).map((rv) => rv.revision);
        const names = lower.map((r) => r.folder);
        const which = names.length === 1 ? `revision ${names[0]}` : `revisions ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
        out.push({
          file: `${revision.dir}/package.json`,
          pointer: '/version',
          message: `version '${version}' is already the version of ${which}, and DC/OS clients only see the highest revision with a version: give this revision a new version`,
          related: lower.map((r) => ({ file: `${r.dir}/package.json`, pointer: '/version', message: `revision ${r.folder} has version '${version}'` })),
        });
      }
    }
    return out;
  },
};
