import type { Finding } from '../diagnostics/types.js';
import type { PackageRule } from './types.js';

/**
 * Revision folders are canonical non-negative integers: the folder name is the revision number
 * (`releaseVersion`), so '01', '+1' or 'latest' have no number and cannot be ordered.
 */
export const layoutRevisionFolder: PackageRule = {
  id: 'layout-revision-folder',
  description: 'Revision folders are non-negative integers without leading zeros or sign.',
  severity: 'error',
  scope: 'package',
  check(pkg) {
    const out: Finding[] = [];
    for (const rev of pkg.revisions) {
      if (rev.number !== undefined) continue;
      out.push({
        file: rev.dir,
        message: `revision folder '${rev.folder}' is not a revision number: rename it to a non-negative integer of at most 9 digits, without leading zeros or sign (e.g. '0' or '12')`,
      });
    }
    return out;
  },
};
