import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';

/**
 * A letter folder without package folders, or a package folder without revision folders, holds
 * nothing the build can publish: usually the leftover of a move or an unfinished `universe new`.
 * The DC/OS build skips such folders silently, so this only warns.
 */
export const layoutEmptyFolder: CatalogRule = {
  id: 'layout-empty-folder',
  description: 'Letter folders hold at least one package folder, package folders at least one revision.',
  severity: 'warning',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const letter of catalog.letters) {
      // A folder holding a symbolic link is not empty: layout-folder-symlink reports the link.
      if (!letter.entries.some((e) => e.kind === 'dir' || e.kind === 'symlink')) {
        out.push({ file: letter.dir, message: `letter folder '${letter.name}' holds no package folder: add a package or remove the folder` });
      }
    }
    for (const pkg of catalog.packages) {
      if (pkg.revisions.length === 0 && !pkg.entries.some((e) => e.kind === 'symlink')) {
        out.push({ file: pkg.dir, message: `package folder '${pkg.name}' holds no revision folder: add revision 0 (universe new ${pkg.name}) or remove the folder` });
      }
    }
    return out;
  },
};
