import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { PACKAGE_NAME } from './util.js';

/** Package folder names follow the DC/OS Universe pattern, which its build enforced. */
export const layoutPackageFolder: CatalogRule = {
  id: 'layout-package-folder',
  description: 'Package folder names match ^[a-z][a-z0-9-]*[a-z0-9]$.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const pkg of catalog.packages) {
      if (PACKAGE_NAME.test(pkg.name)) continue;
      out.push({
        file: pkg.dir,
        message: `package folder '${pkg.name}' is not a valid package name: rename it using lower-case letters, digits and inner hyphens, starting with a letter (pattern ^[a-z][a-z0-9-]*[a-z0-9]$)`,
      });
    }
    return out;
  },
};
