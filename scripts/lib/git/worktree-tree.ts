import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IndexView } from './index-read.js';
import { blobId, VirtualTree, type VirtualFile } from './virtual-tree.js';

/**
 * The working tree below `root` as git would store it, with every directory's tree id: files whose
 * size and times still match their index entry take its id (as `git status` does), others are
 * hashed. `index` holds the index entries below the same root, paths relative to it, in index
 * order; `indexMtimeSeconds` is the index file's modification time: a file modified in the same
 * second the index was written may have changed unseen ("racily clean"), so it is hashed too.
 * `treeCache` (the index's cache-tree, paths relative to root) gives the id of a directory whose
 * every file is clean and that holds exactly the files the index has there, so unchanged
 * directories are not hashed. `ignored` says which untracked paths (relative to root) git ignores
 * (.gitignore…): they are left out, as `git status` leaves them out; tracked files never are.
 */
export function worktreeTree(
  root: string,
  index: IndexView,
  indexMtimeSeconds: number,
  treeCache: ReadonlyMap<string, string> = new Map(),
  ignored: (rel: string, dir: boolean) => boolean = () => false,
): VirtualTree {
  const files: VirtualFile[] = [];
  const known = new Map<string, string>();
  /** Walks a folder; returns how many files it holds and whether each one matched the index. */
  const walk = (abs: string, rel: string): { count: number; clean: boolean } => {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return { count: 0, clean: false };
    }
    let count = 0;
    let clean = true;
    for (const d of dirents) {
      if (d.name === '.git') continue;
      const a = abs + path.sep + d.name;
      const r = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) {
        if (index.countBelow(r) === 0 && ignored(r, true)) continue;
        const sub = walk(a, r);
        count += sub.count;
        clean &&= sub.clean;
        continue;
      }
      const i = index.find(r);
      if (i < 0 && ignored(r, false)) continue;
      let f: VirtualFile | undefined;
      if (d.isSymbolicLink()) {
        try {
          f = { path: r, mode: '120000', oid: blobId(Buffer.from(fs.readlinkSync(a), 'utf8')) };
        } catch {
          f = undefined;
        }
      } else if (d.isFile()) {
        f = fileEntry(a, r, index, i, indexMtimeSeconds);
      }
      if (!f) {
        clean = false;
        continue;
      }
      files.push(f);
      count++;
      if (i < 0 || index.oid(i) !== f.oid || Number.parseInt(f.mode, 8) !== index.mode(i)) clean = false;
    }
    const id = treeCache.get(rel);
    if (clean && id !== undefined && count === index.countBelow(rel)) known.set(rel, id);
    return { count, clean };
  };
  walk(root, '');
  return new VirtualTree(files, known);
}

function fileEntry(abs: string, rel: string, index: IndexView, i: number, indexMtimeSeconds: number): VirtualFile | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    return undefined;
  }
  const mode = st.mode & 0o111 ? '100755' : '100644';
  if (i >= 0 && clean(index, i, st, mode, indexMtimeSeconds)) return { path: rel, mode, oid: index.oid(i) };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch {
    return undefined;
  }
  return { path: rel, mode, oid: blobId(bytes) };
}

function clean(index: IndexView, i: number, st: fs.Stats, mode: string, indexMtimeSeconds: number): boolean {
  const e = index.stat(i);
  if (e.size !== st.size % 2 ** 32) return false;
  const m = index.mode(i);
  if ((m & 0o170000) === 0o100000 && (m & 0o777) !== Number.parseInt(mode.slice(3), 8)) return false;
  const seconds = Math.floor(st.mtimeMs / 1000);
  if (e.mtimeSeconds !== seconds || seconds >= indexMtimeSeconds) return false;
  // Index writers differ in sub-second precision (0 when they keep none): compare to the microsecond.
  if (e.mtimeNanoseconds !== 0 && Math.abs(e.mtimeNanoseconds - Math.round((st.mtimeMs - seconds * 1000) * 1e6)) >= 1000) return false;
  if (e.ino !== 0 && e.ino !== st.ino % 2 ** 32) return false;
  return true;
}
