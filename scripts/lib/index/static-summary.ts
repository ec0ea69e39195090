/**
 * The entries of the static directory API's lists (schema/static-api.schema.json): a package's
 * summary for packages.json and packages-<category>.json, and its versions for versions.json.
 * Built from the same index entry as index.json, so the two never disagree.
 */
import type { IndexPackage, StaticPackageSummary, StaticVersion } from '../schema/types.generated.js';
import type { RevisionData } from './revision-data.js';
import { isJsonObject } from '../json/object.js';

export type { StaticPackageSummary, StaticVersion };

/** The image keys tried for a package's icon, best first (a list shows it small, but not tiny). */
const ICON_KEYS = ['icon-medium', 'icon-small', 'icon-large'] as const;

/** resource.json `images` icon of a revision, by {@link ICON_KEYS} preference; undefined without one. */
function iconOf(resource: unknown): string | undefined {
  const images = isJsonObject(resource) ? resource.images : undefined;
  if (!isJsonObject(images)) return undefined;
  for (const k of ICON_KEYS) {
    const v = images[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * A package's summary: index.json's entry (`entry`, built from the same revisions) plus what a
 * list shows of the latest revision (`latest`): maintainer, icon, packaging version, deprecation,
 * `selected`. Members in the schema's order.
 */
export function packageSummary(entry: IndexPackage, latest: RevisionData): StaticPackageSummary {
  const maintainer = typeof latest.pkg.maintainer === 'string' ? latest.pkg.maintainer : undefined;
  const icon = iconOf(latest.resource);
  const deprecated = entry.versions[entry.versions.length - 1]!.deprecated;
  const selected = typeof latest.pkg.selected === 'boolean' ? latest.pkg.selected : undefined;
  return {
    name: entry.name,
    description: entry.description,
    tags: entry.tags,
    categories: entry.categories,
    ...(maintainer !== undefined ? { maintainer } : {}),
    ...(icon !== undefined ? { icon } : {}),
    latest: { version: latest.version, revision: latest.number, packagingVersion: latest.packagingVersion },
    versions: entry.versions.length,
    ...(deprecated !== undefined ? { deprecated } : {}),
    ...(selected !== undefined ? { selected } : {}),
  };
}

/** versions.json's entries: index.json's versions without digests, highest revision first. */
export function versionList(entry: IndexPackage): StaticVersion[] {
  const out: StaticVersion[] = [];
  for (let i = entry.versions.length - 1; i >= 0; i--) {
    const { digest: _digest, ...v } = entry.versions[i]!;
    out.push(v);
  }
  return out;
}
