import * as fs from 'node:fs';
import * as path from 'node:path';
import { CannotRunError } from '../diagnostics/errors.js';
import { IndexFormatError, parseIndexFile, type IndexEntry, type IndexFile } from './index-file.js';
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

/** The stage-0 index entries below a folder of the working tree, with paths relative to it. */
export function entriesBelow(state: IndexState, prefix: string): IndexEntry[] {
  const f = state.file;
  if (!f) return [];
  const p = prefix === '' ? '' : `${prefix}/`;
  const out: IndexEntry[] = [];
  for (let i = 0; i < f.count; i++) {
    const name = f.paths[i]!;
    if (!name.startsWith(p) || f.stage(i) !== 0) continue;
    const e = f.entry(i);
    e.path = name.slice(p.length);
    out.push(e);
  }
  return out;
}
