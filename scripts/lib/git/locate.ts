import * as fs from 'node:fs';
import * as path from 'node:path';
import { CannotRunError } from '../diagnostics/errors.js';
import { checkRepositoryFeatures } from './features.js';

/** Where a universe folder sits in a git repository. */
export interface RepositoryLocation {
  /** The working tree's top folder (absolute). */
  worktree: string;
  /** The git directory (absolute): `<worktree>/.git`, or where a `.git` file points. */
  gitdir: string;
  /** The universe folder relative to the working tree, POSIX, '' when it is the top. */
  prefix: string;
}

/**
 * Finds the git repository holding `universeDir` by walking up to the first folder with a `.git`
 * folder or `.git` file (`gitdir: …`, as in linked worktrees and submodules). Throws
 * {@link CannotRunError} when there is none.
 */
export function locateRepository(universeDir: string): RepositoryLocation {
  const start = path.resolve(universeDir);
  let dir = start;
  for (;;) {
    const dotgit = path.join(dir, '.git');
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(dotgit);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) return location(dir, dotgit, start);
    if (st?.isFile()) {
      const text = fs.readFileSync(dotgit, 'utf8');
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(text);
      if (!m) throw new CannotRunError(`${dotgit} is neither a git directory nor a 'gitdir:' pointer`);
      return location(dir, path.resolve(dir, m[1]!), start);
    }
    const up = path.dirname(dir);
    if (up === dir) {
      throw new CannotRunError(
        `${universeDir} is not inside a git repository: universe check compares git revisions; run it in a clone (or use universe validate)`,
      );
    }
    dir = up;
  }
}

function location(worktree: string, gitdir: string, start: string): RepositoryLocation {
  if (fs.existsSync(path.join(gitdir, 'commondir'))) {
    // A linked worktree keeps HEAD and its index apart from the shared objects and refs.
    throw new CannotRunError(`${worktree} is a linked worktree (git worktree add), which universe check cannot read yet: run it in the main working tree`);
  }
  // A storage format this reader does not know is refused here, before anything is read.
  checkRepositoryFeatures(gitdir);
  const rel = path.relative(worktree, start);
  return { worktree, gitdir, prefix: rel === '' ? '' : rel.split(path.sep).join('/') };
}
