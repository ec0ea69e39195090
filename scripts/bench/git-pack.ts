import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/** The git object types the benchmark writes (their numbers are the pack format's type codes). */
export type ObjectType = 'commit' | 'tree' | 'blob';

const TYPE_CODE: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3 };

/** The SHA-1 object id of a git object: sha1("<type> <size>\0" + body). */
export function objectId(type: ObjectType, body: Uint8Array): Buffer {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest();
}

/** One entry of a tree object. `mode` is git's octal text: 40000, 100644, 100755 or 120000. */
export interface TreeEntry {
  name: string;
  mode: string;
  oid: Buffer;
}

/**
 * The body of a tree object. Git sorts entries by name bytes as if every directory name ended in
 * '/' (so `a-b` < `a/` < `a0`); any other order makes a tree git fsck rejects.
 */
export function treeBody(entries: readonly TreeEntry[]): Buffer {
  const key = (e: TreeEntry): Buffer => Buffer.from(e.mode === '40000' ? `${e.name}/` : e.name);
  const sorted = entries.map((e) => ({ e, k: key(e) })).sort((a, b) => Buffer.compare(a.k, b.k));
  return Buffer.concat(sorted.flatMap(({ e }) => [Buffer.from(`${e.mode} ${e.name}\0`), e.oid]));
}

/** A type-and-size header of a packed object: 3 type bits, then the size in 4 + 7·n bits, little-endian. */
function packHeader(type: ObjectType, size: number): Buffer {
  const bytes: number[] = [];
  let c = (TYPE_CODE[type] << 4) | (size & 15);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes.push(c | 0x80);
    c = rest & 127;
    rest = Math.floor(rest / 128);
  }
  bytes.push(c);
  return Buffer.from(bytes);
}

/**
 * Writes one packfile (version 2, whole objects, no deltas) and its version-2 .idx, the way a
 * clone's objects are stored: nothing loose. Objects are streamed to disk as they are added;
 * adding an object id twice stores it once.
 */
export class PackWriter {
  private readonly fd: number;
  private readonly tmp: string;
  private readonly objects = new Map<string, { oid: Buffer; offset: number; crc: number }>();
  private offset = 0;
  /** Bytes written so far (header and objects). */
  get bytes(): number {
    return this.offset;
  }

  /** `packDir` is `.git/objects/pack`; the pack is written to a temporary name until finished. */
  constructor(private readonly packDir: string) {
    fs.mkdirSync(packDir, { recursive: true });
    this.tmp = path.join(packDir, `tmp_pack_${process.pid}`);
    this.fd = fs.openSync(this.tmp, 'w');
    // The object count is not known yet: written as 0 here, patched in finish() before hashing.
    this.write(Buffer.from('PACK\0\0\0\x02\0\0\0\0', 'latin1'));
  }

  /** Whether an object is already in the pack. */
  has(oid: Buffer): boolean {
    return this.objects.has(oid.toString('hex'));
  }

  /** Adds an object (once) and returns its id. */
  add(type: ObjectType, body: Uint8Array, oid: Buffer = objectId(type, body)): Buffer {
    const hex = oid.toString('hex');
    if (this.objects.has(hex)) return oid;
    const header = packHeader(type, body.length);
    const data = zlib.deflateSync(body);
    this.objects.set(hex, { oid, offset: this.offset, crc: zlib.crc32(data, zlib.crc32(header)) });
    this.write(header);
    this.write(data);
    return oid;
  }

  private write(b: Buffer): void {
    fs.writeSync(this.fd, b);
    this.offset += b.length;
  }

  /** Completes the pack (count, SHA-1 trailer), writes the .idx, returns the pack's hex name. */
  finish(): { name: string; objects: number; packBytes: number } {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.objects.size);
    fs.writeSync(this.fd, count, 0, 4, 8);
    fs.closeSync(this.fd);
    // Hash the file as written: one sequential read, simpler than tracking the patched header.
    const packSha = createHash('sha1').update(fs.readFileSync(this.tmp)).digest();
    fs.appendFileSync(this.tmp, packSha);
    const name = packSha.toString('hex');
    const base = path.join(this.packDir, `pack-${name}`);
    fs.writeFileSync(`${base}.idx`, this.index(packSha));
    fs.renameSync(this.tmp, `${base}.pack`);
    return { name, objects: this.objects.size, packBytes: this.offset + 20 };
  }

  /** The .idx v2: magic, version, fan-out, sorted ids, CRC-32s, 31-bit offsets, pack and idx SHA-1. */
  private index(packSha: Buffer): Buffer {
    const entries = [...this.objects.values()].sort((a, b) => Buffer.compare(a.oid, b.oid));
    const n = entries.length;
    if (this.offset >= 2 ** 31) throw new Error('pack larger than 2 GiB: the 64-bit offset table is not implemented');
    const out = Buffer.alloc(8 + 256 * 4 + n * 28 + 20);
    out.write('\xfftOc', 0, 'latin1');
    out.writeUInt32BE(2, 4);
    const fan = new Array<number>(256).fill(0);
    for (const e of entries) fan[e.oid[0]!]!++;
    for (let i = 0, sum = 0; i < 256; i++) out.writeUInt32BE((sum += fan[i]!), 8 + i * 4);
    let p = 8 + 1024;
    for (const e of entries) p += e.oid.copy(out, p);
    for (const e of entries) p = out.writeUInt32BE(e.crc >>> 0, p);
    for (const e of entries) p = out.writeUInt32BE(e.offset, p);
    p += packSha.copy(out, p);
    return Buffer.concat([out, createHash('sha1').update(out).digest()]);
  }
}
