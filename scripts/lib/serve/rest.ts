/**
 * The package-repository REST API, computed from the loaded artifact and cached on it (an
 * artifact never changes; `--watch` replaces it whole):
 * - `GET /packages[?recency=n]` → `{"packages":[{name, description, tags, categories,
 *   maintainer?, icon?, selected?, deprecated?, latest, versionCount, versions:[n newest], url}]}`;
 * - `GET /packages/<name>` → the package with every version (newest first), each with the URL of
 *   its spec.json when the artifact has one, and the URLs of its downloadable documents.
 */
import { summarize } from '../consume/summary.js';
import type { IndexPackage, PackageSummary } from '../consume/types.js';
import type { IndexVersion } from '../schema/types.generated.js';
import type { Artifact } from './artifact.js';
import type { Representation } from './representation.js';
import { jsonRepresentation } from './respond.js';

/** Largest `recency` honoured; larger values are capped (every package has few versions in practice). */
const MAX_RECENCY = 100;

/** `recency` from a query, or an error message (it must be an integer ≥ 1; values above the cap are capped). */
export function parseRecency(params: URLSearchParams): number | { error: string } {
  const raw = params.get('recency');
  if (raw === null) return 1;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) return { error: `recency must be a whole number of versions, 1 or more (got ${JSON.stringify(raw.slice(0, 40))})` };
  return Math.min(Number(raw), MAX_RECENCY);
}

/** The package's summary: packages.json's when the artifact has one, else derived from index.json. */
function summaryOf(artifact: Artifact, pkg: IndexPackage): PackageSummary {
  return artifact.summaries.get(pkg.name) ?? summarize(pkg);
}

/** Versions by revision, highest first. */
function newestFirst(pkg: IndexPackage): IndexVersion[] {
  return [...pkg.versions].sort((a, b) => b.revision - a.revision);
}

/** A summary without its version count (the REST entries list versions instead). */
function head(s: PackageSummary): Record<string, unknown> {
  const { versions: _count, ...rest } = s;
  return rest;
}

function version(v: IndexVersion): Record<string, unknown> {
  const out: Record<string, unknown> = { version: v.version, revision: v.revision, packagingVersion: v.packagingVersion };
  if (v.minDcosReleaseVersion !== undefined) out.minDcosReleaseVersion = v.minDcosReleaseVersion;
  if (v.deprecated !== undefined) out.deprecated = v.deprecated;
  return out;
}

const url = (name: string): string => `/packages/${encodeURIComponent(name)}`;

/** `GET /packages` for `recency` newest versions per package. */
export function packagesList(artifact: Artifact, recency: number): Representation {
  const key = `packages?${recency}`;
  let rep = artifact.cache.get(key);
  if (!rep) {
    const packages = artifact.index.packages.map((pkg) => ({
      ...head(summaryOf(artifact, pkg)),
      versionCount: pkg.versions.length,
      versions: newestFirst(pkg).slice(0, recency).map(version),
      url: url(pkg.name),
    }));
    rep = jsonRepresentation({ packages });
    artifact.cache.set(key, rep);
  }
  return rep;
}

/** `GET /packages/<name>`, or undefined when the index has no such package. */
export function packageDetail(artifact: Artifact, name: string): Representation | undefined {
  const key = `package:${name}`;
  let rep = artifact.cache.get(key);
  if (rep) return rep;
  const pkg = artifact.index.packages.find((p) => p.name === name);
  if (!pkg) return undefined;
  const files = artifact.files;
  const seen = new Set<string>();
  const versions = newestFirst(pkg).map((v) => {
    const out = { ...version(v), digest: v.digest } as Record<string, unknown>;
    // spec.json belongs to the highest revision of a version (the static API's rule).
    const segment = encodeURIComponent(v.version);
    if (!seen.has(v.version) && files.has(`/packages/${name}/${segment}/spec.json`)) {
      out.spec = `${url(name)}/${encodeURIComponent(segment)}/spec.json`;
    }
    seen.add(v.version);
    return out;
  });
  const documents: Record<string, unknown> = {};
  if (files.has(`/packages/${name}.json`)) documents.package = `${url(name)}.json`;
  if (files.has(`/packages/${name}/versions.json`)) documents.versions = `${url(name)}/versions.json`;
  const dcos: Record<string, string> = {};
  for (const r of artifact.repos) {
    const p = `/dcos/${r.dcos}/package/${name}.json`;
    if (files.has(p)) dcos[r.dcos] = p;
  }
  if (Object.keys(dcos).length > 0) documents.dcos = dcos;
  rep = jsonRepresentation({ ...head(summaryOf(artifact, pkg)), versionCount: pkg.versions.length, versions, documents });
  artifact.cache.set(key, rep);
  return rep;
}

/** Edit distance (insertions, deletions, substitutions), giving up above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Up to 3 package names close to an unknown `name` for a "did you mean": within an edit distance
 * of a third of its length (at least 1, at most 3), or containing it; closest first.
 */
export function similarNames(artifact: Artifact, name: string): string[] {
  const n = name.toLowerCase().slice(0, 64);
  if (n.length < 2) return [];
  const max = Math.min(3, Math.max(1, Math.floor(n.length / 3)));
  return artifact.index.packages
    .map((p) => ({ name: p.name, d: p.name.includes(n) ? 0.5 : distance(n, p.name, max) }))
    .filter((c) => c.d <= max)
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, 3)
    .map((c) => c.name);
}
