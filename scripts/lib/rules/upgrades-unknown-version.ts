import type { Finding } from '../diagnostics/types.js';
import type { PackageRule } from './types.js';
import { revisionVersions } from './util.js';

const MEMBERS = ['upgradesFrom', 'downgradesTo'] as const;

/**
 * upgradesFrom / downgradesTo name versions the package has ("*" means any). An entry naming
 * no revision is usually a typo, or a version that was removed: the upgrade path it promises
 * cannot be checked.
 */
export const upgradesUnknownVersion: PackageRule = {
  id: 'upgrades-unknown-version',
  description: 'upgradesFrom and downgradesTo name versions that a revision of the package has.',
  severity: 'warning',
  scope: 'package',
  check(pkg, { analysis }) {
    const known = new Set(revisionVersions(pkg, analysis).map((rv) => rv.version));
    const out: Finding[] = [];
    for (const rev of pkg.revisions) {
      const json = analysis.packageJson(rev);
      if (!json) continue;
      for (const member of MEMBERS) {
        const list = json[member];
        if (!Array.isArray(list)) continue;
        list.forEach((v: unknown, i) => {
          if (typeof v !== 'string' || v === '*' || known.has(v)) return;
          out.push({
            file: `${rev.dir}/package.json`,
            pointer: `/${member}/${i}`,
            message: `${member} names version '${v}', which no revision of '${pkg.name}' has: correct the version or remove the entry`,
            data: { version: v },
          });
        });
      }
    }
    return out;
  },
};
