import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { LETTER } from './util.js';

/**
 * A package sits in the letter folder of its upper-cased first letter. Packages in an invalid
 * letter folder are skipped: layout-letter-folder already says where they belong.
 */
export const layoutLetterMatchesName: CatalogRule = {
  id: 'layout-letter-matches-name',
  description: 'A package folder is in the letter folder of its upper-cased first letter.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const pkg of catalog.packages) {
      if (!LETTER.test(pkg.letter)) continue;
      const expected = pkg.name.charAt(0).toUpperCase();
      if (expected === pkg.letter) continue;
      out.push({
        file: pkg.dir,
        message: `package '${pkg.name}' is in letter folder '${pkg.letter}' but belongs in packages/${expected}/ (the upper-cased first letter of its name): move it there`,
      });
    }
    return out;
  },
};
