/**
 * `--workers N`: N worker processes (node:cluster) serve the same port, each with its own copy of
 * the artifact in memory. The primary serves nothing: it starts the workers, restarts one that
 * dies, and with `--watch` rebuilds the artifact and tells every worker to reload it, waiting
 * for all of them before the next build. Messages are small JSON objects over the cluster's IPC.
 * Signals are the CLI's business: it calls `close()`.
 */
import cluster, { type Worker } from 'node:cluster';
import { CannotRunError } from '../diagnostics/errors.js';
import { readManifest } from './artifact.js';
import type { Notify } from './events.js';
import { InitialBuildError, Rebuilder, type RebuildOptions } from './rebuild.js';
import { startServer, type ServeOptions, type ServerHandle } from './server.js';
import type { TreeWatchOptions } from './watch.js';

/** A message between the primary and a worker. */
type Message =
  | { type: 'ready'; url: string; packages: number; commit: string | null }
  | { type: 'failed'; message: string }
  | { type: 'reload' }
  | { type: 'reloaded'; ok: boolean; message?: string; packages?: number; commit?: string | null }
  | { type: 'shutdown' };

/**
 * Workers that die after start-up are restarted after a back-off that doubles with each recent
 * restart (50 ms up to 1 s); more than `max` restarts within `windowMs` is a crash loop, and the
 * primary gives up once no worker is left.
 */
const RESTARTS = { max: 10, windowMs: 60_000, baseMs: 50, capMs: 1_000 };
/** How long the primary waits for workers to reload or stop. */
const WORKER_TIMEOUT_MS = 30_000;

/** Options of {@link startPrimary}. */
export interface PrimaryOptions {
  workers: number;
  /** The artifact folder the workers serve. */
  dir: string;
  notify: Notify;
  watch?: Omit<RebuildOptions, 'out'> & { tree?: TreeWatchOptions };
}

/** The running primary. */
export interface PrimaryHandle {
  url: string;
  packages: number;
  commit: string | null;
  /** Tells every worker to load the folder again (SIGHUP); resolves when all answered. */
  reload(): Promise<void>;
  /** Stops watching, asks every worker to finish its requests and stop, and waits for them. */
  close(): Promise<void>;
  /**
   * Resolves, with a sentence saying why, when the primary gave up: every worker died and too
   * many restarts came too fast to start another. Pending while it serves.
   */
  gaveUp: Promise<string>;
}

function send(worker: Worker, m: Message): void {
  // A worker that is exiting may close its channel at any moment: its exit is handled elsewhere.
  if (worker.isConnected()) worker.send(m, undefined, () => {});
}

/** Waits for the next message of `type` from `worker` (or its exit, or the timeout): undefined then. */
function next<T extends Message['type']>(worker: Worker, type: T, timeoutMs = WORKER_TIMEOUT_MS): Promise<Extract<Message, { type: T }> | { type: 'failed'; message: string } | undefined> {
  return new Promise((resolve) => {
    const done = (v: Extract<Message, { type: T }> | { type: 'failed'; message: string } | undefined): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(v);
    };
    const onMessage = (m: Message): void => {
      if (m.type === type || m.type === 'failed') done(m as Extract<Message, { type: T }>);
    };
    const onExit = (): void => done(undefined);
    const timer = setTimeout(() => done(undefined), timeoutMs);
    worker.on('message', onMessage);
    worker.on('exit', onExit);
  });
}

/** Starts the workers (after the initial build with `watch`); throws CannotRunError when they cannot serve. */
export async function startPrimary(options: PrimaryOptions): Promise<PrimaryHandle> {
  const { notify } = options;
  let rebuilder: Rebuilder | undefined;
  // Workers are only replaced while running: one failing at start-up fails the start.
  let phase: 'starting' | 'running' | 'closing' = 'starting';
  // When recent restarts happened, and how many are waiting for their back-off to end.
  let recent: number[] = [];
  let waiting = 0;
  let giveUp!: (why: string) => void;
  const gaveUp = new Promise<string>((resolve) => (giveUp = resolve));
  const workers = new Set<Worker>();

  const broadcastReload = async (): Promise<void> => {
    const all = [...workers];
    const answers = all.map((w) => next(w, 'reloaded'));
    for (const w of all) send(w, { type: 'reload' });
    const got = await Promise.all(answers);
    const bad = got.find((a) => a?.type !== 'reloaded' || !a.ok);
    if (bad !== undefined) {
      const message = bad?.message ?? 'a worker did not answer';
      notify({ kind: 'reload-failed', dir: options.dir, message });
      return;
    }
    // Every worker serves the new artifact from now on.
    const first = got[0] as Extract<Message, { type: 'reloaded' }> | undefined;
    notify({ kind: 'swapped', dir: options.dir, packages: first?.packages ?? 0, commit: first?.commit ?? null });
  };
  if (options.watch) {
    const { tree, ...rebuild } = options.watch;
    rebuilder = new Rebuilder({ ...rebuild, out: options.dir, notify, watch: tree, onBuilt: broadcastReload });
    const first = await rebuilder.initial();
    if (first.ok) notify({ kind: 'rebuilt', repo: rebuild.repo, ms: first.ms, packages: first.report.packages, revisions: first.report.revisions, commit: first.commit });
    else {
      try {
        readManifest(options.dir);
      } catch {
        await rebuilder.close();
        throw new InitialBuildError(first);
      }
      notify({ kind: 'rebuild-failed', repo: rebuild.repo, ms: first.ms, message: first.message, diagnostics: first.diagnostics, summary: first.summary });
    }
  } else {
    // Fails fast, before forking, on a folder that is not an artifact at all.
    readManifest(options.dir);
  }

  const fork = (): Worker => {
    const w = cluster.fork();
    workers.add(w);
    // IPC errors (EPIPE from a worker that is going away) are not fatal: 'exit' follows.
    w.on('error', () => {});
    w.on('exit', (code, signal) => {
      workers.delete(w);
      if (phase !== 'running') return;
      const now = Date.now();
      recent = recent.filter((t) => now - t < RESTARTS.windowMs);
      const restarting = recent.length < RESTARTS.max;
      // The worker's child process (not this process): its pid identifies it in the message.
      const child = w.process;
      notify({ kind: 'worker-exited', pid: child.pid, code, signal, restarting });
      if (restarting) {
        const delay = Math.min(RESTARTS.capMs, RESTARTS.baseMs * 2 ** recent.length);
        recent.push(now);
        waiting++;
        setTimeout(() => {
          waiting--;
          if (phase === 'running') fork();
        }, delay);
      } else if (workers.size === 0 && waiting === 0) {
        giveUp(`every worker died and ${RESTARTS.max} restarts within ${RESTARTS.windowMs / 1000} s did not keep one running, so the server stopped: see the messages above`);
      }
    });
    return w;
  };

  const started = Array.from({ length: options.workers }, fork);
  const ready = await Promise.all(started.map((w) => next(w, 'ready')));
  const failed = ready.find((r) => r?.type !== 'ready');
  if (failed !== undefined) {
    phase = 'closing';
    await stopAll(workers);
    await rebuilder?.close();
    throw new CannotRunError(failed?.type === 'failed' ? failed.message : 'a worker process stopped before it could serve; run with --workers 1 to see why');
  }
  const first = ready[0] as Extract<Message, { type: 'ready' }>;
  phase = 'running';
  await rebuilder?.watch();
  return {
    url: first.url,
    packages: first.packages,
    commit: first.commit,
    reload: broadcastReload,
    gaveUp,
    close: async () => {
      phase = 'closing';
      await rebuilder?.close();
      await stopAll(workers);
    },
  };
}

/** Asks every worker to stop gracefully; kills those still running after the timeout. */
async function stopAll(workers: Set<Worker>): Promise<void> {
  await Promise.all(
    [...workers].map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.isDead()) return resolve();
          const timer = setTimeout(() => w.kill('SIGKILL'), WORKER_TIMEOUT_MS);
          w.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          send(w, { type: 'shutdown' });
        }),
    ),
  );
}

/** A worker's server and how it ends. */
export interface WorkerHandle {
  server: ServerHandle;
  /** Resolves once the primary asked the worker to stop (or went away) and the server closed. */
  stopped: Promise<void>;
}

/**
 * Runs the server in a worker: reports readiness (or failure) to the primary, reloads when told,
 * stops when told or when the primary is gone. Throws what startServer throws, after reporting it.
 */
export async function startWorker(options: ServeOptions): Promise<WorkerHandle> {
  const self = cluster.worker!;
  let server: ServerHandle;
  try {
    server = await startServer(options);
  } catch (e) {
    self.send({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies Message);
    throw e;
  }
  const a = server.artifact();
  self.send({ type: 'ready', url: server.url, packages: a.index.packages.length, commit: a.commit } satisfies Message);
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      self.off('message', onMessage);
      void server.close().then(resolve);
    };
    const onMessage = (m: Message): void => {
      if (m.type === 'reload') {
        void server.reload().then((r) => {
          const answer: Message = r.ok
            ? { type: 'reloaded', ok: true, packages: r.artifact.index.packages.length, commit: r.artifact.commit }
            : { type: 'reloaded', ok: false, message: r.message };
          if (self.isConnected()) self.send(answer);
        });
      } else if (m.type === 'shutdown') stop();
    };
    self.on('message', onMessage);
    self.once('disconnect', stop);
  });
  return { server, stopped };
}
