import * as fs from 'node:fs';
import * as path from 'node:path';

/** Whether a path is a folder (not following a final symbolic link); injected in tests. */
export type IsFolder = (absolutePath: string) => boolean;

/** A real folder on disk: lstat, so that a link named packages/ is not taken for the layout. */
const isFolderOnDisk: IsFolder = (p) => {
  try {
    return fs.lstatSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** What {@link findUniverse} found: the universe folder, or where it looked. */
export type UniverseSearch =
  | { found: true; dir: string; how: 'self' | 'checkout' }
  | { found: false; start: string; top: string; tried: string[] };

/**
 * Finds the universe folder for a path, as git finds its repository: the path itself or its
 * nearest ancestor that holds a `packages/` folder (`how: 'self'`), or that is a checkout of
 * this project holding `repo/packages/` (`how: 'checkout'`, the folder returned is its `repo/`),
 * checking both at each level before going up. `start` is absolute. Returns the folders tried,
 * nearest first, when none qualifies.
 */
export function findUniverse(start: string, isFolder: IsFolder = isFolderOnDisk): UniverseSearch {
  const tried: string[] = [];
  let dir = path.resolve(start);
  for (;;) {
    if (isFolder(path.join(dir, 'packages'))) return { found: true, dir, how: 'self' };
    if (isFolder(path.join(dir, 'repo', 'packages'))) return { found: true, dir: path.join(dir, 'repo'), how: 'checkout' };
    tried.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) return { found: false, start: path.resolve(start), top: dir, tried };
    dir = parent;
  }
}

/** One sentence saying where a failed search looked and what to do. */
export function notFoundMessage(search: Extract<UniverseSearch, { found: false }>): string {
  const where = search.tried.length === 1 ? `in ${search.start}` : `in ${search.start} and every folder above it up to ${search.top} (${search.tried.length} folders)`;
  return `no universe found: no packages/ nor repo/packages/ folder ${where}; run the command inside a universe folder (the one that holds packages/) or a checkout of this project, or name it with --repo DIR`;
}
