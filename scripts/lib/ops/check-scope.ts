/**
 * What a check is about: the changed paths grouped into packages and revisions, the packages the
 * changed ones depend on, and which diagnostics the change is responsible for.
 */
import { addPackages } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import type { ChangeStatus, CheckReport, PackageChange, RevisionChange } from '../change/types.js';
import { compareStrings } from '../diagnostics/sort.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { ChangedPath } from '../git/diff.js';
import type { TreeLister } from '../git/snapshot.js';
import type { Analysis } from '../rules/analysis.js';
import type { Rule } from '../rules/types.js';

/** Groups changed paths into packages and revisions; everything else is a changed file. */
export async function classify(changed: readonly ChangedPath[], base: TreeLister, head: TreeLister): Promise<CheckReport['changes']> {
  const packages = new Map<string, PackageChange>();
  const files: string[] = [];
  for (const c of changed) {
    const parts = c.path.split('/');
    if (parts[0] !== 'packages' || parts.length < 4) {
      files.push(c.path);
      continue;
    }
    const dir = parts.slice(0, 3).join('/');
    let pkg = packages.get(dir);
    if (!pkg) packages.set(dir, (pkg = { name: parts[2]!, dir, status: 'modified', revisions: [] }));
    if (parts.length === 4) files.push(c.path);
    else if (!pkg.revisions.some((r) => r.folder === parts[3])) pkg.revisions.push({ folder: parts[3]!, status: 'modified' });
  }
  for (const pkg of packages.values()) {
    const [b, h] = await Promise.all([base(pkg.dir), head(pkg.dir)]);
    pkg.status = statusOf(b !== undefined, h !== undefined);
    for (const r of pkg.revisions) {
      r.status = statusOf(b?.some((e) => e.name === r.folder && e.kind === 'dir') ?? false, h?.some((e) => e.name === r.folder && e.kind === 'dir') ?? false);
    }
    pkg.revisions.sort((x, y) => revisionOrder(x.folder) - revisionOrder(y.folder) || compareStrings(x.folder, y.folder));
  }
  return { packages: [...packages.values()].sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.dir, b.dir)), files: files.sort(compareStrings) };
}

function statusOf(atBase: boolean, atHead: boolean): ChangeStatus {
  return atBase && atHead ? 'modified' : atHead ? 'added' : 'removed';
}

function revisionOrder(folder: string): number {
  return /^(0|[1-9][0-9]{0,8})$/.test(folder) ? Number(folder) : Infinity;
}

/** Loads, transitively, the packages the loaded ones depend on: dependency rules need their versions. */
export async function addDependencies(catalog: Catalog): Promise<void> {
  const letterOf = new Map<string, string>();
  for (const l of catalog.letters) for (const e of l.entries) if (e.kind === 'dir' && !letterOf.has(e.name)) letterOf.set(e.name, l.name);
  let frontier = catalog.packages;
  while (frontier.length > 0) {
    const wanted: Array<{ letter: string; name: string }> = [];
    for (const p of frontier) {
      for (const r of p.revisions) {
        const deps = (r.files['package.json']?.json?.value as { dependencies?: unknown } | undefined)?.dependencies;
        if (!deps || typeof deps !== 'object' || Array.isArray(deps)) continue;
        for (const name of Object.keys(deps)) {
          const letter = letterOf.get(name);
          if (letter !== undefined) wanted.push({ letter, name });
        }
      }
    }
    frontier = await addPackages(catalog, wanted);
  }
}

export function fillVersions(packages: PackageChange[], head: Catalog, headAnalysis: Analysis, base: Catalog, baseAnalysis: Analysis): void {
  for (const p of packages) {
    for (const r of p.revisions) {
      const [catalog, analysis] = r.status === 'removed' ? [base, baseAnalysis] : [head, headAnalysis];
      const rev = catalog.packages.find((x) => x.dir === p.dir)?.revisions.find((x) => x.folder === r.folder);
      const v = rev ? analysis.packageVersion(rev) : undefined;
      if (v !== undefined) (r as RevisionChange).version = v;
    }
  }
}

/** The paths a check judges by the new-revision policy: revisions and files added or modified, and packages added whole. */
export function newPathsOf(changes: CheckReport['changes'], revisionDirs: ReadonlySet<string>): Set<string> {
  const out = new Set<string>(revisionDirs);
  for (const f of changes.files) out.add(f);
  for (const p of changes.packages) if (p.status === 'added') out.add(p.dir);
  return out;
}

/** Every folder above a changed (added or modified) path: where a folder-level finding about the change lands. */
export function changedAncestors(changed: readonly ChangedPath[]): Set<string> {
  const out = new Set<string>();
  for (const c of changed) {
    if (c.status === 'removed') continue;
    for (let i = c.path.indexOf('/'); i !== -1; i = c.path.indexOf('/', i + 1)) out.add(c.path.slice(0, i));
  }
  return out;
}

/** What a check changed, as the sets {@link inChange} reads. */
export interface ChangeScope {
  /** Changed package folders. */
  packages: ReadonlySet<string>;
  /** Added or modified revision folders. */
  revisions: ReadonlySet<string>;
  /** Changed files outside revision folders. */
  files: ReadonlySet<string>;
  /** Folders above an added or modified path (see {@link changedAncestors}). */
  changed: ReadonlySet<string>;
}

/**
 * Keeps the diagnostics the change is responsible for: everything in changed files and changed
 * revisions; and, when the base did not already report it, what package rules say of a changed
 * package and what catalog rules say of a changed package or of a folder above a change (a
 * misplaced letter or package folder).
 */
export function inChange(rules: readonly Rule[], change: ChangeScope, atBase: ReadonlySet<string>): (d: Diagnostic) => boolean {
  const scope = new Map(rules.map((r) => [r.id, r.scope]));
  return (d) => {
    if (change.files.has(d.file)) return true;
    const parts = d.file.split('/');
    if (parts.length >= 4 && change.revisions.has(parts.slice(0, 4).join('/'))) return true;
    const inPackage = parts.length >= 3 && change.packages.has(parts.slice(0, 3).join('/'));
    if (d.code === 'internal-error') return inPackage;
    if (atBase.has(findingKey(d))) return false;
    const s = scope.get(d.code);
    if (s === 'package') return inPackage;
    return s === 'catalog' && (inPackage || change.changed.has(d.file));
  };
}

/** What makes two diagnostics the same finding, wherever its line moved. */
export function findingKey(d: Diagnostic): string {
  return `${d.code}\0${d.file}\0${d.pointer}\0${d.message}`;
}
