import cluster from 'node:cluster';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '../args.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { checkoutPrefix, displayPrefix } from '../paths.js';
import { reporter } from '../reporters/index.js';
import type { Report } from '../reporters/report.js';
import { recoverArtifact } from '../../lib/index/artifact-lock.js';
import { startPrimary, startWorker } from '../../lib/serve/cluster.js';
import type { ServeEvent } from '../../lib/serve/events.js';
import { InitialBuildError } from '../../lib/serve/rebuild.js';
import { DEFAULT_LIMITS, startServer, type ServeOptions } from '../../lib/serve/server.js';
import { PROCESSES } from '../processes.js';
import { ChildBuildRunner } from '../rebuild-runner.js';
import { CannotRunError } from '../../lib/diagnostics/errors.js';

/** `universe serve --help`. */
export const help = `Usage: universe serve [--dir DIR] [--host HOST] [--port N] [--watch [--repo DIR]] [--workers N] [--max-connections N] [--quiet]

Serves a built artifact (universe build) over HTTP, to DC/OS clusters and CLIs, browsers and
plain HTTP clients:

  /repo, /package/<name>     DC/OS repository (format chosen from Accept, DC/OS version from
                             User-Agent) and one-package slices; /repo-empty-v3.json health check
  /index.json, /packages/<name>.json, every file of the artifact (strong ETags, 304, gzip, CORS)
  /packages[?recency=n], /packages/<name>     package list and one package's versions (JSON)
  /search?q=&tag=&category=&maintainer=       package search
  /                          the web catalogue

Options:
  --dir DIR      the artifact folder (default: target)
  --host HOST    address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface)
  --port N       port (default: 8085; 0 picks a free one)
  --watch        build the repository at start and again whenever it changes, into --dir;
                 a failed build is reported and the last good artifact stays served;
                 builds run in a child process at lower priority, never on a serving thread
  --repo DIR     the repository --watch builds (default: repo)
  --workers N    worker processes (default: one per core); each holds the artifact in memory
  --max-connections N
                 open connections per worker; one more is answered 503 and closed (default 1000)
  --quiet        no access log (one line per request on stdout otherwise)
  -h, --help     show this help

SIGINT or SIGTERM stops accepting connections, lets requests in flight finish and exits 0;
SIGHUP loads --dir again (after an external universe build). Events go to stderr.
Exit codes: 0 stopped by a signal, 2 could not start (no or invalid artifact, port in use) or
every worker kept crashing.
`;

/** The web catalogue shipped with the tool, copied into artifacts that --watch builds (as universe build does). */
const WEB_DIR = fileURLToPath(new URL('../../../../web', import.meta.url));

/** Access-log lines flushed at least this often. */
const LOG_FLUSH_MS = 100;

/** Parsed command line. */
interface Flags {
  dir: string;
  host: string;
  port: number;
  watch: boolean;
  repo: string;
  workers: number;
  maxConnections: number;
  quiet: boolean;
}

function flags(args: string[]): Flags | undefined {
  const { values } = parse(args, {
    dir: { type: 'string', default: 'target' },
    host: { type: 'string' },
    port: { type: 'string' },
    watch: { type: 'boolean', default: false },
    repo: { type: 'string' },
    workers: { type: 'string' },
    'max-connections': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  });
  if (values.help) return undefined;
  const int = (name: string, v: string | undefined, min: number, max: number, fallback: number): number => {
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got '${v}')`);
    return Number(v);
  };
  if (values.repo !== undefined && !values.watch) throw new UsageError('--repo only matters with --watch (the server otherwise serves --dir as built)');
  return {
    dir: values.dir,
    host: values.host || '127.0.0.1',
    port: int('port', values.port, 0, 65535, 8085),
    watch: values.watch,
    repo: values.repo ?? 'repo',
    workers: int('workers', values.workers, 1, 256, os.availableParallelism()),
    maxConnections: int('max-connections', values['max-connections'], 1, 1_000_000, DEFAULT_LIMITS.maxConnections),
    quiet: values.quiet,
  };
}

/** Runs `universe serve`: one process, or a cluster primary, or one of its workers. */
export async function run(args: string[], io: Io): Promise<number> {
  const f = flags(args);
  if (!f) {
    io.out(help);
    return EXIT.ok;
  }
  const log = f.quiet ? undefined : bufferedLog(io);
  const pretty = await reporter('pretty');
  // A failed --watch build's diagnostics, with paths from the current folder.
  const problems = (r: Report): string => pretty(r, { color: io.color, prefix: displayPrefix(io.cwd, f.repo), checkoutPrefix: checkoutPrefix(io.cwd, f.repo) });
  const notify = printer(io, f, problems);
  const base: ServeOptions = { dir: path.resolve(io.cwd, f.dir), host: f.host, port: f.port, log: log?.write, notify, limits: { maxConnections: f.maxConnections } };
  if (cluster.isWorker) return worker(base, log);
  // A build that died half-way through replacing the artifact left it aside: put it back first.
  recoverArtifact(base.dir, PROCESSES);
  const repo = path.resolve(io.cwd, f.repo);
  // Builds run in a child process at lower priority (rebuild-runner.ts), never on a serving
  // thread; with workers, the primary would otherwise compete with them at equal priority.
  const watch = f.watch ? { repo, runner: new ChildBuildRunner({ repo, out: base.dir, webDir: WEB_DIR }) } : undefined;
  try {
    if (f.workers === 1) {
      const server = await startServer({ ...base, watch });
      const a = server.artifact();
      // Handlers first: a supervisor may signal as soon as it reads the announcement.
      const stopped = signals({ stop: () => server.close(), reload: () => void server.reload() });
      announce(io, f, server.url, a.index.packages.length, a.commit);
      await stopped;
    } else {
      // Workers print their own access log and events; the primary reports rebuilds.
      const primary = await startPrimary({ workers: f.workers, dir: base.dir, notify, watch });
      const stopped = signals({ stop: () => primary.close(), reload: () => void primary.reload() });
      announce(io, f, primary.url, primary.packages, primary.commit);
      const why = await Promise.race([stopped.then(() => undefined), primary.gaveUp]);
      if (why !== undefined) {
        await primary.close();
        // Not serving any more is a failure a supervisor must see: exit 2, never 0.
        throw new CannotRunError(why);
      }
    }
  } catch (e) {
    if (e instanceof InitialBuildError && e.result.summary) {
      io.err(problems({ diagnostics: e.result.diagnostics, summary: e.result.summary, change: undefined }));
    }
    throw e;
  } finally {
    log?.flush();
  }
  io.err('universe serve: stopped\n');
  return EXIT.ok;
}

/** A cluster worker: serves until the primary says stop (or a signal reaches it directly). */
async function worker(options: ServeOptions, log: Log | undefined): Promise<number> {
  const self = cluster.worker!;
  try {
    const { server, stopped } = await startWorker(options);
    await Promise.race([stopped, signals({ stop: () => server.close(), reload: () => void server.reload() })]);
    return EXIT.ok;
  } catch {
    // The primary prints why (the worker reported it).
    return EXIT.cannotRun;
  } finally {
    log?.flush();
    self.disconnect();
  }
}

function announce(io: Io, f: Flags, url: string, packages: number, commit: string | null): void {
  const at = commit ? ` at commit ${commit.slice(0, 12)}` : '';
  const workers = f.workers === 1 ? '' : `, ${f.workers} workers`;
  io.out(`universe serve: serving ${f.dir}/ (${packages} package${packages === 1 ? '' : 's'}${at}${workers}) on ${url}/\n`);
}

/** Resolves after SIGINT or SIGTERM once `stop` finished; SIGHUP calls `reload`. */
function signals(handlers: { stop: () => Promise<void>; reload: () => void }): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', handlers.reload);
      handlers.stop().then(resolve, reject);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('SIGHUP', handlers.reload);
  });
}

interface Log {
  write: (line: string) => void;
  flush: () => void;
}

/** Access-log lines gathered and written in batches: one write per batch, not per request. */
function bufferedLog(io: Io): Log {
  let lines: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    lines = [];
    io.out(text);
  };
  return {
    write: (line) => {
      lines.push(line);
      if (lines.length >= 512) flush();
      else timer ??= setTimeout(flush, LOG_FLUSH_MS);
    },
    flush,
  };
}

/** Prints server events on stderr; `problems` renders a failed build's diagnostics. */
function printer(io: Io, f: Flags, problems: (r: Report) => string): (e: ServeEvent) => void {
  const say = (s: string): void => io.err(`universe serve: ${s}\n`);
  return (e) => {
    switch (e.kind) {
      case 'watching':
        return say(`watching ${f.repo}/ for changes (${e.mode === 'events' ? 'file-system events, checked by polling' : 'polling'})`);
      case 'rebuilding':
        return say(`${f.repo}/ changed: rebuilding`);
      case 'rebuilt':
        return say(`built ${f.dir}/: ${e.packages} packages, ${e.revisions} revisions in ${Math.round(e.ms)} ms`);
      case 'rebuild-failed':
        if (e.summary && e.diagnostics.length > 0) io.err(problems({ diagnostics: e.diagnostics, summary: e.summary, change: undefined }));
        return say(`build failed: ${e.message}; still serving the last good artifact`);
      case 'swapped':
        // Workers swap one by one; the primary says it once all of them have.
        if (!cluster.isWorker) say(`now serving ${e.packages} packages${e.commit ? ` at commit ${e.commit.slice(0, 12)}` : ''}`);
        return;
      case 'reload-failed':
        return say(`could not load ${f.dir}/: ${e.message}; still serving the previous artifact${cluster.isWorker ? ` (worker ${process.pid})` : ''}`);
      case 'worker-exited':
        return say(`worker ${e.pid ?? '?'} exited (${e.signal ?? `code ${e.code}`})${e.restarting ? '; starting another' : '; too many restarts, not replacing it'}`);
      case 'error':
        return say(`internal error while answering a request: ${process.env.UNIVERSE_DEBUG ? (e.stack ?? e.message) : e.message}`);
    }
  };
}
