import type { SnapshotEntry } from './types.js';

/**
 * Why a universe folder, listed as `top`, cannot be read as one; undefined when it holds a
 * packages/ folder. `label` names the folder in the message. A symbolic link in place of
 * packages/ is named as such: nothing outside the universe folder is ever read.
 */
export function packagesFolderProblem(label: string, top: readonly SnapshotEntry[]): string | undefined {
  const entry = top.find((e) => e.name === 'packages');
  if (entry?.kind === 'dir') return undefined;
  if (entry?.kind === 'symlink') {
    return `${label}/packages is a symbolic link, and nothing outside the universe folder is read: replace the link with the packages/ folder itself`;
  }
  if (entry) return `${label}/packages is not a folder: the universe folder must hold a packages/ folder (the DC/OS Universe layout)`;
  return `${label} has no packages/ folder: point --repo at the folder that holds packages/ (the DC/OS Universe layout)`;
}
