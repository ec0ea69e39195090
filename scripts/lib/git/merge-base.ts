import type { GitObjects } from './objects.js';
import { HistoryPainter } from './paint.js';

const A = 1;
const B = 2;
const STALE = 4;

/**
 * The merge bases of two commits, as `git merge-base --all` finds them: walk both histories
 * newest first, painting each commit with the side(s) it is reachable from; a commit reached from
 * both is a candidate, and its ancestors are stale. Stops when only stale commits are queued.
 * Candidates that are ancestors of another candidate are dropped. Sorted by id.
 */
export async function mergeBases(objects: GitObjects, a: string, b: string): Promise<string[]> {
  if (a === b) return [a];
  const walk = new HistoryPainter(objects);
  await walk.paint(a, A);
  await walk.paint(b, B);
  const candidates: string[] = [];
  while (walk.anyQueued((f) => !(f & STALE))) {
    const c = walk.next()!;
    let f = walk.flags.get(c.oid)!;
    if ((f & (A | B)) === (A | B) && !(f & STALE)) {
      candidates.push(c.oid);
      f |= STALE;
      walk.flags.set(c.oid, f);
    }
    await walk.paintParents(c, f);
  }
  if (candidates.length < 2) return candidates;
  // Criss-cross histories can leave a candidate that is an ancestor of another: drop it.
  const out: string[] = [];
  for (const c of candidates) {
    let redundant = false;
    for (const o of candidates) if (o !== c && (await isAncestor(objects, c, o))) redundant = true;
    if (!redundant) out.push(c);
  }
  return [...new Set(out)].sort();
}

/** The most commits an ancestry test walks before answering no. */
const MAX_WALK = 20000;

/** Whether `ancestor` is reachable from `descendant`. */
async function isAncestor(objects: GitObjects, ancestor: string, descendant: string): Promise<boolean> {
  const seen = new Set<string>([descendant]);
  const todo = [descendant];
  const shallow = objects.shallowCommits();
  while (todo.length > 0 && seen.size < MAX_WALK) {
    const oid = todo.pop()!;
    if (oid === ancestor) return true;
    if (shallow.has(oid)) continue;
    for (const p of (await objects.readCommit(oid)).parents) {
      if (!seen.has(p)) {
        seen.add(p);
        todo.push(p);
      }
    }
  }
  return false;
}
