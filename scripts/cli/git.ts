import * as fs from 'node:fs';

/**
 * The commit checked out in the git work tree holding `dir`, or null outside git. isomorphic-git
 * is imported lazily: only the build stamps a commit, and the import costs start-up time.
 */
export async function headCommit(dir: string): Promise<string | null> {
  try {
    const git = (await import('isomorphic-git')).default;
    const root = await git.findRoot({ fs, filepath: dir });
    return await git.resolveRef({ fs, dir: root, ref: 'HEAD' });
  } catch {
    return null;
  }
}
