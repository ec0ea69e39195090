import { createHash } from 'node:crypto';

/** One entry of the git index (the staging area), materialised. */
export interface IndexEntry {
  /** Path relative to the working tree, POSIX. */
  path: string;
  oid: string;
  /** The mode as a number (0o100644, 0o100755, 0o120000, 0o160000). */
  mode: number;
  /** Merge stage: 0 normally, 1–3 while a conflict is unresolved. */
  stage: number;
  ctimeSeconds: number;
  ctimeNanoseconds: number;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  dev: number;
  ino: number;
  size: number;
}

/** Why an index could not be read. */
export class IndexFormatError extends Error {}

/** The index is well formed but uses a feature this reader does not read (split, sparse…). */
export class IndexUnsupportedError extends IndexFormatError {}

/**
 * A parsed git index that keeps its entries in the file's bytes: only paths become strings, and
 * an entry's id and stat data are read when asked for. A pre-commit check on a universe of 50,000
 * files needs the paths of all and the ids of a few.
 */
export class IndexFile {
  /** Paths in index order (sorted by bytes, which is string order for ASCII paths). */
  readonly paths: string[];
  /** Whether `paths` is also in JavaScript string order (binary searches rely on it). */
  readonly stringSorted: boolean;
  /** Tree ids of directories the index's cache-tree extension still vouches for, by path ('' = root). */
  readonly treeCache: Map<string, string>;
  private readonly view: DataView;

  constructor(
    private readonly buf: Uint8Array,
    private readonly offsets: Uint32Array,
    paths: string[],
    treeCache: Map<string, string>,
  ) {
    this.paths = paths;
    this.treeCache = treeCache;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let sorted = true;
    for (let i = 1; i < paths.length && sorted; i++) if (paths[i - 1]! > paths[i]!) sorted = false;
    this.stringSorted = sorted;
  }

  get count(): number {
    return this.paths.length;
  }

  /** The blob id of entry `i`. */
  oid(i: number): string {
    return hex(this.buf, this.offsets[i]! + 40);
  }

  /** The mode of entry `i` as a number. */
  mode(i: number): number {
    return this.view.getUint32(this.offsets[i]! + 24);
  }

  /** The merge stage of entry `i`. */
  stage(i: number): number {
    return (this.view.getUint16(this.offsets[i]! + 60) >> 12) & 3;
  }

  /** The stat data git compares to decide whether entry `i`'s file may have changed. */
  stat(i: number): { size: number; mtimeSeconds: number; mtimeNanoseconds: number; ino: number } {
    const o = this.offsets[i]!;
    const v = this.view;
    return { size: v.getUint32(o + 36), mtimeSeconds: v.getUint32(o + 8), mtimeNanoseconds: v.getUint32(o + 12), ino: v.getUint32(o + 20) };
  }

  /** Entry `i` with its stat data. */
  entry(i: number): IndexEntry {
    const o = this.offsets[i]!;
    const v = this.view;
    return {
      path: this.paths[i]!,
      oid: this.oid(i),
      mode: v.getUint32(o + 24),
      stage: this.stage(i),
      ctimeSeconds: v.getUint32(o),
      ctimeNanoseconds: v.getUint32(o + 4),
      mtimeSeconds: v.getUint32(o + 8),
      mtimeNanoseconds: v.getUint32(o + 12),
      dev: v.getUint32(o + 16),
      ino: v.getUint32(o + 20),
      size: v.getUint32(o + 36),
    };
  }
}

/**
 * Parses a git index file (versions 2, 3 and 4, SHA-1), verifying its checksum, and its cache-tree
 * extension (`TREE`) when present; other optional extensions (a name starting with a capital
 * letter) are skipped, and required ones it cannot read (a split index's `link`, a sparse index's
 * `sdir`, any other) are refused with {@link IndexFormatError} saying what to run. A few milliseconds for 50,000
 * entries.
 */
export function parseIndexFile(buf: Uint8Array): IndexFile {
  if (buf.length < 32) throw new IndexFormatError('the index file is truncated');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (String.fromCharCode(buf[0]!, buf[1]!, buf[2]!, buf[3]!) !== 'DIRC') throw new IndexFormatError('the index file has no DIRC signature');
  const version = view.getUint32(4);
  if (version < 2 || version > 4) throw new IndexFormatError(`index version ${version} is not supported (2, 3 and 4 are)`);
  const bodyEnd = buf.length - 20;
  const sum = createHash('sha1').update(buf.subarray(0, bodyEnd)).digest();
  if (!sum.equals(buf.subarray(bodyEnd))) throw new IndexFormatError('the index file checksum does not match: it is corrupt or being written');
  const count = view.getUint32(8);
  const offsets = new Uint32Array(count);
  const paths: string[] = new Array(count);
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let off = 12;
  let previous = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = off;
    if (off + 62 > bodyEnd) throw new IndexFormatError('the index file is truncated');
    offsets[i] = start;
    const flags = view.getUint16(off + 60);
    let p = off + 62;
    if (version >= 3 && flags & 0x4000) p += 2;
    if (version === 4) {
      // Path prefix compression: strip N bytes from the previous path, then a NUL-terminated suffix.
      let c = buf[p++]!;
      let strip = c & 127;
      while (c & 128) {
        c = buf[p++]!;
        strip = ((strip + 1) << 7) | (c & 127);
      }
      const end = buf.indexOf(0, p);
      if (end < 0 || end >= bodyEnd || strip > previous.length) throw new IndexFormatError('the index file is truncated');
      const name = Buffer.concat([previous.subarray(0, previous.length - strip), buf.subarray(p, end)]);
      paths[i] = name.toString('utf8');
      previous = name;
      off = end + 1;
    } else {
      const end = buf.indexOf(0, p);
      if (end < 0 || end >= bodyEnd) throw new IndexFormatError('the index file is truncated');
      paths[i] = bytes.toString('utf8', p, end);
      // Entries are padded with 1–8 NUL bytes to a multiple of 8 from their start.
      off = start + ((end - start + 8) & ~7);
    }
  }
  const treeCache = new Map<string, string>();
  while (off + 8 <= bodyEnd) {
    const sig = String.fromCharCode(buf[off]!, buf[off + 1]!, buf[off + 2]!, buf[off + 3]!);
    const size = view.getUint32(off + 4);
    if (off + 8 + size > bodyEnd) throw new IndexFormatError(`the index extension ${sig} is truncated`);
    if (sig === 'TREE') readTreeExtension(Buffer.from(buf.buffer, buf.byteOffset + off + 8, size), treeCache);
    else if (sig === 'link') throw new IndexUnsupportedError("the index is split (core.splitIndex, or 'git update-index --split-index'), so most of its entries are in another file this reader does not read; run 'git update-index --no-split-index' (and 'git config core.splitIndex false')");
    else if (sig === 'sdir') throw new IndexUnsupportedError("the index is sparse (a sparse checkout with index.sparse), so it lists folders instead of their files; run 'git sparse-checkout disable', or 'git config index.sparse false' then 'git sparse-checkout reapply'");
    // As git itself: an extension whose name starts with a capital letter may be skipped, any other must be understood.
    else if (!/^[A-Z]/.test(sig)) throw new IndexUnsupportedError(`the index holds the extension '${sig}', which this reader does not know and, by git's rules, must not skip`);
    off += 8 + size;
  }
  return new IndexFile(buf, offsets, paths, treeCache);
}

/**
 * The cache-tree extension: directories in pre-order, each `<name>\0<entries> <subtrees>\n` then
 * its tree id when still valid (entries ≥ 0). Git keeps it up to date and invalidates exactly the
 * directories above what was staged, so unchanged directories need no hashing.
 */
function readTreeExtension(data: Buffer, out: Map<string, string>): void {
  let i = 0;
  const number = (from: number, to: number): number => {
    let n = 0;
    let neg = false;
    for (let k = from; k < to; k++) {
      const c = data[k]!;
      if (c === 0x2d) neg = true;
      else if (c >= 0x30 && c <= 0x39) n = n * 10 + (c - 0x30);
      else throw new IndexFormatError('the index cache-tree extension is corrupt');
    }
    return neg ? -n : n;
  };
  const node = (parent: string | undefined, depth: number): void => {
    if (depth > 4096) throw new IndexFormatError('the index cache-tree nests too deep');
    const nul = data.indexOf(0, i);
    const sp = data.indexOf(0x20, nul);
    const nl = data.indexOf(0x0a, sp);
    if (nul < 0 || sp < 0 || nl < 0) throw new IndexFormatError('the index cache-tree extension is corrupt');
    const name = data.toString('utf8', i, nul);
    const entries = number(nul + 1, sp);
    const subtrees = number(sp + 1, nl);
    i = nl + 1;
    const path = parent === undefined ? '' : parent === '' ? name : `${parent}/${name}`;
    if (entries >= 0) {
      if (i + 20 > data.length) throw new IndexFormatError('the index cache-tree extension is corrupt');
      out.set(path, hex(data, i));
      i += 20;
    }
    for (let k = 0; k < subtrees; k++) node(path, depth + 1);
  };
  if (data.length > 0) node(undefined, 0);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(buf: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 20; i++) s += HEX[buf[at + i]!];
  return s;
}
