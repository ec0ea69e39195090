import type { Catalog, PackageDir, Revision } from '../../catalog/types.js';
import type { Finding } from '../../diagnostics/types.js';
import type { RepositorySettings } from '../../policy/settings.js';
import type { Analysis } from '../analysis.js';
import type { RuleMeta } from '../types.js';
import type { CheckReport } from '../../change/types.js';

/** One side of a comparison: the changed packages as loaded from the base or the head. */
export interface ChangeSide {
  catalog: Catalog;
  analysis: Analysis;
}

/** A `schema/*.json` file as read from one side: its text and parsed value (undefined when it does not parse). */
export interface SchemaFile {
  text: string;
  value: unknown;
}

/** The project's `schema/*.json` files on each side, by file name, when `schema/` changed. */
export interface SchemaSides {
  /** The schema folder as a path relative to the universe folder (findings use it), e.g. `../schema`. */
  dir: string;
  base: ReadonlyMap<string, SchemaFile>;
  head: ReadonlyMap<string, SchemaFile>;
}

/** What a breaking-change rule sees: both sides of every changed package, and the settings. */
export interface ChangeContext {
  base: ChangeSide;
  head: ChangeSide;
  changes: CheckReport['changes'];
  /** The head's settings. */
  settings: RepositorySettings;
  /**
   * The base's settings. A change cannot relax the policy that judges it: breaking-change
   * severities are the stricter of base and head, and only members both call metadata are.
   */
  baseSettings: RepositorySettings;
  /** Set when something under the project's `schema/` folder changed. */
  schemas?: SchemaSides;
}

/** A rule comparing base and head (`universe check`); its id starts with `breaking/`. */
export interface ChangeRule extends RuleMeta {
  scope: 'change';
  check(ctx: ChangeContext): Finding[];
}

/** A revision at the base and the same folder at the head (either may be missing). */
export interface RevisionPair {
  pkg: string;
  folder: string;
  base?: Revision;
  head?: Revision;
}

/** Both sides of each changed package, by folder, with every revision paired by folder name. */
export function packagePairs(ctx: ChangeContext): Array<{ name: string; dir: string; base?: PackageDir; head?: PackageDir; revisions: RevisionPair[] }> {
  const out = [];
  for (const change of ctx.changes.packages) {
    const base = ctx.base.catalog.packages.find((p) => p.dir === change.dir);
    const head = ctx.head.catalog.packages.find((p) => p.dir === change.dir);
    const folders = new Map<string, RevisionPair>();
    for (const r of base?.revisions ?? []) folders.set(r.folder, { pkg: change.name, folder: r.folder, base: r });
    for (const r of head?.revisions ?? []) folders.set(r.folder, { ...(folders.get(r.folder) ?? { pkg: change.name, folder: r.folder }), head: r });
    out.push({ name: change.name, dir: change.dir, ...(base ? { base } : {}), ...(head ? { head } : {}), revisions: [...folders.values()] });
  }
  return out;
}

/** The published revision upgrades start from: the highest-numbered revision at the base. */
function latestRevision(pkg: PackageDir | undefined): Revision | undefined {
  const numbered = (pkg?.revisions ?? []).filter((r) => r.number !== undefined);
  return numbered[numbered.length - 1];
}

/** The top-level members of a revision file that both the base and the head policy call metadata. */
export function metadataKeys(ctx: ChangeContext, file: string): Set<string> {
  const head = new Set(ctx.settings.policy.metadata[file] ?? []);
  return new Set((ctx.baseSettings.policy.metadata[file] ?? []).filter((k) => head.has(k)));
}

/** A revision's `version` when it is a string. */
export function versionOf(side: ChangeSide, rev: Revision | undefined): string | undefined {
  return rev ? side.analysis.packageVersion(rev) : undefined;
}

/** A revision the head adds to a package that was published at the base, with what it follows. */
export interface NewRevision {
  pkg: string;
  /** The new revision as loaded from the head. */
  rev: Revision;
  /** Its package.json `version`, when a string. */
  version: string | undefined;
  /** The package as it was at the base. */
  base: PackageDir;
  /** The highest-numbered published revision and its version. */
  latest: Revision | undefined;
  latestVersion: string | undefined;
}

/** Every revision folder the head adds to a package that already existed at the base. */
export function newRevisions(ctx: ChangeContext): NewRevision[] {
  const out: NewRevision[] = [];
  for (const pkg of packagePairs(ctx)) {
    if (!pkg.base) continue;
    const latest = latestRevision(pkg.base);
    const latestVersion = versionOf(ctx.base, latest);
    for (const pair of pkg.revisions) {
      if (pair.base || !pair.head) continue;
      out.push({ pkg: pkg.name, rev: pair.head, version: versionOf(ctx.head, pair.head), base: pkg.base, latest, latestVersion });
    }
  }
  return out;
}
