import * as path from 'node:path';

/** The prefix that turns repository-relative paths into paths relative to the cwd ('' or 'dir/'). */
export function displayPrefix(cwd: string, repoDir: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, repoDir)).split(path.sep).join('/');
  return rel === '' ? '' : rel + '/';
}
