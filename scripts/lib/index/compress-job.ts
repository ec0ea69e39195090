/**
 * The compression work of one package, as run by a worker thread (compress-worker.ts) or inline:
 * regions of one contiguous buffer are deflated into gzip pieces (gzip.ts). Items are processed in
 * order; "chains" carry the preceding bytes of a package's objects as preset dictionary.
 */
import * as zlib from 'node:zlib';
import { crc32CombineGen } from './crc32-combine.js';

/**
 * One unit of work on a region of the job's buffer.
 * - `gzip`: a whole deflate stream (ends with a final block), for a complete file;
 * - `segment`: a raw-deflate segment ending on a full flush; with `link`, the chain's tail (the
 *   bytes that precede this region wherever it is placed) is the preset dictionary;
 * - `extend`: nothing to compress (the segment is shared), but the chain's tail moves on as if.
 */
export interface WorkItem {
  kind: 'gzip' | 'segment' | 'extend';
  offset: number;
  length: number;
  /** Which chain (0: modern objects, 1: legacy objects, 2: v4 objects; DCOS_FORMS order). */
  chain?: number;
  link?: boolean;
}

/** A package's compression job. `buffer` is transferred to the worker (zero copy). */
export interface WorkJob {
  id: number;
  level: number;
  buffer: ArrayBuffer;
  items: WorkItem[];
}

/** The result of one item: where its compressed bytes are in the result buffer, and their facts. */
export interface WorkOutput {
  offset: number;
  length: number;
  /** CRC-32 and size of the uncompressed region, and crc32CombineGen(size). */
  crc: number;
  size: number;
  op: number;
}

/** A job's results: one output per item (empty for `extend`), compressed bytes in `buffer`. */
export interface WorkResult {
  id: number;
  buffer: ArrayBuffer;
  outputs: WorkOutput[];
  /** Milliseconds the job took (compression cost, wherever it ran). */
  ms: number;
}

/** deflate's window: only the last 32 KiB of a preset dictionary are used. */
const WINDOW = 32 * 1024;
const EMPTY = new Uint8Array(0);

function windowOf(prev: Uint8Array, raw: Uint8Array): Uint8Array {
  if (raw.byteLength >= WINDOW) return raw.subarray(raw.byteLength - WINDOW);
  const keep = prev.subarray(Math.max(0, prev.byteLength - (WINDOW - raw.byteLength)));
  const out = new Uint8Array(keep.byteLength + raw.byteLength);
  out.set(keep, 0);
  out.set(raw, keep.byteLength);
  return out;
}

/** Runs a job on the calling thread. */
export function runJob(job: WorkJob): WorkResult {
  const started = performance.now();
  const src = new Uint8Array(job.buffer);
  const tails: Uint8Array[] = [EMPTY, EMPTY, EMPTY];
  const chunks: Buffer[] = [];
  const outputs: WorkOutput[] = [];
  let total = 0;
  for (const item of job.items) {
    const raw = src.subarray(item.offset, item.offset + item.length);
    let data: Buffer | undefined;
    if (item.kind === 'gzip') {
      data = zlib.deflateRawSync(raw, { level: job.level });
    } else {
      const c = item.chain ?? 0;
      const prev = item.link ? tails[c]! : EMPTY;
      if (item.kind === 'segment') {
        const opts: zlib.ZlibOptions = { level: job.level, finishFlush: zlib.constants.Z_FULL_FLUSH };
        if (prev.byteLength > 0) opts.dictionary = prev;
        data = zlib.deflateRawSync(raw, opts);
      }
      tails[c] = windowOf(prev, raw);
    }
    if (!data) {
      outputs.push({ offset: 0, length: 0, crc: 0, size: 0, op: 0 });
      continue;
    }
    outputs.push({ offset: total, length: data.length, crc: zlib.crc32(raw), size: raw.byteLength, op: crc32CombineGen(raw.byteLength) });
    chunks.push(data);
    total += data.length;
  }
  // One fresh ArrayBuffer for all results, so it can be transferred back without a copy.
  const out = new Uint8Array(new ArrayBuffer(total));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { id: job.id, buffer: out.buffer, outputs, ms: performance.now() - started };
}
