/**
 * A response body ready to send: its bytes (in memory or an open file), its strong ETag, and the
 * header lists of its 200 and 304 answers, computed once so that the request path only looks
 * them up (`res.writeHead(status, list)` takes a flat [name, value, …] list).
 */

/** An artifact file kept open on disk (too large to hold in memory). */
export interface DiskFile {
  /** Open read-only descriptor; positional reads, shared by concurrent responses. */
  fd: number;
  size: number;
  /** The artifact path, for error messages. */
  path: string;
}

/** One encoding of a response. */
export interface Variant {
  size: number;
  /** Strong ETag, quoted. */
  etag: string;
  /** The bytes, when held in memory. */
  buf: Buffer | undefined;
  /** The open file, when not in memory. */
  disk: DiskFile | undefined;
  /** Header list of a 200 (and HEAD) answer. */
  h200: string[];
  /** Header list of a 304 answer. */
  h304: string[];
}

/** A response in its encodings: identity, and gzip when a smaller precompressed form exists. */
export interface Representation {
  identity: Variant;
  gzip: Variant | undefined;
}

/**
 * Cache-Control of every answer: caches may store responses but must revalidate them (a cheap
 * 304 thanks to the ETag) because the artifact's URLs are not content-addressed and `--watch`
 * replaces the artifact at any time.
 */
const CACHE_CONTROL = 'no-cache';

/** Headers every successful answer carries (CORS for GET/HEAD, no MIME sniffing). */
const COMMON = ['Cache-Control', CACHE_CONTROL, 'Access-Control-Allow-Origin', '*', 'Access-Control-Expose-Headers', 'ETag', 'X-Content-Type-Options', 'nosniff'];

/** Builds a variant and its header lists. `vary` is the Vary header value, if any. */
function makeVariant(body: { size: number; etag: string; buf?: Buffer; disk?: DiskFile }, type: string, gzip: boolean, vary: string | undefined): Variant {
  const h200 = ['Content-Type', type, 'Content-Length', String(body.size), 'ETag', body.etag, ...COMMON];
  const h304 = ['ETag', body.etag, ...COMMON];
  if (gzip) h200.push('Content-Encoding', 'gzip');
  if (vary !== undefined) {
    h200.push('Vary', vary);
    h304.push('Vary', vary);
  }
  return { size: body.size, etag: body.etag, buf: body.buf, disk: body.disk, h200, h304 };
}

/**
 * A representation from identity and optional gzip bodies. The gzip form is only offered when it
 * is smaller; Vary names Accept-Encoding whenever the answer depends on it, plus `extraVary`
 * (e.g. `Accept, User-Agent` for negotiated DC/OS answers).
 */
export function makeRepresentation(
  type: string,
  identity: { size: number; etag: string; buf?: Buffer; disk?: DiskFile },
  gzip: { size: number; etag: string; buf?: Buffer; disk?: DiskFile } | undefined,
  extraVary?: string,
): Representation {
  const useGzip = gzip !== undefined && gzip.size < identity.size;
  const vary = [extraVary, useGzip ? 'Accept-Encoding' : undefined].filter((v) => v !== undefined).join(', ') || undefined;
  return {
    identity: makeVariant(identity, type, false, vary),
    gzip: useGzip ? makeVariant(gzip, type, true, vary) : undefined,
  };
}

/** A quoted strong ETag from a hex digest. */
export function etagOf(sha256Hex: string): string {
  return `"${sha256Hex}"`;
}
