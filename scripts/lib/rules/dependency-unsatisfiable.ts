import semver from 'semver';
import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { dependenciesOf, listForMessage, revisionVersions } from './util.js';

/**
 * Some revision of each dependency has a version in the declared semver range, with npm's
 * semantics (a range only matches pre-releases when it names one on the same x.y.z). An invalid
 * range is reported here too. Unknown packages are dependency-unknown-package's.
 */
export const dependencyUnsatisfiable: CatalogRule = {
  id: 'dependency-unsatisfiable',
  description: 'Every dependency range is valid semver and some revision of the package satisfies it.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog, analysis }) {
    const versions = new Map<string, string[]>();
    for (const pkg of catalog.packages) versions.set(pkg.name, revisionVersions(pkg, analysis).map((rv) => rv.version));
    const out: Finding[] = [];
    for (const pkg of catalog.packages) {
      for (const rev of pkg.revisions) {
        for (const dep of dependenciesOf(rev, analysis)) {
          const available = versions.get(dep.name);
          if (!available || typeof dep.range !== 'string') continue;
          const file = `${rev.dir}/package.json`;
          if (semver.validRange(dep.range) === null) {
            out.push({ file, pointer: dep.pointer, message: `'${dep.range}' is not a valid semver range for dependency '${dep.name}': write one like '^1.2.0' or '>=1.2.0 <2.0.0'` });
            continue;
          }
          if (available.some((v) => semver.valid(v) !== null && semver.satisfies(v, dep.range as string))) continue;
          const newest = [...new Set(available.filter((v) => semver.valid(v) !== null))].sort(semver.rcompare);
          const have = newest.length > 0 ? `it has ${listForMessage(newest)}` : 'it has no semver version';
          out.push({
            file,
            pointer: dep.pointer,
            message: `no revision of '${dep.name}' satisfies '${dep.range}' (${have}): widen the range or add a matching revision`,
          });
        }
      }
    }
    return out;
  },
};
