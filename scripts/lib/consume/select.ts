/**
 * Choosing a revision from a `PACKAGE[@VERSION]` reference, the way DC/OS clients choose one:
 * without a version the latest revision, with one the highest revision carrying that version.
 */
import { compareStrings } from '../diagnostics/sort.js';
import type { RevisionDocument } from './types.js';

/** A parsed `PACKAGE[@VERSION]` reference. */
export interface PackageRef {
  name: string;
  version?: string;
}

/**
 * Parses `name` or `name@version`; undefined when the name part is empty or the version part
 * empty (`name@`). The version is everything after the first `@`.
 */
export function parsePackageRef(ref: string): PackageRef | undefined {
  const at = ref.indexOf('@');
  const name = at < 0 ? ref : ref.slice(0, at);
  if (name === '') return undefined;
  if (at < 0) return { name };
  const version = ref.slice(at + 1);
  return version === '' ? undefined : { name, version };
}

/**
 * The revision a reference picks from a package's revisions (any order): the highest revision
 * number, among those whose package.json `version` equals `version` when one is given.
 */
export function pickRevision<T extends Pick<RevisionDocument, 'revision' | 'package'>>(revisions: readonly T[], version?: string): T | undefined {
  let best: T | undefined;
  for (const r of revisions) {
    if (version !== undefined && r.package.version !== version) continue;
    if (!best || r.revision > best.revision) best = r;
  }
  return best;
}

/** `1.2.0 (revision 2), 1.1.0 (revision 1)`: versions, highest revision first, for messages. */
export function listVersions(revisions: ReadonlyArray<{ version: string; revision: number }>): string {
  return [...revisions]
    .sort((a, b) => b.revision - a.revision || compareStrings(a.version, b.version))
    .map((r) => `${r.version} (revision ${r.revision})`)
    .join(', ');
}
