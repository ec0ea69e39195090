import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

/** One staged file: its path (slash-separated, from the repository root), blob id, mode and stat. */
export interface IndexFile {
  path: string;
  oid: Buffer;
  /** 0o100644, 0o100755 or 0o120000. */
  mode: number;
  stat: fs.BigIntStats;
}

/** An encoded index entry with its path, kept as bytes so an index can be re-written unchanged. */
export interface RawEntry {
  path: string;
  raw: Buffer;
}

/**
 * A node of the cache-tree (`TREE` extension) that `git clone` writes: the tree id of every
 * directory and how many index entries lie below it; `entries` -1 marks a directory whose tree
 * must be recomputed (git invalidates every ancestor of a path it stages).
 */
export interface CacheTree {
  name: string;
  entries: number;
  oid?: Buffer;
  children: CacheTree[];
}

const u32 = (n: bigint): number => Number(n & 0xffffffffn);

/** Encodes an entry of index version 2: ten 32-bit stat fields, id, flags, path, 1–8 NULs. */
export function encodeEntry(f: IndexFile): RawEntry {
  const name = Buffer.from(f.path);
  const raw = Buffer.alloc((62 + name.length + 8) & ~7);
  const s = f.stat;
  const fields = [s.ctimeNs / 1000000000n, s.ctimeNs % 1000000000n, s.mtimeNs / 1000000000n, s.mtimeNs % 1000000000n, s.dev, s.ino];
  let p = 0;
  for (const v of fields) p = raw.writeUInt32BE(u32(v), p);
  p = raw.writeUInt32BE(f.mode, p);
  for (const v of [s.uid, s.gid, s.size]) p = raw.writeUInt32BE(u32(v), p);
  p += f.oid.copy(raw, p);
  raw.writeUInt16BE(Math.min(name.length, 0xfff), p);
  name.copy(raw, p + 2);
  return { path: f.path, raw };
}

/** Git's order of cache-tree children: shorter names first, then bytes. */
function subtreeOrder(a: CacheTree, b: CacheTree): number {
  const x = Buffer.from(a.name);
  const y = Buffer.from(b.name);
  return x.length - y.length || Buffer.compare(x, y);
}

function encodeTree(t: CacheTree, out: Buffer[]): void {
  out.push(Buffer.from(`${t.name}\0${t.entries} ${t.children.length}\n`));
  if (t.entries >= 0 && t.oid) out.push(t.oid);
  for (const c of [...t.children].sort(subtreeOrder)) encodeTree(c, out);
}

/**
 * An index file (version 2): `DIRC` header, the entries sorted by path bytes as git requires,
 * an optional `TREE` extension, and the SHA-1 of everything before it.
 */
export function encodeIndex(entries: readonly RawEntry[], tree?: CacheTree): Buffer {
  const keyed = entries.map((e) => ({ e, k: Buffer.from(e.path) }));
  const sorted = keyed.sort((a, b) => Buffer.compare(a.k, b.k)).map(({ e }) => e);
  const header = Buffer.alloc(12);
  header.write('DIRC', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(sorted.length, 8);
  const parts = [header, ...sorted.map((e) => e.raw)];
  if (tree) {
    const ext: Buffer[] = [];
    encodeTree(tree, ext);
    const body = Buffer.concat(ext);
    const head = Buffer.alloc(8);
    head.write('TREE', 0, 'latin1');
    head.writeUInt32BE(body.length, 4);
    parts.push(head, body);
  }
  const all = Buffer.concat(parts);
  return Buffer.concat([all, createHash('sha1').update(all).digest()]);
}

function decodeTree(buf: Buffer, at: number): { tree: CacheTree; next: number } {
  const nul = buf.indexOf(0, at);
  const nl = buf.indexOf(10, nul);
  const [entries, subtrees] = buf.toString('latin1', nul + 1, nl).split(' ').map(Number) as [number, number];
  const tree: CacheTree = { name: buf.toString('utf8', at, nul), entries, children: [] };
  let next = nl + 1;
  if (entries >= 0) {
    tree.oid = Buffer.from(buf.subarray(next, next + 20));
    next += 20;
  }
  for (let i = 0; i < subtrees; i++) {
    const child = decodeTree(buf, next);
    tree.children.push(child.tree);
    next = child.next;
  }
  return { tree, next };
}

/** Reads back what encodeIndex wrote (version 2, no extended flags; only `TREE` is understood). */
export function decodeIndex(buf: Buffer): { entries: RawEntry[]; tree?: CacheTree } {
  if (buf.toString('latin1', 0, 4) !== 'DIRC' || buf.readUInt32BE(4) !== 2) throw new Error('not an index of version 2');
  const entries: RawEntry[] = [];
  let p = 12;
  for (let i = buf.readUInt32BE(8); i > 0; i--) {
    const end = buf.indexOf(0, p + 62);
    const len = (end - p + 8) & ~7;
    entries.push({ path: buf.toString('utf8', p + 62, end), raw: Buffer.from(buf.subarray(p, p + len)) });
    p += len;
  }
  const end = buf.length - 20;
  let tree: CacheTree | undefined;
  while (p < end) {
    const size = buf.readUInt32BE(p + 4);
    if (buf.toString('latin1', p, p + 4) === 'TREE') tree = decodeTree(buf, p + 8).tree;
    p += 8 + size;
  }
  return tree ? { entries, tree } : { entries };
}

/** Marks the root and every cache-tree directory above `file` as needing a new tree, as `git add` does. */
export function invalidatePath(tree: CacheTree, file: string): void {
  let node: CacheTree | undefined = tree;
  const dirs = file.split('/').slice(0, -1);
  for (let i = 0; node; i++) {
    node.entries = -1;
    delete node.oid;
    node = i < dirs.length ? node.children.find((c) => c.name === dirs[i]) : undefined;
  }
}

/** Writes an index the way git does: to `index.lock`, then renamed over `index`. */
export function writeIndexFile(file: string, data: Buffer): void {
  fs.writeFileSync(`${file}.lock`, data);
  fs.renameSync(`${file}.lock`, file);
}
