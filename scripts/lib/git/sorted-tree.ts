import type { SnapshotEntry } from '../snapshot/types.js';
import type { IndexFile } from './index-file.js';
import { kindOfMode, treeObjectId, type TreeItemInput } from './virtual-tree.js';

/**
 * The index seen as a tree: directories are ranges of the sorted paths, found by binary search,
 * and a directory's tree id comes from the cache-tree extension when git still vouches for it,
 * else is hashed from its entries. Listing a directory costs its own entries, so comparing with
 * HEAD costs what was staged, not the size of the index.
 */
export class IndexTree {
  private readonly ids = new Map<string, string>();
  private readonly order: number[];

  constructor(private readonly index: IndexFile) {
    // Binary searches need string order; an index with non-ASCII paths may differ from it.
    this.order = index.paths.map((_, i) => i);
    if (!index.stringSorted) this.order.sort((a, b) => (index.paths[a]! < index.paths[b]! ? -1 : 1));
  }

  private path(k: number): string {
    return this.index.paths[this.order[k]!]!;
  }

  /** The first position whose path is >= `s`. */
  private lowerBound(s: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.path(mid) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The entries of a directory with their ids, or undefined when the index has nothing below it. */
  list(dir: string): SnapshotEntry[] | undefined {
    return this.items(dir)
      ?.map((it) => ({ name: it.name, kind: it.mode === '40000' ? ('dir' as const) : kindOfMode(it.mode), id: it.oid }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** A directory's entries as a tree object holds them (mode, name, id), in index order. */
  private items(dir: string): TreeItemInput[] | undefined {
    const prefix = dir === '' ? '' : `${dir}/`;
    let k = this.lowerBound(prefix);
    // '0' follows '/': every path below `dir/` sorts before `dir0`.
    const end = dir === '' ? this.order.length : this.lowerBound(`${dir}0`);
    if (k >= end) return undefined;
    const out: TreeItemInput[] = [];
    while (k < end) {
      const rest = this.path(k).slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) {
        const i = this.order[k]!;
        if (this.index.stage(i) === 0) out.push({ name: rest, mode: modeString(this.index.mode(i)), oid: this.index.oid(i) });
        k++;
        continue;
      }
      const name = rest.slice(0, slash);
      out.push({ name, mode: '40000', oid: this.treeId(prefix + name)! });
      k = this.lowerBound(`${prefix}${name}0`);
    }
    return out;
  }

  /** A directory's git tree id ('' for the root). */
  treeId(dir: string): string | undefined {
    const known = this.index.treeCache.get(dir) ?? this.ids.get(dir);
    if (known) return known;
    const items = this.items(dir);
    if (!items) return undefined;
    const id = treeObjectId(items);
    this.ids.set(dir, id);
    return id;
  }
}

/** A numeric git mode as trees write it (`100644`, `120000`…). */
function modeString(mode: number): string {
  return mode.toString(8).padStart(6, '0');
}
