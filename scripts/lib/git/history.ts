import type { AllowTrailer } from '../change/types.js';
import type { CommitInfo, GitObjects } from './objects.js';

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
  const flags = new Map<string, number>();
  const commits = new Map<string, CommitInfo>();
  const queue: CommitInfo[] = [];
  const shallow = objects.shallowCommits();
  const push = async (oid: string, flag: number): Promise<void> => {
    const had = flags.get(oid) ?? 0;
    if ((had | flag) === had) return;
    flags.set(oid, had | flag);
    let c = commits.get(oid);
    if (!c) {
      c = await objects.readCommit(oid);
      commits.set(oid, c);
    }
    queue.push(c);
  };
  await push(head, HEAD);
  if (base) await push(base, BASE);
  const out: CommitInfo[] = [];
  let steps = 0;
  while (queue.some((c) => flags.get(c.oid) === HEAD) && steps++ < MAX_COMMITS * 2) {
    queue.sort((a, b) => a.time - b.time);
    const c = queue.pop()!;
    const f = flags.get(c.oid)!;
    if (shallow.has(c.oid)) continue;
    for (const p of c.parents) await push(p, f);
  }
  for (const [oid, f] of flags) if (f === HEAD) out.push(commits.get(oid)!);
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
