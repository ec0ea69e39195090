import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { dependenciesOf } from './util.js';

/** Every dependency of a 6.0 revision names a package of this universe. */
export const dependencyUnknownPackage: CatalogRule = {
  id: 'dependency-unknown-package',
  description: 'Dependencies name packages that exist in the universe.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog, analysis }) {
    const names = new Set(catalog.packages.map((p) => p.name));
    const out: Finding[] = [];
    for (const pkg of catalog.packages) {
      for (const rev of pkg.revisions) {
        for (const dep of dependenciesOf(rev, analysis)) {
          if (names.has(dep.name)) continue;
          out.push({
            file: `${rev.dir}/package.json`,
            pointer: dep.pointer,
            message: `dependency '${dep.name}' names no package in this universe: correct the name or add the package`,
          });
        }
      }
    }
    return out;
  },
};
