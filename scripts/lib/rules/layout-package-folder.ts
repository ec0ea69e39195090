import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { MAX_PACKAGE_NAME_LENGTH, PACKAGE_NAME } from './util.js';

/**
 * Package folder names follow the DC/OS Universe pattern, which its build enforced, and are at
 * most {@link MAX_PACKAGE_NAME_LENGTH} characters: the build names files after them.
 */
export const layoutPackageFolder: CatalogRule = {
  id: 'layout-package-folder',
  description: 'Package folder names match ^[a-z][a-z0-9-]*[a-z0-9]$ and are at most 128 characters.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const pkg of catalog.packages) {
      if (PACKAGE_NAME.test(pkg.name) && pkg.name.length <= MAX_PACKAGE_NAME_LENGTH) continue;
      if (PACKAGE_NAME.test(pkg.name)) {
        out.push({ file: pkg.dir, message: `package folder name is ${pkg.name.length} characters long, more than the ${MAX_PACKAGE_NAME_LENGTH} the build can name files after: choose a shorter name`, data: { length: pkg.name.length } });
        continue;
      }
      out.push({
        file: pkg.dir,
        message: `package folder '${pkg.name}' is not a valid package name: rename it using lower-case letters, digits and inner hyphens, starting with a letter (pattern ^[a-z][a-z0-9-]*[a-z0-9]$)`,
      });
    }
    return out;
  },
};
