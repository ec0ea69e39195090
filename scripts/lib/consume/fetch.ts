/**
 * Reading the files of a built artifact, from a folder or over HTTP(S), with a size cap and (for
 * HTTP) a timeout. A missing file is `undefined`; anything else that goes wrong is a
 * CannotRunError whose message names the file or URL and what to do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CannotRunError } from '../diagnostics/errors.js';
import { decodeUtf8 } from '../json/decode.js';

/** Limits on what is read. */
export interface ReadLimits {
  /** Milliseconds an HTTP request (headers and body) may take. */
  timeoutMs: number;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

/** Defaults: far above any real artifact file (the DC/OS sample's largest package document is ~1 MB). */
export const DEFAULT_READ_LIMITS: ReadLimits = { timeoutMs: 15_000, maxBytes: 64 * 1024 * 1024 };

/** Reads a file of the artifact by its relative path (`index.json`, `packages/x.json`); undefined when it does not exist. */
export type ArtifactReader = (rel: string) => Promise<string | undefined>;

/** True for an http: or https: URL. */
export function isHttpUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** A reader of the artifact folder `dir`. */
export function folderReader(dir: string, limits: ReadLimits = DEFAULT_READ_LIMITS): ArtifactReader {
  return async (rel) => {
    const file = path.join(dir, ...rel.split('/'));
    let size: number;
    try {
      const st = await fs.promises.stat(file);
      if (!st.isFile()) return undefined;
      size = st.size;
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw new CannotRunError(`cannot read ${file}: ${reason(e)}`);
    }
    if (size > limits.maxBytes) throw new CannotRunError(`${file} is ${size} bytes, more than the ${limits.maxBytes} accepted`);
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(file);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw new CannotRunError(`cannot read ${file}: ${reason(e)}`);
    }
    return decode(bytes, file);
  };
}

/** A reader of the artifact served at `base` (an http(s) URL of the folder, with or without a final slash). */
export function httpReader(base: string, limits: ReadLimits = DEFAULT_READ_LIMITS): ArtifactReader {
  const root = base.endsWith('/') ? base : base + '/';
  return async (rel) => {
    const url = new URL(rel, root).href;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), headers: { accept: 'application/json' }, redirect: 'follow' });
    } catch (e) {
      throw new CannotRunError(`cannot fetch ${url}: ${fetchReason(e, limits)}`);
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel().catch(() => undefined);
      return undefined;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new CannotRunError(`cannot fetch ${url}: the server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new CannotRunError(`${url} is ${declared} bytes, more than the ${limits.maxBytes} accepted`);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>) {
        total += chunk.byteLength;
        if (total > limits.maxBytes) {
          await res.body?.cancel().catch(() => undefined);
          throw new CannotRunError(`${url} is more than the ${limits.maxBytes} bytes accepted`);
        }
        chunks.push(chunk);
      }
    } catch (e) {
      if (e instanceof CannotRunError) throw e;
      throw new CannotRunError(`cannot fetch ${url}: ${fetchReason(e, limits)}`);
    }
    return decode(Buffer.concat(chunks), url);
  };
}

function decode(bytes: Buffer, where: string): string {
  const decoded = decodeUtf8(bytes);
  if (decoded.text === undefined) throw new CannotRunError(`${where} is not UTF-8 text (invalid byte at offset ${decoded.invalidUtf8At ?? 0})`);
  return decoded.text;
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  return err?.code ?? (e instanceof Error ? e.message : String(e));
}

function fetchReason(e: unknown, limits: ReadLimits): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `no complete answer within ${limits.timeoutMs} ms`;
  const cause = e instanceof Error ? (e.cause as NodeJS.ErrnoException | undefined) : undefined;
  if (cause?.message) return cause.message;
  if (cause?.code) return cause.code;
  return e instanceof Error ? e.message : String(e);
}
