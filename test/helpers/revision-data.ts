import type { RevisionData } from '../../scripts/lib/index/revision-data.js';

/** A revision of the package `web` as the build sees it, with nothing but package.json unless given. */
export function revisionData(number: number, pkg: Record<string, unknown>, extra: Partial<RevisionData> = {}): RevisionData {
  return {
    dir: `packages/W/web/${number}`,
    number,
    pkg,
    version: String(pkg.version),
    packagingVersion: String(pkg.packagingVersion),
    config: undefined,
    resource: undefined,
    command: undefined,
    marathon: undefined,
    aurora: undefined,
    ...extra,
  };
}
