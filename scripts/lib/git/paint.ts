import type { CommitInfo, GitObjects } from './objects.js';

/**
 * A walk over commit history newest first, painting each commit with flags (which side it is
 * reachable from), as git does for `log a..b` and `merge-base`: painting a commit with flags it
 * lacks queues it again so its parents receive them too. A shallow clone's boundary commits are
 * painted but not followed.
 */
export class HistoryPainter {
  readonly flags = new Map<string, number>();
  readonly commits = new Map<string, CommitInfo>();
  private readonly queue: CommitInfo[] = [];

  constructor(private readonly objects: GitObjects) {}

  /** Adds flags to a commit, queueing it when they are new to it. */
  async paint(oid: string, flag: number): Promise<void> {
    const had = this.flags.get(oid) ?? 0;
    if ((had | flag) === had) return;
    this.flags.set(oid, had | flag);
    let c = this.commits.get(oid);
    if (!c) this.commits.set(oid, (c = await this.objects.readCommit(oid)));
    this.queue.push(c);
  }

  /** Whether a queued commit satisfies `test` (the walk goes on while one does). */
  anyQueued(test: (flags: number) => boolean): boolean {
    return this.queue.some((c) => test(this.flags.get(c.oid) ?? 0));
  }

  /** Takes the newest queued commit, or undefined when none is left. */
  next(): CommitInfo | undefined {
    this.queue.sort((x, y) => x.time - y.time);
    return this.queue.pop();
  }

  /** Paints a commit's parents with `flags` (unless it is a shallow clone's boundary). */
  async paintParents(c: CommitInfo, flags: number): Promise<void> {
    if (this.objects.shallowCommits().has(c.oid)) return;
    for (const p of c.parents) await this.paint(p, flags);
  }
}
