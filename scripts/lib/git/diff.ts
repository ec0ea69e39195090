import type { SnapshotEntry } from '../snapshot/types.js';
import type { TreeLister } from './snapshot.js';

/** A file that differs between two trees. */
export interface ChangedPath {
  /** Path relative to the trees' root, POSIX. */
  path: string;
  status: 'added' | 'modified' | 'removed';
}

/**
 * The files that differ between two trees, found by comparing ids top-down: a directory whose id
 * is the same on both sides is never listed, so the cost follows the size of the change, not of
 * the trees. A path that turns from a file into a directory (or back) is a removal plus additions.
 * Sorted by path.
 */
export async function diffTrees(base: TreeLister, head: TreeLister, dir = ''): Promise<ChangedPath[]> {
  const out: ChangedPath[] = [];
  await walk(base, head, dir, out);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(base: TreeLister, head: TreeLister, dir: string, out: ChangedPath[]): Promise<void> {
  const [a, b] = await Promise.all([base(dir), head(dir)]);
  const byName = new Map<string, { a?: SnapshotEntry; b?: SnapshotEntry }>();
  for (const e of a ?? []) byName.set(e.name, { a: e });
  for (const e of b ?? []) byName.set(e.name, { ...byName.get(e.name), b: e });
  for (const [name, { a: x, b: y }] of byName) {
    const path = dir === '' ? name : `${dir}/${name}`;
    if (x && y && x.id !== undefined && x.id === y.id && x.kind === y.kind) continue;
    const xDir = x?.kind === 'dir';
    const yDir = y?.kind === 'dir';
    if (xDir && yDir) {
      await walk(base, head, path, out);
      continue;
    }
    if (x && y && !xDir && !yDir) {
      out.push({ path, status: 'modified' });
      continue;
    }
    if (x) {
      if (xDir) await every(base, path, 'removed', out);
      else out.push({ path, status: 'removed' });
    }
    if (y) {
      if (yDir) await every(head, path, 'added', out);
      else out.push({ path, status: 'added' });
    }
  }
}

async function every(tree: TreeLister, dir: string, status: ChangedPath['status'], out: ChangedPath[]): Promise<void> {
  for (const e of (await tree(dir)) ?? []) {
    const path = `${dir}/${e.name}`;
    if (e.kind === 'dir') await every(tree, path, status, out);
    else out.push({ path, status });
  }
}
