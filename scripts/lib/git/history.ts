import type { AllowTrailer } from '../change/types.js';
import type { CommitInfo, GitObjects } from './objects.js';
import { HistoryPainter } from './paint.js';

/** The most commits looked at between base and head; a longer branch is cut off there. */
const MAX_COMMITS = 5000;

/**
 * The commits reachable from `head` but not from `base` (what `git log base..head` lists), newest
 * first. Walks both sides by commit date, like git, and stops as soon as every commit still queued
 * is reachable from the base; a shallow clone's boundary ends the walk there.
 */
export async function commitsBetween(objects: GitObjects, base: string | undefined, head: string): Promise<CommitInfo[]> {
  const HEAD = 1;
  const BASE = 2;
  const walk = new HistoryPainter(objects);
  await walk.paint(head, HEAD);
  if (base) await walk.paint(base, BASE);
  let steps = 0;
  while (walk.anyQueued((f) => f === HEAD) && steps++ < MAX_COMMITS * 2) {
    const c = walk.next()!;
    await walk.paintParents(c, walk.flags.get(c.oid)!);
  }
  const out: CommitInfo[] = [];
  for (const [oid, f] of walk.flags) if (f === HEAD) out.push(walk.commits.get(oid)!);
  return out.sort((a, b) => b.time - a.time || (a.oid < b.oid ? -1 : 1)).slice(0, MAX_COMMITS);
}

const TRAILER = /^Universe-Allow:[ \t]*(\S+)[ \t]+([^\s/:]+\/[^\s/:]+):[ \t]*(\S.*?)[ \t]*$/gim;

/** The `Universe-Allow:` trailers of some commits, in commit order. A trailer without a reason is ignored. */
export function allowTrailers(commits: readonly CommitInfo[]): AllowTrailer[] {
  const out: AllowTrailer[] = [];
  for (const c of commits) {
    for (const m of c.message.matchAll(TRAILER)) out.push({ check: m[1]!, target: m[2]!, reason: m[3]!, commit: c.oid });
  }
  return out;
}
