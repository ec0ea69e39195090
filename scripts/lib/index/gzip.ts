/**
 * gzip files assembled from independently compressed pieces. A raw-deflate stream that ends on a
 * full flush is byte-aligned and complete, so such "segments" can be concatenated in any order a
 * file needs; a gzip file is then the fixed header, the segments, one final empty block, and the
 * CRC-32 and length of the uncompressed bytes (combined from the segments' own, never re-read).
 * This lets the build compress each serialized package object once and reuse the result in every
 * file that contains it.
 */
import * as zlib from 'node:zlib';
import { crc32CombineGen, crc32CombineOp } from './crc32-combine.js';

/**
 * gzip header with no name, no timestamp (mtime 0), XFL 0 and OS 3 (Unix) fixed, so the same
 * input gives the same bytes on every machine.
 */
export const GZIP_HEADER: Buffer = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);

/** A final, empty, fixed-Huffman deflate block: ends a stream made of flushed segments. */
const DEFLATE_END: Buffer = Buffer.from([0x03, 0x00]);

/** A compressed piece of a file and the facts needed to place it: its CRC-32 and raw size. */
export interface Segment {
  /** Raw deflate data ending on a full flush (byte-aligned, no final block). */
  data: Buffer;
  /** CRC-32 of the uncompressed bytes. */
  crc: number;
  /** Number of uncompressed bytes. */
  size: number;
  /** {@link crc32CombineGen} of `size`, computed once so appending costs one multiplication. */
  op: number;
}

function options(level: number, dictionary: Uint8Array | undefined): zlib.ZlibOptions {
  const o: zlib.ZlibOptions = { level, finishFlush: zlib.constants.Z_FULL_FLUSH };
  // A preset dictionary lets a segment refer to the bytes that precede it in every file it is
  // placed in (the caller guarantees they do); zlib only uses its last 32 KiB.
  if (dictionary && dictionary.byteLength > 0) o.dictionary = dictionary;
  return o;
}

function toSegment(raw: Uint8Array, data: Buffer): Segment {
  return { data, crc: zlib.crc32(raw), size: raw.byteLength, op: crc32CombineGen(raw.byteLength) };
}

/** Compresses `raw` into a segment on the calling thread. */
export function segmentSync(raw: Uint8Array, level: number, dictionary?: Uint8Array): Segment {
  return toSegment(raw, zlib.deflateRawSync(raw, options(level, dictionary)));
}

/** The 8-byte gzip trailer: CRC-32 and size modulo 2^32, little-endian. */
function gzipTrailer(crc: number, size: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeUInt32LE(crc >>> 0, 0);
  b.writeUInt32LE(size % 0x100000000, 4);
  return b;
}

/** Running CRC-32 and size of a gzip file being assembled from segments. */
export class GzipState {
  crc = 0;
  size = 0;

  /** Accounts for `seg` and returns its data, to be written next. */
  add(seg: Segment): Buffer {
    this.crc = crc32CombineOp(this.crc, seg.crc, seg.op);
    this.size += seg.size;
    return seg.data;
  }

  /** The final block and trailer that end the file. */
  end(): Buffer[] {
    return [DEFLATE_END, gzipTrailer(this.crc, this.size)];
  }
}

/** The complete gzip file for a whole-file deflate stream (see compress-job.ts `gzip` items). */
export function gzipFile(seg: Segment): Buffer[] {
  return [GZIP_HEADER, seg.data, gzipTrailer(seg.crc, seg.size)];
}

/** A whole gzip file for `raw`, compressed on the calling thread (small files). */
export function gzipSync(raw: Uint8Array, level: number): Buffer[] {
  return [GZIP_HEADER, zlib.deflateRawSync(raw, { level }), gzipTrailer(zlib.crc32(raw), raw.byteLength)];
}
