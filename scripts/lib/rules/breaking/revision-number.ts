import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { latestRevision, packagePairs } from './context.js';

/**
 * A new revision of a published package is numbered above every published one: clients take the
 * highest number as the newest, and a number filled in below would be a revision nobody sees as new.
 */
export const revisionNumber: ChangeRule = {
  id: 'breaking/revision-number',
  description: 'A new revision is numbered above every published revision of its package.',
  severity: 'error',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const pkg of packagePairs(ctx)) {
      const latest = latestRevision(pkg.base);
      if (!latest || latest.number === undefined) continue;
      for (const pair of pkg.revisions) {
        const n = pair.head?.number;
        if (pair.base || !pair.head || n === undefined || n > latest.number) continue;
        out.push({
          file: `${pair.head.dir}/package.json`,
          message: `new revision ${pkg.name}/${pair.folder} is not above the highest published revision ${latest.number}: number it ${latest.number + 1}`,
          related: [{ file: `${latest.dir}/package.json`, pointer: '', message: `the highest published revision, ${latest.folder}` }],
        });
      }
    }
    return out;
  },
};
