import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';

/**
 * A letter, package or revision folder that exists but cannot be listed (permission denied, an
 * I/O error). Taken for empty, it would make packages vanish from the validation and the build
 * without a word; the catalog leaves what it holds out, and this rule says why.
 */
export const folderUnreadable: CatalogRule = {
  id: 'folder-unreadable',
  description: 'Every letter, package and revision folder can be listed.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const { dir, detail } of catalog.unreadableDirs ?? []) {
      out.push({
        file: dir,
        message: `the folder cannot be read (${detail}), so nothing in it was validated and a build would leave it out: make it readable for the user running universe (chmod a+rx), or remove it`,
      });
    }
    return out;
  },
};
