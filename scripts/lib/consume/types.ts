/**
 * What the consumers of a universe (render, search, describe, the server) read: a package's
 * revisions as the native index carries them, whether they come from a built artifact (folder
 * or URL) or straight from a repository folder.
 */
import type { IndexPackage, NativeIndex, PackageDocument, PackageDocumentRevision } from '../schema/types.generated.js';

export type { IndexPackage, NativeIndex, PackageDocument, PackageDocumentRevision };

/**
 * One revision's files: an entry of `packages/<name>.json` (schema/package-document.schema.json).
 * `digest` is absent when the revision was read from a repository folder rather than an artifact.
 */
export type RevisionDocument = Omit<PackageDocumentRevision, 'digest'> & { digest?: string };

/** A package's summary, the shape of an entry of the static API's `packages.json`. */
export interface PackageSummary {
  name: string;
  description: string;
  tags: string[];
  categories: string[];
  maintainer?: string;
  /** URL of the latest revision's icon (resource images: medium, else small, else large). */
  icon?: string;
  latest: { version: string; revision: number; packagingVersion: string };
  /** Number of revisions. */
  versions: number;
  /** The latest revision's deprecation (packaging version 6.0). */
  deprecated?: { message: string; replacement?: string };
  selected?: boolean;
}
