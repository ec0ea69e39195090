import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../diagnostics/sort.js';
import { UnreadableFolderError, type EntryKind, type ReadResult, type Snapshot, type SnapshotEntry } from './types.js';

/**
 * A snapshot of a folder on disk. Reads are synchronous under a promise API: for many small
 * files from the page cache that is several times faster than libuv's thread pool, and the
 * interface stays the one git snapshots implement asynchronously.
 */
export class WorktreeSnapshot implements Snapshot {
  readonly label: string;
  /** The folder's absolute path. */
  readonly root: string;
  private realRoot: string | undefined;
  /** The buffer readTransientSync reads into, reused from file to file. */
  private scratch: Buffer | undefined;

  /** @param root absolute or relative path of the folder that holds `packages/`. */
  constructor(root: string) {
    this.root = path.resolve(root);
    this.label = root;
  }

  async list(dir: string): Promise<SnapshotEntry[] | undefined> {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(this.abs(dir), { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Absent, or not a folder: nothing to list. Anything else (EACCES, EIO…) is not "empty".
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw UnreadableFolderError.from(dir, e);
    }
    return dirents
      .map((d) => ({ name: d.name, kind: kindOf(d) }))
      .sort((a, b) => compareStrings(a.name, b.name));
  }

  async read(file: string, maxBytes: number, kind?: EntryKind): Promise<ReadResult> {
    return this.readFile(file, maxBytes, kind, undefined);
  }

  readTransientSync(file: string, maxBytes: number, kind?: EntryKind): ReadResult {
    // Files over the scratch size (only with a raised maxFileBytes) get a buffer of their own.
    this.scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
    return this.readFile(file, maxBytes, kind, this.scratch);
  }

  private readFile(file: string, maxBytes: number, kind: EntryKind | undefined, scratch: Buffer | undefined): ReadResult {
    const target = this.abs(file);
    if (kind === 'file' && FAST_OPEN_FLAGS !== undefined) {
      // The listing said "regular file", so skip the lstat. In case the entry changed since, the
      // open neither follows a symbolic link (ELOOP) nor waits on a FIFO, and fstat still
      // refuses anything that is not a regular file. Any failure (a symbolic link now, gone…)
      // takes the checked way, which says exactly what is wrong.
      let fd: number | undefined;
      try {
        fd = fs.openSync(target, FAST_OPEN_FLAGS);
      } catch {
        fd = undefined;
      }
      if (fd !== undefined) return readOpenFile(fd, maxBytes, scratch);
    }
    return this.readChecked(target, maxBytes, scratch);
  }

  /** Reads a file whose kind is unknown: lstat first, resolve and contain symbolic links, open regular files only. */
  private readChecked(target: string, maxBytes: number, scratch: Buffer | undefined): ReadResult {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(target);
    } catch {
      return { ok: false, reason: 'missing' };
    }
    if (st.isSymbolicLink()) {
      let real: string;
      try {
        real = fs.realpathSync(target);
      } catch (e) {
        const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
        return { ok: false, reason: 'unreadable', detail: loop ? 'the symbolic link loops' : 'the symbolic link is broken' };
      }
      const root = this.realRoot ?? (this.realRoot = fs.realpathSync(this.root));
      if (real !== root && !real.startsWith(root + path.sep)) {
        return { ok: false, reason: 'symlink-escape', target: fs.readlinkSync(target) };
      }
      target = real;
      try {
        st = fs.statSync(target);
      } catch {
        return { ok: false, reason: 'missing' };
      }
    }
    // Only regular files are opened: opening a FIFO or a device could block forever.
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', size: st.size, limit: maxBytes };
    let fd: number;
    try {
      fd = fs.openSync(target, 'r');
    } catch (e) {
      return { ok: false, reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? String(e) };
    }
    return readOpenFile(fd, maxBytes, scratch);
  }

  private abs(rel: string): string {
    // Paths come from listings of this snapshot, never from data, but refuse to leave it anyway.
    // A plain relative path (the common case) is joined without the cost of path.resolve.
    if (PLAIN_PATH.test(rel)) return this.root.endsWith(path.sep) ? this.root + rel : this.root + path.sep + rel;
    const p = path.resolve(this.root, rel);
    if (p !== this.root && !p.startsWith(this.root + path.sep)) throw new Error(`path outside the snapshot: ${rel}`);
    return p;
  }
}

/**
 * A relative POSIX path that path.resolve would leave as it is: non-empty segments, none of them
 * `.` or `..`, no backslash (a separator on Windows). Anything else takes the checked way.
 */
const PLAIN_PATH = /^(?!\.\.?(?:\/|$))[^/\\]+(?:\/(?!\.\.?(?:\/|$))[^/\\]+)*$/;

/**
 * Open flags for a file the listing reported as regular: read-only, never through a symbolic
 * link, never blocking. Undefined where the platform lacks them (the lstat path is used there).
 */
const FAST_OPEN_FLAGS: number | undefined =
  fs.constants.O_NOFOLLOW !== undefined && fs.constants.O_NONBLOCK !== undefined
    ? fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK
    : undefined;

/**
 * Size of the buffer transient reads reuse: the default maxFileBytes, so that only files above
 * the default limit need a buffer of their own.
 */
const SCRATCH_BYTES = 1024 * 1024;

/**
 * Reads an open file if it is a regular file within the size limit, and closes it. With
 * `scratch`, a file that fits is read into it (the caller consumes the bytes at once).
 */
function readOpenFile(fd: number, maxBytes: number, scratch: Buffer | undefined): ReadResult {
  try {
    const fst = fs.fstatSync(fd);
    if (!fst.isFile()) return { ok: false, reason: 'not-a-file' };
    if (fst.size > maxBytes) return { ok: false, reason: 'too-large', size: fst.size, limit: maxBytes };
    const bytes = scratch !== undefined && fst.size <= scratch.length ? scratch : Buffer.allocUnsafe(fst.size);
    let off = 0;
    while (off < fst.size) {
      const n = fs.readSync(fd, bytes, off, fst.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { ok: true, bytes: off === bytes.length ? bytes : bytes.subarray(0, off) };
  } catch (e) {
    return { ok: false, reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? String(e) };
  } finally {
    fs.closeSync(fd);
  }
}

function kindOf(d: fs.Dirent): EntryKind {
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'dir';
  if (d.isSymbolicLink()) return 'symlink';
  return 'other';
}
