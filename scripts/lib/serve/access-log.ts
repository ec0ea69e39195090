/**
 * Access-log lines: one per request, `<ISO time> <client> <method> <target> <status> <bytes> <ms>ms`,
 * e.g. `2024-05-01T12:00:00Z 127.0.0.1 GET /index.json 200 5120 0.3ms`. The server hands each
 * line to an injected logger (the CLI buffers them to stdout); nothing here prints.
 */

/** What one line records. */
export interface AccessRecord {
  /** The client address. */
  remote: string | undefined;
  method: string;
  /** The request target as received (untrusted: escaped in the line). */
  target: string;
  status: number;
  /** Body bytes sent (0 for HEAD and 304). */
  bytes: number;
  /** Milliseconds from the request's arrival to the answer being handed to the socket. */
  ms: number;
}

let cachedSecond = -1;
let cachedIso = '';

/** The current time to the second (formatted at most once a second). */
function now(): string {
  const ms = Date.now();
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedIso = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return cachedIso;
}

const UNSAFE = /[^\x21-\x7e]|"/g;

/** Escapes what could forge or break a log line (spaces, control characters, quotes, non-ASCII). */
function escapeForLog(s: string, max = 2048): string {
  const t = s.length > max ? `${s.slice(0, max)}…` : s;
  return t.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c);
  });
}

/** Formats one access-log line (no trailing newline). */
export function formatAccess(r: AccessRecord): string {
  return `${now()} ${r.remote ?? '-'} ${escapeForLog(r.method, 32)} ${escapeForLog(r.target)} ${r.status} ${r.bytes} ${r.ms.toFixed(1)}ms`;
}
