import * as posix from 'node:path/posix';
import { compareStrings } from '../diagnostics/sort.js';
import type { EntryKind, ReadResult, Snapshot, SnapshotEntry } from '../snapshot/types.js';
import type { GitObjects } from './objects.js';
import { kindOfMode, type VirtualTree } from './virtual-tree.js';

/** Lists a directory of a tree, every entry with its git id. */
export type TreeLister = (dir: string) => Promise<SnapshotEntry[] | undefined>;

/** The deepest chain of symbolic links followed before giving up. */
const MAX_LINKS = 8;

/**
 * A snapshot of a git tree: a commit's tree, or the index (staged changes). Entries carry their git
 * ids, so two snapshots compare by id without reading unchanged subtrees. Symbolic links are
 * followed inside the snapshot only, like the working tree's.
 */
export class GitSnapshot implements Snapshot {
  readonly label: string;
  private readonly objects: GitObjects;
  private readonly lister: TreeLister;

  constructor(label: string, objects: GitObjects, lister: TreeLister) {
    this.label = label;
    this.objects = objects;
    this.lister = lister;
  }

  list(dir: string): Promise<SnapshotEntry[] | undefined> {
    return this.lister(dir);
  }

  async read(file: string, maxBytes: number, _kind?: EntryKind, depth = 0): Promise<ReadResult> {
    const slash = file.lastIndexOf('/');
    const dir = slash < 0 ? '' : file.slice(0, slash);
    const entry = (await this.lister(dir))?.find((e) => e.name === file.slice(slash + 1));
    if (!entry || entry.id === undefined) return { ok: false, reason: 'missing' };
    if (entry.kind === 'symlink') {
      const target = new TextDecoder().decode(await this.objects.readBlob(entry.id));
      const resolved = posix.normalize(posix.join(dir, target));
      if (posix.isAbsolute(target) || resolved === '..' || resolved.startsWith('../')) return { ok: false, reason: 'symlink-escape', target };
      if (depth >= MAX_LINKS) return { ok: false, reason: 'unreadable', detail: 'the symbolic link loops' };
      return this.read(resolved, maxBytes, undefined, depth + 1);
    }
    if (entry.kind !== 'file') return { ok: false, reason: 'not-a-file' };
    const bytes = await this.objects.readBlob(entry.id);
    if (bytes.byteLength > maxBytes) return { ok: false, reason: 'too-large', size: bytes.byteLength, limit: maxBytes };
    return { ok: true, bytes };
  }
}

/**
 * Lists the tree of a commit below `prefix` (the universe folder), memoising listings by path. An
 * absent tree (the universe folder did not exist in that commit) lists as nothing.
 */
export function commitTreeLister(objects: GitObjects, rootTree: string, prefix: string): TreeLister {
  const memo = new Map<string, Promise<SnapshotEntry[] | undefined>>();
  const lister: TreeLister = (dir) => {
    let p = memo.get(dir);
    if (!p) {
      p = (async () => {
        let oid: string | undefined;
        if (dir === '') oid = await objects.treeAt(rootTree, prefix);
        else {
          const slash = dir.lastIndexOf('/');
          const parent = await lister(slash < 0 ? '' : dir.slice(0, slash));
          const e = parent?.find((x) => x.name === dir.slice(slash + 1));
          oid = e?.kind === 'dir' ? e.id : undefined;
        }
        if (oid === undefined) return undefined;
        const items = await objects.readTree(oid);
        return items
          .map((i) => ({ name: i.name, kind: i.type === 'tree' ? ('dir' as const) : kindOfMode(i.mode), id: i.oid }))
          .sort((a, b) => compareStrings(a.name, b.name));
      })();
      memo.set(dir, p);
    }
    return p;
  };
  return lister;
}

/** Lists a {@link VirtualTree} (the index, or the working tree as git would store it). */
export function virtualTreeLister(tree: VirtualTree): TreeLister {
  return (dir) => Promise.resolve(tree.list(dir));
}
