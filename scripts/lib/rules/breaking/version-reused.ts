import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { packagePairs, versionOf } from './context.js';

/**
 * A new revision does not reuse a version its package already published: clients address
 * revisions by version, so the older revision would vanish from them (and `upgradesFrom` would
 * become ambiguous).
 */
export const versionReused: ChangeRule = {
  id: 'breaking/version-reused',
  description: "A new revision's version is not already used by a published revision of the package.",
  severity: 'error',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const pkg of packagePairs(ctx)) {
      for (const pair of pkg.revisions) {
        if (pair.base || !pair.head) continue;
        const version = versionOf(ctx.head, pair.head);
        if (version === undefined) continue;
        const same = (pkg.base?.revisions ?? []).find((r) => versionOf(ctx.base, r) === version);
        if (!same) continue;
        out.push({
          file: `${pair.head.dir}/package.json`,
          pointer: '/version',
          message: `new revision ${pkg.name}/${pair.folder} reuses version '${version}' of published revision ${same.folder}: give it a new version`,
          related: [{ file: `${same.dir}/package.json`, pointer: '/version', message: `published revision ${same.folder} has version '${version}'` }],
        });
      }
    }
    return out;
  },
};
