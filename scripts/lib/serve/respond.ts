/**
 * Writing answers: a representation with conditional requests (If-None-Match → 304), gzip when
 * the client accepts it, HEAD without a body; JSON errors; dynamic JSON bodies turned into
 * representations (ETag = their digest, gzip when worth it).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Artifact } from './artifact.js';
import { etagOf, makeRepresentation, type Representation, type Variant } from './representation.js';

/** Whether an Accept-Encoding header accepts gzip (a `gzip;q=0`, or `*;q=0` without gzip, refuses it). */
function acceptsGzip(ae: string | undefined): boolean {
  if (ae === undefined) return false;
  const i = ae.indexOf('gzip');
  if (i !== -1) {
    // The common case, `gzip, deflate, br`: no parameters at all.
    if (!ae.includes(';')) return true;
    return !/(?:^|,)\s*(?:x-)?gzip\s*;\s*q\s*=\s*0(?:\.0{0,3})?\s*(?:,|$)/i.test(ae);
  }
  if (!ae.includes('*')) return false;
  return !/(?:^|,)\s*\*\s*;\s*q\s*=\s*0(?:\.0{0,3})?\s*(?:,|$)/.test(ae) && /(?:^|,)\s*\*\s*(?:;|,|$)/.test(ae);
}

/** Whether If-None-Match matches `etag` (weak comparison, as RFC 9110 §13.1.2 asks). */
function etagMatches(inm: string, etag: string): boolean {
  if (inm === etag) return true;
  if (inm.trim() === '*') return true;
  for (const part of inm.split(',')) {
    let t = part.trim();
    if (t.startsWith('W/')) t = t.slice(2);
    if (t === etag) return true;
  }
  return false;
}

/**
 * Answers with a representation and returns the body bytes sent (for the access log); a
 * response streamed from disk holds a reference on `artifact` until it ends.
 */
export function sendRepresentation(req: IncomingMessage, res: ServerResponse, rep: Representation, artifact: Artifact): number {
  const headers = req.headers;
  const v: Variant = rep.gzip !== undefined && acceptsGzip(headers['accept-encoding']) ? rep.gzip : rep.identity;
  const inm = headers['if-none-match'];
  if (inm !== undefined && etagMatches(inm, v.etag)) {
    res.writeHead(304, v.h304);
    res.end();
    return 0;
  }
  res.writeHead(200, v.h200);
  if (req.method === 'HEAD') {
    res.end();
    return 0;
  }
  if (v.buf !== undefined) {
    res.end(v.buf);
    return v.size;
  }
  streamFile(res, v, artifact);
  return v.size;
}

/** File-system calls of streams over a shared descriptor: reads as usual, closing left to the artifact. */
const SHARED_FD = { open: fs.open, read: fs.read, close: (_fd: number, cb: (err: NodeJS.ErrnoException | null) => void): void => cb(null) };

/** Streams a file held open by the artifact; a read error ends the connection (headers are out). */
function streamFile(res: ServerResponse, v: Variant, artifact: Artifact): void {
  const disk = v.disk!;
  artifact.acquire();
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    artifact.release();
  };
  // Positional reads on the shared descriptor, which the artifact keeps open while referenced:
  // the stream must never close it (destroy() would, even with autoClose off), hence a no-op close.
  const stream = fs.createReadStream('', { fd: disk.fd, fs: SHARED_FD, start: 0, end: disk.size - 1, autoClose: false, highWaterMark: 256 * 1024 });
  stream.on('error', () => {
    release();
    res.destroy();
  });
  stream.on('end', release);
  res.on('close', () => {
    stream.destroy();
    release();
  });
  stream.pipe(res);
}

/** Reason phrases of the errors the server answers. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The reason phrase of an error status. */
export function reasonOf(status: number): string {
  return REASONS[status] ?? 'Error';
}

/** The JSON body of an error answer. */
export function errorBody(status: number, message: string, extra?: Record<string, unknown>): Buffer {
  return Buffer.from(`${JSON.stringify({ status, error: reasonOf(status), message, ...extra })}\n`);
}

/** Answers an error as JSON; returns the bytes sent. */
export function sendError(req: IncomingMessage, res: ServerResponse, status: number, message: string, extra?: { headers?: Record<string, string>; body?: Record<string, unknown> }): number {
  const body = errorBody(status, message, extra?.body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
    ...extra?.headers,
  });
  if (req.method === 'HEAD') {
    res.end();
    return 0;
  }
  res.end(body);
  return body.length;
}

/** Dynamic bodies at least this large get a gzip form. */
const GZIP_MIN_BYTES = 1024;

/** A representation of a JSON value computed by the server (REST, search). */
export function jsonRepresentation(value: unknown, vary?: string): Representation {
  const buf = Buffer.from(`${JSON.stringify(value)}\n`);
  const etag = etagOf(createHash('sha256').update(buf).digest('hex'));
  let gz: { size: number; etag: string; buf: Buffer } | undefined;
  if (buf.length >= GZIP_MIN_BYTES) {
    const z = gzipSync(buf);
    gz = { size: z.length, etag: etagOf(createHash('sha256').update(z).digest('hex')), buf: z };
  }
  return makeRepresentation('application/json', { size: buf.length, etag, buf }, gz, vary);
}
