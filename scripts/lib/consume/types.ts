/**
 * What the consumers of a universe (render, search, describe, the server) read: a package's
 * revisions as the native index carries them, whether they come from a built artifact (folder
 * or URL) or straight from a repository folder.
 */
import type { IndexPackage, NativeIndex, PackageDocument, PackageDocumentRevision, StaticPackageSummary } from '../schema/types.generated.js';

export type { IndexPackage, NativeIndex, PackageDocument, PackageDocumentRevision };

/**
 * One revision's files: an entry of `packages/<name>.json` (schema/package-document.schema.json).
 * `digest` is absent when the revision was read from a repository folder rather than an artifact.
 */
export type RevisionDocument = Omit<PackageDocumentRevision, 'digest'> & { digest?: string };

/** A package's summary, the shape of an entry of the static API's `packages.json` (generated from its schema). */
export type PackageSummary = StaticPackageSummary;
