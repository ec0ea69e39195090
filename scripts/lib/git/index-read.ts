import * as fs from 'node:fs';
import * as path from 'node:path';
import { CannotRunError } from '../diagnostics/errors.js';
import { UnsupportedRepositoryError } from './features.js';
import { IndexFormatError, IndexUnsupportedError, parseIndexFile, type IndexFile } from './index-file.js';
import type { RepositoryLocation } from './locate.js';
import { IndexTree } from './sorted-tree.js';

/** The index of a repository and the index file's modification time (seconds). */
export interface IndexState {
  /** Undefined when the repository has no index yet (nothing staged). */
  file: IndexFile | undefined;
  mtimeSeconds: number;
}

/** Reads `.git/index`; a repository without one has an empty index. */
export function readIndex(location: RepositoryLocation): IndexState {
  const file = path.join(location.gitdir, 'index');
  let bytes: Buffer;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
    bytes = fs.readFileSync(file);
  } catch {
    return { file: undefined, mtimeSeconds: 0 };
  }
  try {
    return { file: parseIndexFile(bytes), mtimeSeconds: Math.floor(st.mtimeMs / 1000) };
  } catch (e) {
    if (e instanceof IndexUnsupportedError) throw new UnsupportedRepositoryError(`cannot read ${file}: ${e.message}`);
    if (e instanceof IndexFormatError) throw new CannotRunError(`cannot read ${file}: ${e.message} (run 'git status' to rewrite it)`);
    throw e;
  }
}

/** The staged tree; unmerged paths are an error (what will be committed is not decided yet). */
export function stagedTree(state: IndexState): IndexTree | undefined {
  const f = state.file;
  if (!f) return undefined;
  for (let i = 0; i < f.count; i++) {
    if (f.stage(i) !== 0) throw new CannotRunError(`${f.paths[i]} has unresolved merge conflicts: resolve them and stage the result first`);
  }
  return new IndexTree(f);
}

/**
 * The index as the working-tree comparison reads it: entries found by path below a folder,
 * without materialising the 50,000 entries of a large universe.
 */
export interface IndexView {
  /** The position of the stage-0 entry for a path relative to the folder, or -1. */
  find(rel: string): number;
  /** How many entries lie below a folder relative to the folder ('' = all of them). */
  countBelow(rel: string): number;
  oid(i: number): string;
  mode(i: number): number;
  stat(i: number): { size: number; mtimeSeconds: number; mtimeNanoseconds: number; ino: number };
}

/** An {@link IndexView} of the entries below `prefix`. */
export function indexView(state: IndexState, prefix: string): IndexView {
  const f = state.file;
  const base = prefix === '' ? '' : `${prefix}/`;
  const order = f ? f.paths.map((_, i) => i) : [];
  if (f && !f.stringSorted) order.sort((a, b) => (f.paths[a]! < f.paths[b]! ? -1 : 1));
  const at = (k: number): string => f!.paths[order[k]!]!;
  const lowerBound = (s: string): number => {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at(mid) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    find(rel) {
      const want = base + rel;
      for (let k = lowerBound(want); k < order.length && at(k) === want; k++) if (f!.stage(order[k]!) === 0) return order[k]!;
      return -1;
    },
    countBelow(rel) {
      const dir = base + rel;
      if (dir === '') return order.length;
      return lowerBound(`${dir}0`) - lowerBound(`${dir}/`);
    },
    oid: (i) => f!.oid(i),
    mode: (i) => f!.mode(i),
    stat: (i) => f!.stat(i),
  };
}

/** The index's cache-tree entries below a folder, with paths relative to it ('' = the folder itself). */
export function treeCacheBelow(state: IndexState, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [dir, oid] of state.file?.treeCache ?? []) {
    if (prefix === '') out.set(dir, oid);
    else if (dir === prefix) out.set('', oid);
    else if (dir.startsWith(`${prefix}/`)) out.set(dir.slice(prefix.length + 1), oid);
  }
  return out;
}
