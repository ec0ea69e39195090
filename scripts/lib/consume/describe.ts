/**
 * What `universe describe` shows of a revision: its metadata, notes, options and the versions
 * of its package, as one plain object (printed as JSON, or formatted for people by the CLI).
 */
import { flattenOptions, type OptionConstraints } from './options.js';
import type { IndexPackage, RevisionDocument } from './types.js';
import { isJsonObject } from '../json/object.js';

/** One option row (see consume/options.ts), without the bookkeeping fields. */
export interface DescribedOption {
  name: string;
  type?: string;
  default?: unknown;
  required: boolean;
  description?: string;
  /** Enum values, bounds, lengths, pattern and format, when config.json states any. */
  constraints?: OptionConstraints;
}

/** A described revision. */
export interface Description {
  name: string;
  version: string;
  revision: number;
  packagingVersion: string;
  description: string;
  maintainer?: string;
  tags: string[];
  categories: string[];
  website?: string;
  scm?: string;
  licenses: Array<{ name: string; url?: string }>;
  minDcosReleaseVersion?: string;
  deprecated?: { message: string; replacement?: string };
  dependencies?: Record<string, string>;
  notes: { preInstall?: string; postInstall?: string; postUninstall?: string };
  /** The descriptors the revision can render. */
  descriptors: Array<'marathon' | 'aurora'>;
  options: DescribedOption[];
  /** Every revision of the package, highest first. */
  versions: Array<{ version: string; revision: number; packagingVersion: string; deprecated?: { message: string; replacement?: string } }>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Describes `rev`, one of the revisions of the index entry `entry`. */
export function describeRevision(entry: IndexPackage, rev: RevisionDocument): Description {
  const p = rev.package as Record<string, unknown>;
  const out: Description = {
    name: rev.package.name,
    version: rev.package.version,
    revision: rev.revision,
    packagingVersion: rev.package.packagingVersion,
    description: str(p.description) ?? '',
    tags: strings(p.tags),
    categories: rev.package.packagingVersion === '6.0' ? strings(p.categories) : [],
    licenses: [],
    notes: {},
    descriptors: [],
    options: [],
    versions: [],
  };
  const put = <K extends 'maintainer' | 'website' | 'scm' | 'minDcosReleaseVersion'>(k: K): void => {
    const v = str(p[k]);
    if (v !== undefined) out[k] = v;
  };
  put('maintainer');
  put('website');
  put('scm');
  put('minDcosReleaseVersion');
  if (Array.isArray(p.licenses)) {
    for (const l of p.licenses) if (isJsonObject(l) && typeof l.name === 'string') out.licenses.push(typeof l.url === 'string' ? { name: l.name, url: l.url } : { name: l.name });
  }
  const dep = p.deprecated;
  if (rev.package.packagingVersion === '6.0' && isJsonObject(dep) && typeof dep.message === 'string') {
    out.deprecated = typeof dep.replacement === 'string' ? { message: dep.message, replacement: dep.replacement } : { message: dep.message };
  }
  if (rev.package.packagingVersion === '6.0' && isJsonObject(p.dependencies)) {
    const deps = Object.entries(p.dependencies).filter((e): e is [string, string] => typeof e[1] === 'string');
    if (deps.length > 0) out.dependencies = Object.fromEntries(deps.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }
  const notes: Array<[keyof Description['notes'], string]> = [['preInstall', 'preInstallNotes'], ['postInstall', 'postInstallNotes'], ['postUninstall', 'postUninstallNotes']];
  for (const [k, from] of notes) {
    const v = str(p[from]);
    if (v !== undefined) out.notes[k] = v;
  }
  if (rev.marathonTemplate !== undefined) out.descriptors.push('marathon');
  if (rev.auroraTemplate !== undefined) out.descriptors.push('aurora');
  out.options = flattenOptions(rev.config).map((r) => {
    const o: DescribedOption = { name: r.name, required: r.required };
    if (r.type !== undefined) o.type = r.type;
    if (r.hasDefault) o.default = r.default;
    if (r.description !== undefined) o.description = r.description;
    if (r.constraints !== undefined) o.constraints = r.constraints;
    return o;
  });
  out.versions = [...entry.versions]
    .sort((a, b) => b.revision - a.revision)
    .map((v) => ({ version: v.version, revision: v.revision, packagingVersion: v.packagingVersion, ...(v.deprecated ? { deprecated: { ...v.deprecated } } : {}) }));
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
