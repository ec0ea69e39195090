import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IndexEntry } from './index-file.js';
import { blobId, VirtualTree, type VirtualFile } from './virtual-tree.js';

/**
 * The working tree below `root` as git would store it, with every directory's tree id: files whose
 * size and times still match their index entry take its id (as `git status` does), others are
 * hashed. `index` holds the index entries below the same root, paths relative to it;
 * `indexMtimeSeconds` is the index file's modification time: a file modified in the same second
 * the index was written may have changed unseen ("racily clean"), so it is hashed too.
 */
export function worktreeTree(root: string, index: readonly IndexEntry[], indexMtimeSeconds: number): VirtualTree {
  const byPath = new Map<string, IndexEntry>();
  for (const e of index) if (e.stage === 0) byPath.set(e.path, e);
  const files: VirtualFile[] = [];
  const walk = (abs: string, rel: string): void => {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of dirents) {
      if (d.name === '.git') continue;
      const a = abs + path.sep + d.name;
      const r = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) walk(a, r);
      else if (d.isSymbolicLink()) {
        let target: string;
        try {
          target = fs.readlinkSync(a);
        } catch {
          continue;
        }
        files.push({ path: r, mode: '120000', oid: blobId(Buffer.from(target, 'utf8')) });
      } else if (d.isFile()) {
        const f = fileEntry(a, r, byPath.get(r), indexMtimeSeconds);
        if (f) files.push(f);
      }
    }
  };
  walk(root, '');
  return new VirtualTree(files);
}

function fileEntry(abs: string, rel: string, entry: IndexEntry | undefined, indexMtimeSeconds: number): VirtualFile | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    return undefined;
  }
  const mode = st.mode & 0o111 ? '100755' : '100644';
  if (entry && clean(entry, st, mode, indexMtimeSeconds)) return { path: rel, mode, oid: entry.oid };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch {
    return undefined;
  }
  return { path: rel, mode, oid: blobId(bytes) };
}

function clean(e: IndexEntry, st: fs.Stats, mode: string, indexMtimeSeconds: number): boolean {
  if (e.size !== st.size % 2 ** 32) return false;
  if ((e.mode & 0o777) !== Number.parseInt(mode.slice(3), 8) && (e.mode & 0o170000) === 0o100000) return false;
  const seconds = Math.floor(st.mtimeMs / 1000);
  if (e.mtimeSeconds !== seconds || seconds >= indexMtimeSeconds) return false;
  // Index writers differ in sub-second precision (0 when they keep none): compare to the microsecond.
  if (e.mtimeNanoseconds !== 0 && Math.abs(e.mtimeNanoseconds - Math.round((st.mtimeMs - seconds * 1000) * 1e6)) >= 1000) return false;
  if (e.ino !== 0 && e.ino !== st.ino % 2 ** 32) return false;
  return true;
}
