/**
 * Package summaries (the static API's `packages.json` entries) derived from the native index
 * and, when at hand, the latest revision's document.
 */
import type { IndexPackage, PackageSummary, RevisionDocument } from './types.js';
import { isJsonObject } from '../json/object.js';

/** The icon of a revision: resource.json images, medium preferred, then small, then large. */
function iconOf(resource: unknown): string | undefined {
  const images = isJsonObject(resource) ? resource.images : undefined;
  if (!isJsonObject(images)) return undefined;
  for (const key of ['icon-medium', 'icon-small', 'icon-large']) {
    const v = images[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * The summary of an index entry. Maintainer, icon and `selected` come from `latest` (the latest
 * revision's document) and are left out without it.
 */
export function summarize(pkg: IndexPackage, latest?: RevisionDocument): PackageSummary {
  const entry = pkg.versions.find((v) => v.revision === pkg.latest.revision) ?? pkg.versions[pkg.versions.length - 1]!;
  const maintainer = typeof latest?.package.maintainer === 'string' ? latest.package.maintainer : undefined;
  const icon = latest ? iconOf(latest.resource) : undefined;
  const selected = typeof latest?.package.selected === 'boolean' ? latest.package.selected : undefined;
  // Members in the order of packages.json (schema/static-api.schema.json).
  return {
    name: pkg.name,
    description: pkg.description,
    tags: [...pkg.tags],
    categories: [...pkg.categories],
    ...(maintainer !== undefined ? { maintainer } : {}),
    ...(icon !== undefined ? { icon } : {}),
    latest: { version: pkg.latest.version, revision: pkg.latest.revision, packagingVersion: entry.packagingVersion },
    versions: pkg.versions.length,
    ...(entry.deprecated ? { deprecated: { ...entry.deprecated } } : {}),
    ...(selected !== undefined ? { selected } : {}),
  };
}

/** Whether a value has the shape of a {@link PackageSummary} (as far as search and listing rely on it). */
export function isPackageSummary(v: unknown): v is PackageSummary {
  if (!isJsonObject(v) || typeof v.name !== 'string' || typeof v.description !== 'string') return false;
  if (!isStringArray(v.tags) || !isStringArray(v.categories) || typeof v.versions !== 'number') return false;
  if (v.maintainer !== undefined && typeof v.maintainer !== 'string') return false;
  const l = v.latest;
  return isJsonObject(l) && typeof l.version === 'string' && typeof l.revision === 'number' && typeof l.packagingVersion === 'string';
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
