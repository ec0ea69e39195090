import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import { CannotRunError } from '../diagnostics/errors.js';
import { corruptObject } from './errors.js';
import { objectDirectories } from './features.js';
import { fanout, loadPackIndex, offsetOf, openPack, UnsupportedStore, type Pack } from './pack-index.js';

export { UnsupportedStore } from './pack-index.js';

/** A git object as stored: its type and content. */
export interface RawObject {
  type: 'commit' | 'tree' | 'blob' | 'tag';
  data: Buffer;
}

const TYPES = [undefined, 'commit', 'tree', 'blob', 'tag'] as const;
const OFS_DELTA = 6;
const REF_DELTA = 7;
/** Objects kept after reading: trees and commits are read again while comparing and walking. */
const CACHE_LIMIT = 4096;

/**
 * Reads git objects straight from `.git/objects` (and the object folders its alternates name): loose objects, and packs through their v2
 * index by binary search, reading only the bytes of the objects asked for (never a whole pack)
 * and resolving deltas. Every object read is verified like `git fsck` does: its id must be the
 * SHA-1 of `<type> <size>\0<content>` (after delta resolution), else it is a
 * {@link CorruptRepositoryError}; damaged pack indexes are refused when loaded. Synchronous on purpose: a comparison reads a few hundred small objects
 * from the page cache, where promises and the thread pool would cost more than the reads.
 * Loading a general git library costs more than this whole reader does in a typical check.
 */
export class ObjectStore {
  /** The repository's own object folder, then its alternates (see objectDirectories). */
  private readonly objectsDirs: readonly string[];
  private packs: Pack[] | undefined;
  private readonly cache = new Map<string, RawObject>();

  constructor(gitdir: string) {
    this.objectsDirs = objectDirectories(gitdir);
  }

  /** Reads an object and checks its id, or undefined when the repository does not have it. */
  read(oid: string): RawObject | undefined {
    const hit = this.cache.get(oid);
    if (hit) return hit;
    const obj = this.readPacked(oid) ?? this.readLoose(oid);
    if (obj) {
      const actual = objectId(obj);
      if (actual !== oid) throw corruptObject(oid, `its content hashes to ${actual}`);
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(oid, obj);
    }
    return obj;
  }

  /** Object ids starting with a hex prefix (at most `limit`), for abbreviated ids. */
  expand(prefix: string, limit = 2): string[] {
    const out = new Set<string>();
    for (const objects of this.objectsDirs) {
      try {
        for (const f of fs.readdirSync(path.join(objects, prefix.slice(0, 2)))) if ((prefix.slice(0, 2) + f).startsWith(prefix)) out.add(prefix.slice(0, 2) + f);
      } catch {
        // no loose objects there
      }
    }
    for (const p of this.loadPacks()) {
      const { lo, hi } = fanout(p, parseInt(prefix.slice(0, 2), 16));
      for (let i = lo; i < hi && out.size < limit + 1; i++) {
        const id = p.idx.toString('hex', 1032 + i * 20, 1032 + i * 20 + 20);
        if (id.startsWith(prefix)) out.add(id);
      }
    }
    return [...out].slice(0, limit);
  }

  /** Closes the pack files it opened. */
  close(): void {
    for (const p of this.packs ?? []) if (p.fd !== undefined) fs.closeSync(p.fd);
    this.packs = undefined;
  }

  private readLoose(oid: string): RawObject | undefined {
    let bytes: Buffer | undefined;
    for (const objects of this.objectsDirs) {
      try {
        bytes = fs.readFileSync(path.join(objects, oid.slice(0, 2), oid.slice(2)));
        break;
      } catch {
        // not in this folder
      }
    }
    if (bytes === undefined) return undefined;
    let raw: Buffer;
    try {
      raw = inflateSync(bytes);
    } catch (e) {
      throw corruptObject(oid, `its loose file does not inflate (${e instanceof Error ? e.message : String(e)})`);
    }
    const space = raw.indexOf(0x20);
    const nul = raw.indexOf(0);
    const type = raw.toString('latin1', 0, space);
    if (!isType(type) || nul < 0 || space > nul) throw corruptObject(oid, 'its loose file has no valid header');
    const size = raw.toString('latin1', space + 1, nul);
    if (!/^(0|[1-9][0-9]*)$/.test(size) || Number(size) !== raw.length - nul - 1) throw corruptObject(oid, `its header gives the size ${size} but it holds ${raw.length - nul - 1} bytes`);
    return { type, data: raw.subarray(nul + 1) };
  }

  private loadPacks(): Pack[] {
    if (this.packs) return this.packs;
    const packs: Pack[] = [];
    for (const objects of this.objectsDirs) {
      const dir = path.join(objects, 'pack');
      let names: string[];
      try {
        names = fs.readdirSync(dir).filter((n) => n.endsWith('.idx')).sort();
      } catch {
        names = [];
      }
      for (const n of names) packs.push(loadPackIndex(path.join(dir, n)));
    }
    this.packs = packs;
    return this.packs;
  }

  private readPacked(oid: string): RawObject | undefined {
    if (oid.length !== 40) throw new UnsupportedStore('only SHA-1 repositories are read');
    const want = Buffer.from(oid, 'hex');
    for (const p of this.loadPacks()) {
      const { lo: start, hi: end } = fanout(p, want[0]!);
      let lo = start;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        // Compares the index entry (source) with the id wanted (target).
        const c = p.idx.compare(want, 0, 20, 1032 + mid * 20, 1052 + mid * 20);
        if (c === 0) return this.readEntry(p, mid, oid);
        if (c < 0) lo = mid + 1;
        else hi = mid;
      }
    }
    return undefined;
  }

  /** Reads the object at position `i` of a pack's index; a pack entry that cannot be read is corrupt. */
  private readEntry(p: Pack, i: number, oid: string): RawObject {
    try {
      return this.readAt(p, offsetOf(p, i));
    } catch (e) {
      if (e instanceof CannotRunError) throw e;
      throw corruptObject(oid, `its entry in ${path.basename(p.packPath)} cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  /** Reads the object at a pack offset, applying deltas to their bases. */
  private readAt(p: Pack, offset: number, depth = 0): RawObject {
    if (depth > 100) throw new Error(`delta chain too long in ${p.packPath}`);
    if (offset < 12) throw new Error('an offset points before the first object of the pack');
    const fd = openPack(p);
    const head = Buffer.alloc(32);
    fs.readSync(fd, head, 0, 32, offset);
    let i = 0;
    let c = head[i++]!;
    const typeNum = (c >> 4) & 7;
    let size = c & 15;
    let shift = 4;
    while (c & 0x80) {
      c = head[i++]!;
      size += (c & 0x7f) * 2 ** shift;
      shift += 7;
    }
    let base: RawObject | undefined;
    if (typeNum === OFS_DELTA) {
      c = head[i++]!;
      let back = c & 0x7f;
      while (c & 0x80) {
        c = head[i++]!;
        back = (back + 1) * 128 + (c & 0x7f);
      }
      base = this.readAt(p, offset - back, depth + 1);
    } else if (typeNum === REF_DELTA) {
      const baseId = head.toString('hex', i, i + 20);
      i += 20;
      base = this.read(baseId);
      if (!base) throw new Error(`delta base ${baseId} is missing from the repository`);
    }
    const data = this.inflateAt(p, offset + i, size);
    if (base) return { type: base.type, data: applyDelta(base.data, data) };
    const type = TYPES[typeNum];
    if (!type) throw new Error(`unknown object type ${typeNum} in ${p.packPath}`);
    return { type, data };
  }

  /** Inflates the zlib stream at `pos`; the compressed length is unknown, so it reads generously and retries. */
  private inflateAt(p: Pack, pos: number, size: number): Buffer {
    for (let want = size + 512; ; want *= 4) {
      const buf = Buffer.allocUnsafe(want);
      const n = fs.readSync(p.fd!, buf, 0, want, pos);
      try {
        const out = inflateSync(buf.subarray(0, n));
        if (out.length !== size) throw new Error(`object at ${pos} in ${p.packPath} has the wrong size`);
        return out;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'Z_BUF_ERROR' || n < want) throw e;
      }
    }
  }
}

function isType(t: string): t is RawObject['type'] {
  return t === 'commit' || t === 'tree' || t === 'blob' || t === 'tag';
}

/** The id git gives an object: SHA-1 of `<type> <size>\0<content>`. */
function objectId(obj: RawObject): string {
  return createHash('sha1').update(`${obj.type} ${obj.data.length}\0`).update(obj.data).digest('hex');
}

/** Applies a git delta (copy and insert instructions) to its base. */
function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let i = 0;
  const varint = (): number => {
    let v = 0;
    let shift = 0;
    let c: number;
    do {
      c = delta[i++]!;
      v += (c & 0x7f) * 2 ** shift;
      shift += 7;
    } while (c & 0x80);
    return v;
  };
  if (varint() !== base.length) throw new Error('delta does not apply: base size differs');
  const out = Buffer.allocUnsafe(varint());
  let o = 0;
  while (i < delta.length) {
    const op = delta[i++]!;
    if (op & 0x80) {
      let off = 0;
      let len = 0;
      for (let b = 0; b < 4; b++) if (op & (1 << b)) off += delta[i++]! * 2 ** (8 * b);
      for (let b = 0; b < 3; b++) if (op & (0x10 << b)) len += delta[i++]! * 2 ** (8 * b);
      if (len === 0) len = 0x10000;
      o += base.copy(out, o, off, off + len);
    } else if (op > 0) {
      o += delta.copy(out, o, i, i + op);
      i += op;
    } else {
      throw new Error('delta has a zero instruction');
    }
  }
  if (o !== out.length) throw new Error('delta does not apply: result size differs');
  return out;
}
