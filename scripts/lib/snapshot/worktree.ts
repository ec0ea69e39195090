import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../diagnostics/sort.js';
import type { EntryKind, ReadResult, Snapshot, SnapshotEntry } from './types.js';

/**
 * A snapshot of a folder on disk. Reads are synchronous under a promise API: for many small
 * files from the page cache that is several times faster than libuv's thread pool, and the
 * interface stays the one git snapshots implement asynchronously.
 */
export class WorktreeSnapshot implements Snapshot {
  readonly label: string;
  private readonly root: string;
  private realRoot: string | undefined;

  /** @param root absolute or relative path of the folder that holds `packages/`. */
  constructor(root: string) {
    this.root = path.resolve(root);
    this.label = root;
  }

  async list(dir: string): Promise<SnapshotEntry[] | undefined> {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(this.abs(dir), { withFileTypes: true });
    } catch {
      return undefined;
    }
    return dirents
      .map((d) => ({ name: d.name, kind: kindOf(d) }))
      .sort((a, b) => compareStrings(a.name, b.name));
  }

  async read(file: string, maxBytes: number): Promise<ReadResult> {
    let target = this.abs(file);
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
    try {
      const fst = fs.fstatSync(fd);
      if (!fst.isFile()) return { ok: false, reason: 'not-a-file' };
      if (fst.size > maxBytes) return { ok: false, reason: 'too-large', size: fst.size, limit: maxBytes };
      const bytes = Buffer.allocUnsafe(fst.size);
      let off = 0;
      while (off < fst.size) {
        const n = fs.readSync(fd, bytes, off, fst.size - off, off);
        if (n === 0) break;
        off += n;
      }
      return { ok: true, bytes: off === fst.size ? bytes : bytes.subarray(0, off) };
    } catch (e) {
      return { ok: false, reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? String(e) };
    } finally {
      fs.closeSync(fd);
    }
  }

  private abs(rel: string): string {
    // Paths come from listings of this snapshot, never from data, but refuse to leave it anyway.
    const p = path.resolve(this.root, rel);
    if (p !== this.root && !p.startsWith(this.root + path.sep)) throw new Error(`path outside the snapshot: ${rel}`);
    return p;
  }
}

function kindOf(d: fs.Dirent): EntryKind {
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'dir';
  if (d.isSymbolicLink()) return 'symlink';
  return 'other';
}
