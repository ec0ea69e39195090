import type { Catalog, LoadedFile, PackageDir, Revision } from '../catalog/types.js';
import { escapePointerToken } from '../json/pointer.js';
import type { Analysis } from './analysis.js';
import type { ScanProblem } from '../json/scan.js';

/** The folder name pattern of a package (and the pattern of package.json `name`). */
export const PACKAGE_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/**
 * The longest package name: every output path built from it (`packages/<name>.json.gz`, a
 * slice, a URL the server answers) stays well inside the file system's 255-byte names.
 */
export const MAX_PACKAGE_NAME_LENGTH = 128;

/** The folder name pattern of a letter folder under `packages/`. */
export const LETTER = /^[A-Z]$/;

/** Packaging versions in which command.json is no longer read. */
export const NO_COMMAND_VERSIONS: ReadonlySet<string> = new Set(['4.0', '5.0', '6.0']);

/** A revision's package.json `version`, when it parsed into a string. */
export interface RevisionVersion {
  revision: Revision;
  version: string;
}

/** The versions of a package's revisions, in revision order (revisions without one are left out). */
export function revisionVersions(pkg: PackageDir, analysis: Analysis): RevisionVersion[] {
  const out: RevisionVersion[] = [];
  for (const revision of pkg.revisions) {
    const version = analysis.packageVersion(revision);
    if (version !== undefined) out.push({ revision, version });
  }
  return out;
}

/**
 * The latest revision of a package: the highest canonical revision number ("the highest is
 * latest"). Folders that are not revision numbers never count.
 */
export function latestRevision(pkg: PackageDir): Revision | undefined {
  let latest: Revision | undefined;
  for (const r of pkg.revisions) if (r.number !== undefined && (!latest || r.number > latest.number!)) latest = r;
  return latest;
}

/** Every file the catalog loaded: the settings file first, then each revision's files. */
export function loadedFiles(catalog: Catalog): LoadedFile[] {
  const out: LoadedFile[] = [];
  if (catalog.settings) out.push(catalog.settings);
  for (const pkg of catalog.packages) {
    for (const rev of pkg.revisions) for (const f of Object.values(rev.files)) if (f) out.push(f);
  }
  return out;
}

/** Every structural JSON problem of one kind in every loaded file, with its file, in file order. */
export function jsonProblems(catalog: Catalog, kind: ScanProblem['kind']): Array<{ file: LoadedFile; problem: ScanProblem }> {
  const out: Array<{ file: LoadedFile; problem: ScanProblem }> = [];
  for (const file of loadedFiles(catalog)) {
    for (const problem of file.json?.problems ?? []) if (problem.kind === kind) out.push({ file, problem });
  }
  return out;
}

/** The last path segment of a repository-relative path, for messages. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Lists values for a message: `'a', 'b' and 3 more`. */
export function listForMessage(values: readonly string[], max = 5): string {
  const shown = values.slice(0, max).map((v) => `'${v}'`);
  const rest = values.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** One entry of a 6.0 package.json `dependencies` object. */
export interface Dependency {
  name: string;
  range: unknown;
  pointer: string;
}

/**
 * The dependencies a 6.0 revision declares, in document order (other packaging versions have
 * none: schema-package reports the member there).
 */
export function dependenciesOf(rev: Revision, analysis: Analysis): Dependency[] {
  if (analysis.packagingVersion(rev) !== '6.0') return [];
  const deps = analysis.packageJson(rev)?.dependencies;
  if (typeof deps !== 'object' || deps === null || Array.isArray(deps)) return [];
  // Object.entries only sees own properties, so a '__proto__' key is just an unknown name.
  return Object.entries(deps).map(([name, range]) => ({ name, range, pointer: `/dependencies/${escapePointerToken(name)}` }));
}
