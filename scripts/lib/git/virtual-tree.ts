import { createHash } from 'node:crypto';
import { compareStrings } from '../diagnostics/sort.js';
import type { EntryKind, SnapshotEntry } from '../snapshot/types.js';

/** A file of a tree that is not (yet) a git tree object: the index, or the working tree. */
export interface VirtualFile {
  /** Path relative to the tree's root, POSIX. */
  path: string;
  oid: string;
  /** Octal mode string as git writes it in trees: `100644`, `100755`, `120000`, `160000`. */
  mode: string;
}

interface Dir {
  /** Child name → file, or sub-directory. */
  files: Map<string, VirtualFile>;
  dirs: Map<string, Dir>;
  oid?: string;
}

/**
 * A directory tree built from a flat list of files, with each directory's git tree id computed
 * the way git computes it, so that it compares with committed trees by id: equal ids mean equal
 * content, and a comparison never descends into a directory whose id matches.
 */
export class VirtualTree {
  private readonly root: Dir = { files: new Map(), dirs: new Map() };

  /**
   * @param known tree ids already known for some directories (by path): trusted as they are, so
   * the directory is not hashed.
   */
  constructor(files: Iterable<VirtualFile>, known: ReadonlyMap<string, string> = new Map()) {
    for (const f of files) {
      const parts = f.path.split('/');
      let d = this.root;
      for (let i = 0; i < parts.length - 1; i++) {
        let next = d.dirs.get(parts[i]!);
        if (!next) d.dirs.set(parts[i]!, (next = { files: new Map(), dirs: new Map() }));
        d = next;
      }
      d.files.set(parts[parts.length - 1]!, f);
    }
    for (const [dir, oid] of known) {
      const d = this.dirAt(dir);
      if (d) d.oid = oid;
    }
  }

  private dirAt(dir: string): Dir | undefined {
    let d: Dir | undefined = this.root;
    for (const part of dir === '' ? [] : dir.split('/')) {
      d = d.dirs.get(part);
      if (!d) return undefined;
    }
    return d;
  }

  /** The entries of a directory with their ids (tree ids for directories), sorted by name. */
  list(dir: string): SnapshotEntry[] | undefined {
    const d = this.dirAt(dir);
    if (!d) return undefined;
    const out: SnapshotEntry[] = [];
    for (const [name, f] of d.files) out.push({ name, kind: kindOfMode(f.mode), id: f.oid });
    for (const [name, sub] of d.dirs) out.push({ name, kind: 'dir', id: treeId(sub) });
    return out.sort((a, b) => compareStrings(a.name, b.name));
  }

  /** The file at a path, if the tree has one. */
  file(path: string): VirtualFile | undefined {
    const i = path.lastIndexOf('/');
    return this.dirAt(i < 0 ? '' : path.slice(0, i))?.files.get(path.slice(i + 1));
  }

  /** The tree id of a directory ('' for the root), or undefined when it does not exist. */
  treeId(dir: string): string | undefined {
    const d = this.dirAt(dir);
    return d ? treeId(d) : undefined;
  }
}

/** What a git mode says an entry is. */
export function kindOfMode(mode: string): EntryKind {
  if (mode === '040000' || mode === '40000') return 'dir';
  if (mode === '120000') return 'symlink';
  if (mode === '160000') return 'other';
  return 'file';
}

/** Computes (and memoises) a directory's tree id from its children. */
function treeId(d: Dir): string {
  if (d.oid) return d.oid;
  const items: TreeItemInput[] = [];
  for (const [name, f] of d.files) items.push({ name, mode: f.mode, oid: f.oid });
  for (const [name, sub] of d.dirs) items.push({ name, mode: '40000', oid: treeId(sub) });
  d.oid = treeObjectId(items);
  return d.oid;
}

/** One entry of a tree object to hash: `mode` as trees write it (`40000` for a directory). */
export interface TreeItemInput {
  name: string;
  mode: string;
  oid: string;
}

/**
 * The git id of a tree object holding these entries, in git's entry order: by name, comparing
 * directories as if their name ended with '/'.
 */
export function treeObjectId(items: readonly TreeItemInput[]): string {
  const keyed = items.map((it) => ({ key: it.mode === '40000' ? `${it.name}/` : it.name, it }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const parts: Buffer[] = [];
  for (const { it } of keyed) parts.push(Buffer.from(`${it.mode} ${it.name}\0`, 'utf8'), Buffer.from(it.oid, 'hex'));
  const body = Buffer.concat(parts);
  return createHash('sha1').update(`tree ${body.length}\0`).update(body).digest('hex');
}

/** The git blob id of some bytes. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
