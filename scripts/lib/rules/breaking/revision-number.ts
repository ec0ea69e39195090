import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { newRevisions } from './context.js';

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
    for (const n of newRevisions(ctx)) {
      const highest = n.latest?.number;
      if (highest === undefined || n.rev.number === undefined || n.rev.number > highest) continue;
      out.push({
        file: `${n.rev.dir}/package.json`,
        message: `new revision ${n.pkg}/${n.rev.folder} is not above the highest published revision ${highest}: number it ${highest + 1}`,
        related: [{ file: `${n.latest!.dir}/package.json`, pointer: '', message: `the highest published revision, ${n.latest!.folder}` }],
      });
    }
    return out;
  },
};
