import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CorruptRepositoryError } from './errors.js';

/** The store met something it does not read (a SHA-256 repository, an old pack index…): use the general reader. */
export class UnsupportedStore extends Error {}

/** A pack and its version 2 index, checked when loaded. */
export interface Pack {
  idx: Buffer;
  count: number;
  packPath: string;
  idxPath: string;
  fd?: number;
}

const MAGIC = 0xff744f63;
/** Header (8), fan-out (1024), and per object: id (20), CRC (4), offset (4); then two checksums (40). */
const FIXED = 8 + 1024 + 40;
const PER_OBJECT = 28;

/**
 * Reads and checks a version 2 pack index as `git fsck` does: its SHA-1 trailer matches its bytes,
 * its size fits its object count, and its fan-out table never decreases. A damaged index is a
 * {@link CorruptRepositoryError} (a reader trusting it would call present objects missing); a
 * version 1 index is an {@link UnsupportedStore}, left to the general reader.
 */
export function loadPackIndex(idxPath: string): Pack {
  const idx = fs.readFileSync(idxPath);
  const name = path.basename(idxPath);
  const damaged = (what: string): CorruptRepositoryError =>
    new CorruptRepositoryError(idxPath, `the pack index ${name} is damaged (${what}): run git fsck, and rebuild it with git index-pack from its .pack file`);
  if (idx.length >= 8 && idx.readUInt32BE(0) === MAGIC) {
    if (idx.readUInt32BE(4) !== 2) throw new UnsupportedStore(`${name} is a version ${idx.readUInt32BE(4)} pack index`);
  } else {
    // A version 1 index has no header: 256 fan-out entries, 24 bytes per object, two checksums.
    if (idx.length >= 1024 + 40 && idx.length === 1024 + 40 + 24 * idx.readUInt32BE(1020)) throw new UnsupportedStore(`${name} is a version 1 pack index`);
    throw damaged('it does not start like a pack index');
  }
  if (idx.length < FIXED) throw damaged('it is truncated');
  const count = idx.readUInt32BE(8 + 255 * 4);
  const rest = idx.length - FIXED - count * PER_OBJECT;
  if (rest < 0 || rest % 8 !== 0) throw damaged(`its size does not fit its ${count} objects`);
  const sum = createHash('sha1').update(idx.subarray(0, idx.length - 20)).digest();
  if (!sum.equals(idx.subarray(idx.length - 20))) throw damaged('its checksum does not match its content');
  for (let b = 1; b < 256; b++) if (idx.readUInt32BE(8 + b * 4) < idx.readUInt32BE(8 + (b - 1) * 4)) throw damaged('its fan-out table decreases');
  return { idx, count, idxPath, packPath: idxPath.slice(0, -4) + '.pack' };
}

/**
 * Opens a pack on first use, checking that it is the pack its index describes (the index ends with
 * the pack's own checksum).
 */
export function openPack(p: Pack): number {
  if (p.fd !== undefined) return p.fd;
  let fd: number;
  try {
    fd = fs.openSync(p.packPath, 'r');
  } catch {
    throw new CorruptRepositoryError(p.packPath, `${path.basename(p.packPath)} is missing though its index ${path.basename(p.idxPath)} is there: run git fsck`);
  }
  const size = fs.fstatSync(fd).size;
  const tail = Buffer.alloc(20);
  if (size >= 32) fs.readSync(fd, tail, 0, 20, size - 20);
  if (size < 32 || !tail.equals(p.idx.subarray(p.idx.length - 40, p.idx.length - 20))) {
    fs.closeSync(fd);
    throw new CorruptRepositoryError(p.packPath, `${path.basename(p.packPath)} does not match its index ${path.basename(p.idxPath)} (its checksum differs): run git fsck`);
  }
  p.fd = fd;
  return fd;
}

/** The index range of objects whose first byte is `b`, from the fan-out table. */
export function fanout(p: Pack, b: number): { lo: number; hi: number } {
  return { lo: b === 0 ? 0 : p.idx.readUInt32BE(8 + (b - 1) * 4), hi: p.idx.readUInt32BE(8 + b * 4) };
}

/** The pack offset of the object at `i` in the index (large offsets live in a second table). */
export function offsetOf(p: Pack, i: number): number {
  const small = 8 + 1024 + p.count * 24;
  const o = p.idx.readUInt32BE(small + i * 4);
  if (!(o & 0x80000000)) return o;
  const large = small + p.count * 4 + (o & 0x7fffffff) * 8;
  if (large + 8 > p.idx.length - 40) throw new CorruptRepositoryError(p.idxPath, `the pack index ${path.basename(p.idxPath)} is damaged (a large offset points past its table): run git fsck`);
  return p.idx.readUInt32BE(large) * 2 ** 32 + p.idx.readUInt32BE(large + 4);
}
