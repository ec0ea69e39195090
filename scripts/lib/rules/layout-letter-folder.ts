import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { LETTER } from './util.js';

/**
 * Every folder in `packages/` is a single upper-case letter. The DC/OS Universe build stopped on
 * anything else. Files there are reported by layout-stray-file.
 */
export const layoutLetterFolder: CatalogRule = {
  id: 'layout-letter-folder',
  description: 'Folders directly under packages/ are single upper-case letters (A-Z).',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const letter of catalog.letters) {
      if (LETTER.test(letter.name)) continue;
      out.push({
        file: letter.dir,
        message: `letter folder '${letter.name}' is not a single upper-case letter: move each package in it to packages/<L>/, where <L> is the upper-cased first letter of the package name`,
      });
    }
    return out;
  },
};
