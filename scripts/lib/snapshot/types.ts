import { CannotRunError } from '../diagnostics/errors.js';

/**
 * A folder that exists but cannot be listed (permission denied, an I/O error): never taken for an
 * empty or missing one. The catalog loader reports it as a diagnostic on the folder; anywhere
 * else it ends the run (exit 2) with this message.
 */
export class UnreadableFolderError extends CannotRunError {
  override readonly name: string = 'UnreadableFolderError';

  constructor(
    readonly dir: string,
    readonly detail: string,
  ) {
    super(`the folder '${dir === '' ? '.' : dir}' exists but cannot be read (${detail}): make it readable for the user running universe (chmod a+rx), or remove it`);
  }

  /** From a file-system error: `EACCES: permission denied` (Node's message without the path, which `dir` says). */
  static from(dir: string, e: unknown): UnreadableFolderError {
    const text = e instanceof Error ? e.message : String(e);
    return new UnreadableFolderError(dir, text.replace(/, \w+ '.*'$/, ''));
  }
}

/** What a directory entry is. `symlink` entries are resolved by `read`, which keeps them inside the snapshot. */
export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** One entry of a snapshot directory. */
export interface SnapshotEntry {
  name: string;
  kind: EntryKind;
  /** Content id when the backend has one (a git object id): equal ids mean equal content. */
  id?: string;
}

/** Why a file could not be read. */
export type ReadFailure =
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'too-large'; size: number; limit: number }
  | { ok: false; reason: 'symlink-escape'; target: string }
  | { ok: false; reason: 'not-a-file' }
  | { ok: false; reason: 'unreadable'; detail: string };

/** The result of reading a file: its bytes, or why there are none. */
export type ReadResult = { ok: true; bytes: Uint8Array } | ReadFailure;

/**
 * A read-only view of a repository folder (the one holding `packages/`): the working tree, a
 * git ref, or memory. Paths are POSIX and relative to that folder. Everything above the
 * snapshot (catalog, rules, build) sees only this, so a git ref and the working tree look the same.
 */
export interface Snapshot {
  /** Human-readable origin, for messages: a folder path or `ref:<name>`. */
  readonly label: string;
  /**
   * Entries of a directory sorted by name, or undefined when it does not exist or is not a
   * directory. Throws {@link UnreadableFolderError} when it exists but cannot be listed.
   */
  list(dir: string): Promise<SnapshotEntry[] | undefined>;
  /**
   * Reads a file, refusing files over `maxBytes` and symlinks that leave the snapshot. `kind` is
   * what a listing of this snapshot said the entry is: a backend may use it to skip a check
   * (the worktree skips an lstat for `file`) but must still refuse what is not a regular file.
   */
  read(file: string, maxBytes: number, kind?: EntryKind): Promise<ReadResult>;
  /**
   * Optional: {@link read}, synchronously, into a buffer the snapshot reuses, so the bytes are only
   * valid until the next call on this snapshot. A loader that decodes each file at once saves an
   * allocation (and its garbage collection) per file; a backend that cannot read synchronously
   * leaves it out.
   */
  readTransientSync?(file: string, maxBytes: number, kind?: EntryKind): ReadResult;
}
