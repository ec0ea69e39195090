import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError, type Io } from './io.js';
import { CannotRunError } from '../lib/diagnostics/errors.js';
import { findUniverse, notFoundMessage } from '../lib/snapshot/find-universe.js';
import { packagesFolderProblem } from '../lib/snapshot/packages-folder.js';
import { UnreadableFolderError, type SnapshotEntry } from '../lib/snapshot/types.js';

/** The prefix that turns repository-relative paths into paths relative to the cwd ('' or 'dir/'). */
export function displayPrefix(cwd: string, repoDir: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, repoDir)).split(path.sep).join('/');
  return rel === '' ? '' : rel + '/';
}

/**
 * The prefix that turns repository-relative paths into paths from the top of the git checkout
 * that holds the universe ('' or 'dir/'): what GitHub annotations, code scanning and pull-request
 * comments expect. The top is the nearest folder at or above the universe with a `.git` entry (a
 * folder, or a file as in linked worktrees and submodules); outside a checkout, {@link displayPrefix}.
 */
export function checkoutPrefix(cwd: string, repoDir: string): string {
  const abs = path.resolve(cwd, repoDir);
  for (let dir = abs; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      const rel = path.relative(dir, abs).split(path.sep).join('/');
      return rel === '' ? '' : rel + '/';
    }
    if (path.dirname(dir) === dir) return displayPrefix(cwd, repoDir);
  }
}

/** The universe folder a command works on. */
export interface UniverseDir {
  /** Its absolute path. */
  abs: string;
  /** How commands and messages name it: the `--repo` value as given, or the path from the cwd ('.' for the cwd). */
  label: string;
  /** Whether it was named with `--repo` or found by searching upwards. */
  given: boolean;
}

/**
 * The universe folder: `--repo` as given (it must be a folder holding packages/, unless `verify`
 * is false: then it is taken as it is, for a command that says itself what is wrong), or else the
 * nearest folder at or above `from` (default: the cwd) that holds packages/ or repo/packages/.
 * Throws CannotRunError (exit 2) saying where it looked when there is none.
 */
export function universeDir(given: string | undefined, io: Io, opts: { from?: string; verify?: boolean } = {}): UniverseDir {
  if (given !== undefined) {
    const abs = path.resolve(io.cwd, given);
    if (opts.verify === false) return { abs, label: given, given: true };
    if (!isFolder(abs)) throw new CannotRunError(`${given} is not a folder: point --repo at the universe folder (the one that holds packages/)`);
    const problem = packagesFolderProblem(given, packagesEntry(abs));
    if (problem) throw new CannotRunError(problem);
    return { abs, label: given, given: true };
  }
  const search = findUniverse(path.resolve(io.cwd, opts.from ?? '.'));
  if (!search.found) throw new CannotRunError(notFoundMessage(search));
  return { abs: search.dir, label: path.relative(io.cwd, search.dir) || '.', given: false };
}

/**
 * What `universe validate [PATH]` works on: the universe (searched upwards from PATH, or the
 * `--repo` folder, which must then hold PATH) and PATH relative to it, POSIX ('' for all of it,
 * also when PATH holds the universe, as a project checkout holds repo/).
 */
export function targetUnder(positionals: readonly string[], repo: string | undefined, io: Io): { universe: UniverseDir; under: string } {
  if (positionals.length > 1) throw new UsageError(`validate takes at most one PATH (got ${positionals.join(' ')})`);
  const given = positionals[0];
  if (given === undefined) return { universe: universeDir(repo, io), under: '' };
  let real: string;
  let folder: boolean;
  try {
    real = fs.realpathSync(path.resolve(io.cwd, given));
    folder = fs.statSync(real).isDirectory();
  } catch {
    throw new CannotRunError(`${given} does not exist: name a package folder, a revision folder or a file in one`);
  }
  const universe = universeDir(repo, io, { from: folder ? real : path.dirname(real) });
  const root = fs.realpathSync(universe.abs);
  if (real === root || root.startsWith(real + path.sep)) return { universe, under: '' };
  if (!real.startsWith(root + path.sep)) throw new CannotRunError(`${given} is not inside the universe ${universe.label}: name a folder or file under it`);
  return { universe, under: path.relative(root, real).split(path.sep).join('/') };
}

/** The universe folder's `packages` entry as a listing shows it (no entry when there is none). */
function packagesEntry(dir: string): SnapshotEntry[] {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(path.join(dir, 'packages'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    // The folder exists but cannot be searched (permission denied): never "no packages/ here".
    throw UnreadableFolderError.from(dir, e);
  }
  return [{ name: 'packages', kind: st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : 'file' }];
}

/** Whether a path is a folder, following symbolic links (an explicit --repo may be one). */
function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
