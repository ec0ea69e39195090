/**
 * The git side of `npm run bench`: a universe committed to a real git repository laid out like
 * this project (universe under `repo/`), written the way a clone leaves it (one packfile, a
 * `.git/index` with real stat data and a cache-tree), plus one changed package that can be
 * committed, staged or left in the working tree, so `universe check` can be timed on it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import git from 'isomorphic-git';
import { decodeIndex, encodeEntry, encodeIndex, invalidatePath, writeIndexFile, type RawEntry } from './git-index.js';
import { IDENT, generateRepository } from './git-generate.js';
import { computeChange, type BenchChange } from './git-change.js';

export type { BenchChange } from './git-change.js';

/** Bumped whenever the generated repository changes shape, so older generations are not reused. */
const VERSION = 'git-universe-v1';
/** Kept inside .git/, where git ignores unknown files: the worktree stays clean. */
const STATE = 'universe-bench.json';
const CLEAN_INDEX = 'universe-bench-index';
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A generated repository, ready for `universe check`. */
export interface GitUniverse {
  /** The git work tree (holds .git/). */
  dir: string;
  /** The universe folder inside it: `dir/repo`, what `--repo` names. */
  repoDir: string;
  /** The universe it was generated from. */
  source: string;
  /** The one commit on `main` and `origin/main`. */
  commitA: string;
  /** Whether an earlier generation was reused. */
  reused: boolean;
  /** Files in commit A, objects and bytes in its packfile. */
  files: number;
  objects: number;
  packBytes: number;
  /** What commitChange, stageChange and worktreeChange add: a new revision of one package. */
  change: BenchChange;
}

/** Options of ensureGitUniverse. */
export interface GitUniverseOptions {
  /** The package that gets a new revision; default: the middle one in name order. */
  changePackage?: string;
  /** The repository.json to commit; default: this project's repo/repository.json. */
  repositoryJson?: string;
}

interface State {
  stamp: string;
  commitA?: string;
  files?: number;
  objects?: number;
  packBytes?: number;
  /** Revision folders (repo-relative) a change may have written into the worktree. */
  changeDirs?: string[];
  /** Commit B per change (`package/revision/version`). */
  commits?: Record<string, string>;
}

const gitPath = (u: { dir: string }, ...p: string[]): string => path.join(u.dir, '.git', ...p);
const readState = (dir: string): State | undefined => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, '.git', STATE), 'utf8')) as State;
  } catch {
    return undefined;
  }
};
const writeState = (dir: string, s: State): void => fs.writeFileSync(path.join(dir, '.git', STATE), JSON.stringify(s, null, 2) + '\n');

/**
 * Creates (or reuses, when generated from the same source the same way and HEAD is still A) a git
 * repository at `target` holding a copy of `source`'s packages/ under `repo/`, committed as A.
 */
export function ensureGitUniverse(source: string, target: string, options: GitUniverseOptions = {}): GitUniverse {
  const repositoryJson = fs.readFileSync(options.repositoryJson ?? path.join(PROJECT, 'repo/repository.json'));
  let sourceMarker = '';
  try {
    sourceMarker = fs.readFileSync(path.join(source, '.synthetic-v1'), 'utf8');
  } catch {
    // Not a synthetic universe: the path alone identifies it (the corpus is read-only).
  }
  const stamp = [VERSION, path.resolve(source), sourceMarker, createHash('sha1').update(repositoryJson).digest('hex')].join('\n');
  let state = readState(target);
  const reused = state?.stamp === stamp && state.commitA !== undefined && headIsA(target, state.commitA);
  if (!reused) {
    clearTarget(target);
    writeState(target, { stamp: 'incomplete' }); // marks the folder as ours should this run be interrupted
    state = { stamp, ...generateRepository(source, target, repositoryJson, path.join(target, '.git', CLEAN_INDEX)) };
    writeState(target, state);
  }
  const s = state!;
  const base = { dir: target, repoDir: path.join(target, 'repo'), source, commitA: s.commitA!, reused, files: s.files!, objects: s.objects!, packBytes: s.packBytes! };
  resetDirs(target, s.changeDirs ?? []);
  const change = computeChange(base.repoDir, options.changePackage);
  writeState(target, { ...s, changeDirs: [...new Set([...(s.changeDirs ?? []), change.dir])].sort() });
  return { ...base, change };
}

function headIsA(target: string, commitA: string): boolean {
  try {
    const head = fs.readFileSync(path.join(target, '.git/HEAD'), 'utf8');
    const main = fs.readFileSync(path.join(target, '.git/refs/heads/main'), 'utf8').trim();
    return head === 'ref: refs/heads/main\n' && main === commitA && fs.existsSync(path.join(target, '.git', CLEAN_INDEX));
  } catch {
    return false;
  }
}

/** Deletes `target` only when it is empty or one of ours: a typo must not wipe someone's folder. */
function clearTarget(target: string): void {
  if (fs.existsSync(target)) {
    if (readState(target) === undefined && fs.readdirSync(target).length > 0) {
      throw new Error(`${target} exists and was not generated by ensureGitUniverse: remove it by hand`);
    }
    fs.rmSync(target, { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(target, '.git'), { recursive: true });
}

/**
 * Commit B = A plus the new revision, written as loose objects with isomorphic-git (as a
 * contributor's commit would be), without touching the worktree, the index or HEAD. Cached.
 */
export async function commitChange(u: GitUniverse): Promise<string> {
  const state = readState(u.dir)!;
  const key = `${u.change.package}/${u.change.revision}/${u.change.version}`;
  const known = state.commits?.[key];
  if (known && fs.existsSync(gitPath(u, 'objects', known.slice(0, 2), known.slice(2)))) return known;
  const cache = {};
  const tree = await Promise.all(
    u.change.files.map(async (f) => ({ mode: f.mode.toString(8), path: f.name, type: 'blob' as const, oid: await git.writeBlob({ fs, dir: u.dir, blob: f.content }) })),
  );
  let oid = await git.writeTree({ fs, dir: u.dir, tree });
  const parts = ['repo', ...u.change.dir.split('/')];
  for (let i = parts.length - 1; i >= 0; i--) {
    const filepath = parts.slice(0, i).join('/');
    const parent = await git.readTree({ fs, dir: u.dir, oid: u.commitA, cache, ...(filepath ? { filepath } : {}) });
    const rest = parent.tree.filter((e) => e.path !== parts[i]);
    oid = await git.writeTree({ fs, dir: u.dir, tree: [...rest, { mode: '040000', path: parts[i]!, oid, type: 'tree' }] });
  }
  const message = `Add ${u.change.package} revision ${u.change.revision} (${u.change.version})\n`;
  const b = await git.writeCommit({ fs, dir: u.dir, commit: { message, tree: oid, parent: [u.commitA], author: IDENT, committer: IDENT } });
  writeState(u.dir, { ...readState(u.dir)!, commits: { ...state.commits, [key]: b } });
  return b;
}

/** Writes the new revision into the worktree (only). */
function writeChange(u: GitUniverse): void {
  const dir = path.join(u.repoDir, u.change.dir);
  fs.mkdirSync(dir, { recursive: true });
  // Dated two seconds back, as if edited before `git add`: not racily clean against the index.
  const when = new Date(Date.now() - 2000);
  for (const f of u.change.files) {
    fs.writeFileSync(path.join(dir, f.name), f.content, { mode: f.mode & 0o777 });
    fs.utimesSync(path.join(dir, f.name), when, when);
  }
}

/** The change in the worktree, unstaged: the index is A's. */
export function worktreeChange(u: GitUniverse): void {
  unstageChange(u);
  writeChange(u);
}

/** The change in the worktree and staged in .git/index (what `git add` does, cache-tree included). */
export function stageChange(u: GitUniverse): void {
  writeChange(u);
  const { entries, tree } = decodeIndex(fs.readFileSync(gitPath(u, CLEAN_INDEX)));
  const added: RawEntry[] = u.change.files.map((f) => {
    const rel = `repo/${u.change.dir}/${f.name}`;
    if (tree) invalidatePath(tree, rel);
    return encodeEntry({ path: rel, oid: f.oid, mode: f.mode, stat: fs.lstatSync(path.join(u.dir, rel), { bigint: true }) });
  });
  writeIndexFile(gitPath(u, 'index'), encodeIndex([...entries, ...added], tree));
}

/**
 * Takes the change out of the index (back to A's), leaving it in the worktree.
 * @internal Exported for its own test (test/bench/git-universe.test.ts).
 */
export function unstageChange(u: GitUniverse): void {
  writeIndexFile(gitPath(u, 'index'), fs.readFileSync(gitPath(u, CLEAN_INDEX)));
}

/** Takes the change out of the index and the worktree: the repository is clean at A again. */
export function resetChange(u: GitUniverse): void {
  resetDirs(u.dir, [u.change.dir]);
}

function resetDirs(dir: string, changeDirs: readonly string[]): void {
  for (const d of changeDirs) fs.rmSync(path.join(dir, 'repo', d), { recursive: true, force: true });
  writeIndexFile(path.join(dir, '.git/index'), fs.readFileSync(path.join(dir, '.git', CLEAN_INDEX)));
}
