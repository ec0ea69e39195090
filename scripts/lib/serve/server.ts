/**
 * `startServer`: the HTTP server over a built artifact (node:http, keep-alive, bounded headers
 * and timeouts), optionally rebuilding it when the repository changes (`watch`). The artifact is
 * swapped atomically: each request reads the current artifact once and finishes on it.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CannotRunError } from '../diagnostics/errors.js';
import { formatAccess } from './access-log.js';
import { loadArtifact, type Artifact } from './artifact.js';
import type { Notify } from './events.js';
import { createHandler, type HandlerState } from './handler.js';
import { InitialBuildError, Rebuilder, type RebuildOptions } from './rebuild.js';
import { errorBody, reasonOf } from './respond.js';
import type { TreeWatchOptions } from './watch.js';

/** Limits of the HTTP server. */
export interface ServerLimits {
  /** Largest request head (request line and headers) in bytes; larger is answered 431 (default 16 KiB). */
  maxHeaderSize: number;
  /** Time allowed to receive a request's headers (default 10 s). */
  headersTimeoutMs: number;
  /** Time allowed to receive a whole request (default 30 s). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (default 5 s). */
  keepAliveTimeoutMs: number;
  /** How long shutdown waits for requests in flight before cutting connections (default 10 s). */
  shutdownTimeoutMs: number;
  /** Open connections per process; one more is answered 503 and closed (default 1,000). */
  maxConnections: number;
}

/** How often Node checks connections against the header and request timeouts. */
const CONNECTIONS_CHECK_MS = 1_000;

/** Default {@link ServerLimits}. */
export const DEFAULT_LIMITS: ServerLimits = {
  maxHeaderSize: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  shutdownTimeoutMs: 10_000,
  maxConnections: 1_000,
};

/** Options of {@link startServer}. */
export interface ServeOptions {
  /** The artifact folder (written by universe build). */
  dir: string;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 8085; 0 picks a free one). */
  port?: number;
  /** Access log: one line per request; none when undefined. */
  log?: (line: string) => void;
  /** Events: rebuilds, swaps, failures. */
  notify?: Notify;
  /** Files up to this size are held in memory (see artifact.ts). */
  memoryFileBytes?: number;
  /** Rebuild `dir` from a repository whenever it changes (and once at start). */
  watch?: Omit<RebuildOptions, 'out'> & { tree?: TreeWatchOptions };
  limits?: Partial<ServerLimits>;
}

/** The result of {@link ServerHandle.reload}. */
export type ReloadResult = { ok: true; artifact: Artifact } | { ok: false; message: string };

/** A running server. */
export interface ServerHandle {
  /** `http://host:port` (no trailing slash). */
  url: string;
  host: string;
  port: number;
  /** The artifact served now. */
  artifact(): Artifact;
  /** Loads `dir` again and serves it; on failure the current artifact stays. */
  reload(): Promise<ReloadResult>;
  /** Stops accepting, lets requests in flight finish (up to the shutdown timeout), stops watching. */
  close(): Promise<void>;
}

/** Why listening failed, as a sentence saying what to do. */
function listenProblem(e: NodeJS.ErrnoException, host: string, port: number): string {
  switch (e.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use: stop the other server or choose another --port`;
    case 'EACCES':
      return `not allowed to listen on port ${port}: ports below 1024 need privileges; choose a port of 1024 or more`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `cannot listen on ${host}: it is not an address of this machine; use --host 127.0.0.1, 0.0.0.0 or one of its addresses`;
    default:
      return `cannot listen on ${host}:${port}: ${e.message}`;
  }
}

/** Starts serving; throws CannotRunError when the artifact is missing or invalid, or the port is taken. */
export async function startServer(options: ServeOptions): Promise<ServerHandle> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const host = options.host ?? '127.0.0.1';
  const notify: Notify = options.notify ?? (() => {});
  const load = (): Promise<Artifact> => loadArtifact(options.dir, { memoryFileBytes: options.memoryFileBytes });

  let state: HandlerState | undefined;
  let reloading: Promise<ReloadResult> | undefined;
  const reload = (): Promise<ReloadResult> => {
    // Reloads queue behind each other: the last one always reads the newest folder.
    const next = (reloading ?? Promise.resolve()).then(async (): Promise<ReloadResult> => {
      try {
        const artifact = await load();
        const old = state!.artifact;
        state!.artifact = artifact;
        old.retire();
        notify({ kind: 'swapped', dir: options.dir, packages: artifact.index.packages.length, commit: artifact.commit });
        return { ok: true, artifact };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        notify({ kind: 'reload-failed', dir: options.dir, message });
        return { ok: false, message };
      }
    });
    reloading = next;
    return next;
  };

  let rebuilder: Rebuilder | undefined;
  let artifact: Artifact | undefined;
  if (options.watch) {
    const { tree, ...rebuild } = options.watch;
    rebuilder = new Rebuilder({ ...rebuild, out: options.dir, notify, watch: tree, onBuilt: async () => void (await reload()) });
    const first = await rebuilder.initial();
    if (first.ok) {
      notify({ kind: 'rebuilt', repo: rebuild.repo, ms: first.ms, packages: first.report.packages, revisions: first.report.revisions, commit: first.commit });
    } else {
      try {
        artifact = await load();
      } catch {
        await rebuilder.close();
        throw new InitialBuildError(first);
      }
      notify({ kind: 'rebuild-failed', repo: rebuild.repo, ms: first.ms, message: first.message, diagnostics: first.diagnostics, summary: first.summary });
    }
  }
  artifact ??= await load();
  state = { artifact, closing: false, log: options.log, onError: (e) => notify({ kind: 'error', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined }) };

  const server = http.createServer(
    {
      maxHeaderSize: limits.maxHeaderSize,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node enforces the two timeouts only when it checks connections (every 30 s by default):
      // checking every second keeps a slow client within about a second of its limit.
      connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
    },
    createHandler(state),
  );
  // CONNECT and Upgrade requests bypass the request handler: without an answer here the client
  // would wait on a silent socket. Neither is served.
  const refuse = (req: http.IncomingMessage, socket: Socket): void => {
    const body = errorBody(405, `${req.method ?? 'this method'} is not served here: use GET, HEAD or OPTIONS`);
    socket.end(`HTTP/1.1 405 ${reasonOf(405)}\r\nAllow: GET, HEAD, OPTIONS\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`);
    options.log?.(formatAccess({ remote: socket.remoteAddress, method: req.method ?? '-', target: req.url ?? '-', status: 405, bytes: body.length, ms: 0 }));
  };
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => refuse(req, socket));
  // A cap on open connections: thousands of idle or slow sockets must not starve the others.
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
    if (open <= limits.maxConnections) return;
    const body = errorBody(503, `the server holds ${limits.maxConnections} connections already: try again shortly`);
    socket.on('error', () => socket.destroy());
    socket.write(`HTTP/1.1 503 ${reasonOf(503)}\r\nRetry-After: 1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`, () => socket.destroy());
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Socket) => refuse(req, socket));
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const message =
      status === 431 ? `the request line and headers exceed ${limits.maxHeaderSize} bytes` : status === 408 ? 'the request did not arrive in time' : 'the request is not valid HTTP/1.1';
    const body = errorBody(status, message);
    socket.end(`HTTP/1.1 ${status} ${reasonOf(status)}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`);
    options.log?.(formatAccess({ remote: socket.remoteAddress, method: '-', target: '-', status, bytes: body.length, ms: 0 }));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      state!.artifact.retire();
      void rebuilder?.close();
      reject(new CannotRunError(listenProblem(e, host, options.port ?? 8085)));
    };
    server.once('error', onError);
    server.listen(options.port ?? 8085, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  await rebuilder?.watch();

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await rebuilder?.close();
      state!.closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections close now; busy ones once their answer is out.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), limits.shutdownTimeoutMs);
      await closed;
      clearInterval(idle);
      clearTimeout(cut);
      await reloading;
      state!.artifact.retire();
    })());

  const shown = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${port}`, host, port, artifact: () => state!.artifact, reload, close };
}
