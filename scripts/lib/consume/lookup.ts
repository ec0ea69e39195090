/**
 * Finding the revision a `PACKAGE[@VERSION]` reference names, in a built index or a repository
 * folder. An unknown package or version is a CannotRunError that says what exists.
 */
import { CannotRunError } from '../diagnostics/errors.js';
import { Candidates, suggest } from '../render/closest.js';
import { openRepoPackage } from './repo.js';
import { listVersions, pickRevision, type PackageRef } from './select.js';
import type { IndexSource } from './source.js';
import type { IndexPackage, PackageDocument, RevisionDocument } from './types.js';

/** A revision found in a built index. */
export interface IndexHit {
  entry: IndexPackage;
  document: PackageDocument;
  revision: RevisionDocument;
}

/** A revision found in a repository folder. */
export interface RepoHit {
  revision: RevisionDocument;
  /** The revision folder, repository-relative. */
  dir: string;
  /** Reads a repository-relative file's text. */
  text(path: string): Promise<string | undefined>;
}

/** `unknown package 'x' in <where>; did you mean 'y'?` */
function unknownPackage(name: string, names: readonly string[], where: string): CannotRunError {
  const hint = suggest(name, [new Candidates(names)]);
  const more = hint !== undefined ? `; did you mean '${hint}'?` : names.length > 0 ? ` (universe search lists what it has)` : ' (it has no packages)';
  return new CannotRunError(`unknown package '${name}' in ${where}${more}`);
}

/** `x has no version V in <where>; it has: …` */
function unknownVersion(name: string, version: string, versions: ReadonlyArray<{ version: string; revision: number }>, where: string): CannotRunError {
  return new CannotRunError(`${name} has no version ${version} in ${where}; its versions are: ${listVersions(versions)}`);
}

/** The revision `ref` names in an opened artifact. */
export async function findInIndex(source: IndexSource, ref: PackageRef): Promise<IndexHit> {
  const entry = source.index.packages.find((p) => p.name === ref.name);
  const document = entry ? await source.packageDocument(entry.name) : undefined;
  if (!entry || !document) throw unknownPackage(ref.name, source.index.packages.map((p) => p.name), source.label);
  const revision = pickRevision(document.revisions, ref.version);
  if (!revision) throw unknownVersion(ref.name, ref.version ?? '', document.revisions.map((r) => ({ version: r.package.version, revision: r.revision })), source.label);
  return { entry, document, revision };
}

/**
 * The revision `ref` names in the repository folder `repoDir`. A latest revision (or the only
 * revision of the version asked for) that cannot be read is an error, never silently skipped.
 * `label` names the folder in messages (default: `repoDir`).
 */
export async function findInRepo(repoDir: string, ref: PackageRef, label = repoDir): Promise<RepoHit> {
  const { package: pkg, names } = await openRepoPackage(repoDir, ref.name, label);
  if (!pkg) throw unknownPackage(ref.name, names, label);
  const usable = pkg.revisions.map((r) => ({ ...r.doc, dir: r.dir }));
  const picked = pickRevision(usable, ref.version);
  const broken = pkg.unusable.filter((u) => u.revision !== undefined && (picked === undefined || u.revision > picked.revision));
  if (broken.length > 0 && (ref.version === undefined || picked === undefined)) {
    throw new CannotRunError(`${broken.map((b) => b.dir).join(', ')} cannot be read (a file is missing, unreadable or malformed): run universe validate --repo ${label} to see why`);
  }
  if (!picked) {
    const versions = usable.map((r) => ({ version: r.package.version, revision: r.revision }));
    if (versions.length === 0) throw new CannotRunError(`${ref.name} has no usable revision in ${label}: run universe validate --repo ${label} to see why`);
    throw unknownVersion(ref.name, ref.version ?? '', versions, label);
  }
  const { dir, ...revision } = picked;
  return { revision, dir, text: pkg.text };
}
