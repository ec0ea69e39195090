import type { UserConfigDirs } from '../lib/git/features.js';
import { locateRepository } from '../lib/git/locate.js';
import { Refs } from '../lib/git/refs.js';

/**
 * The commit checked out in the git work tree holding `dir`, or null outside git, on a branch
 * with no commit yet, in a linked worktree, or when HEAD cannot be read. Never throws: only the
 * build stamps a commit, and a missing stamp must not stop it. Reads `.git` directly (the nearest
 * `.git` folder or `gitdir:` file at or above `dir`, then HEAD through loose and packed refs).
 */
export async function headCommit(dir: string): Promise<string | null> {
  try {
    const head = new Refs(locateRepository(dir).gitdir).head();
    return 'oid' in head ? head.oid : null;
  } catch {
    return null;
  }
}

/** Where this user's git configuration lives (HOME, XDG_CONFIG_HOME): their excludes file and identity. */
export function gitUserConfig(env: NodeJS.ProcessEnv = process.env): UserConfigDirs {
  return { ...(env.HOME ? { home: env.HOME } : {}), ...(env.XDG_CONFIG_HOME ? { xdgConfigHome: env.XDG_CONFIG_HOME } : {}) };
}
