import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { newRevisions, versionOf } from './context.js';

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
    for (const n of newRevisions(ctx)) {
      if (n.version === undefined) continue;
      const same = n.base.revisions.find((r) => versionOf(ctx.base, r) === n.version);
      if (!same) continue;
      out.push({
        file: `${n.rev.dir}/package.json`,
        pointer: '/version',
        message: `new revision ${n.pkg}/${n.rev.folder} reuses version '${n.version}' of published revision ${same.folder}: give it a new version`,
        related: [{ file: `${same.dir}/package.json`, pointer: '/version', message: `published revision ${same.folder} has version '${n.version}'` }],
      });
    }
    return out;
  },
};
