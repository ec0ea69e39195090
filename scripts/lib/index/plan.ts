import type { Catalog, Revision } from '../catalog/types.js';
import type { Analysis } from '../rules/analysis.js';
import { inDcos } from './dcos-object.js';
import { DCOS_FILES, inclusionMask } from './dcos-versions.js';
import { isSafeName, readRevision, type RevisionData } from './revision-data.js';

/** A revision the build will write. */
export interface PlannedRevision {
  /** The catalog's revision (the key of the validation's memoised facts, e.g. renders). */
  rev: Revision;
  data: RevisionData;
  /** Bits of the DC/OS files that include it; 0 when it is not in the DC/OS outputs. */
  mask: number;
}

/** A package the build will write: its usable revisions, ascending (at least one). */
export interface PlannedPackage {
  name: string;
  revisions: PlannedRevision[];
}

/** What the build writes, decided before anything is written. */
export interface BuildPlan {
  packages: PlannedPackage[];
  /** Revisions included in each of DCOS_FILES: equal counts of one form mean identical files. */
  counts: number[];
  /** Revision and package folders left out because they cannot be used (validation reports why). */
  skipped: string[];
}

/**
 * One cheap pass over the catalog: which revisions are usable and which DC/OS files include each.
 * Package folders whose name is unusable as a file name, or repeated (same name under two letter
 * folders), are skipped whole, so no output path ever comes from unchecked data.
 */
export function planBuild(catalog: Catalog, analysis: Analysis): BuildPlan {
  const counts = DCOS_FILES.map(() => 0);
  const packages: PlannedPackage[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const pkg of catalog.packages) {
    if (!isSafeName(pkg.name) || seen.has(pkg.name)) {
      skipped.push(pkg.dir);
      continue;
    }
    seen.add(pkg.name);
    const revisions: PlannedRevision[] = [];
    for (const rev of pkg.revisions) {
      const data = readRevision(rev, analysis);
      if (!data) {
        skipped.push(rev.dir);
        continue;
      }
      const mask = inDcos(data) ? inclusionMask(data.pkg.minDcosReleaseVersion) : 0;
      DCOS_FILES.forEach((f, i) => {
        if (mask & f.bit) counts[i]!++;
      });
      revisions.push({ rev, data, mask });
    }
    if (revisions.length > 0) packages.push({ name: pkg.name, revisions });
  }
  return { packages, counts, skipped };
}
