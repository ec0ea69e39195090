import type { JsonDocument } from '../json/document.js';
import type { ReadFailure, Snapshot, SnapshotEntry } from '../snapshot/types.js';

/** The files a package revision may hold, in the order they are documented. */
export const REVISION_FILES = [
  'package.json',
  'config.json',
  'resource.json',
  'command.json',
  'marathon.json.mustache',
  'job.aurora.mustache',
] as const;

/** One of {@link REVISION_FILES}. */
export type RevisionFileName = (typeof REVISION_FILES)[number];

/** The name of the repository settings file, at the top of the repository folder. */
export const SETTINGS_FILE = 'repository.json';

/** Size and shape limits applied while loading: untrusted input never gets past them. */
export interface Limits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** Deepest JSON nesting accepted. */
  maxJsonDepth: number;
}

/** The limits used when the repository settings do not say otherwise. */
export const DEFAULT_LIMITS: Limits = { maxFileBytes: 1024 * 1024, maxJsonDepth: 64 };

/** A file as loaded: its decoded text (templates) or parsed JSON, or why it could not be used. */
export interface LoadedFile {
  /** Path relative to the repository folder. */
  path: string;
  /** Why the bytes could not be read (then nothing below is set). */
  failure?: ReadFailure;
  size: number;
  /** The file starts with a UTF-8 byte order mark. */
  bom: boolean;
  /** Byte offset of the first invalid UTF-8 sequence. */
  invalidUtf8At?: number;
  /** Decoded text, kept for templates only (JSON text is re-read on demand to locate diagnostics). */
  text?: string;
  /** Parsed document, for `.json` files that decoded. */
  json?: JsonDocument;
}

/** A revision folder `packages/<L>/<name>/<revision>/`. */
export interface Revision {
  /** The package folder name (which should equal package.json's `name`). */
  packageName: string;
  /** Folder path relative to the repository folder. */
  dir: string;
  /** The folder name as found. */
  folder: string;
  /** The revision number, when the folder name is a canonical non-negative integer. */
  number: number | undefined;
  /** What the folder holds, as listed. */
  entries: SnapshotEntry[];
  /** The known files that exist (read or not). */
  files: Partial<Record<RevisionFileName, LoadedFile>>;
}

/** A package folder `packages/<L>/<name>/` and its revisions, sorted by number. */
export interface PackageDir {
  name: string;
  letter: string;
  dir: string;
  entries: SnapshotEntry[];
  revisions: Revision[];
}

/** A letter folder `packages/<L>/`. */
export interface LetterDir {
  name: string;
  dir: string;
  entries: SnapshotEntry[];
}

/** Everything read from a snapshot, before any rule has looked at it. */
export interface Catalog {
  snapshot: Snapshot;
  limits: Limits;
  /** `packages/` exists. */
  hasPackagesDir: boolean;
  /** Entries of `packages/` itself. */
  packagesEntries: SnapshotEntry[];
  letters: LetterDir[];
  /** Every package folder, sorted by name then letter. */
  packages: PackageDir[];
  /** The repository settings file, when present. */
  settings?: LoadedFile;
  /** Number of files read. */
  filesRead: number;
  /** Letter, package and revision folders that exist but could not be listed, with why. */
  unreadableDirs?: Array<{ dir: string; detail: string }>;
}
