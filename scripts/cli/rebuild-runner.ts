/**
 * Builds for `universe serve --watch` in a child process, so that the serving thread answers
 * requests while a build validates, renders and writes: a build is seconds of CPU on a big
 * universe, and on the server's own thread every request would wait for it. The child is
 * started at the first build and kept for the next ones (its code is then warm), runs at a
 * lower CPU priority than the server, and a child that dies mid-build (killed, out of memory)
 * is a failed build, never the server's end: the next build starts a new one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BuildRunner, RebuildResult } from '../lib/serve/rebuild.js';
import type { BuildAnswer, BuildRequest } from './rebuild-child.js';

/** The child's nice value: builds yield the CPU to the server's requests. */
const BUILD_NICENESS = 10;

const CHILD = fileURLToPath(new URL('./rebuild-child.js', import.meta.url));

/** Runs each build of `repo` into `out` in the one child process it keeps. */
export class ChildBuildRunner implements BuildRunner {
  private child: ChildProcess | undefined;
  private closed = false;
  /** The process id of the current child (tests); undefined between children. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  constructor(private readonly request: Omit<BuildRequest, 'type'>) {}

  run(): Promise<RebuildResult> {
    const started = performance.now();
    const failed = (message: string): RebuildResult => ({ ok: false, ms: performance.now() - started, message, diagnostics: [] });
    if (this.closed) return Promise.resolve(failed('the server is stopping'));
    let child: ChildProcess;
    try {
      child = this.child ?? this.start();
    } catch (e) {
      return Promise.resolve(failed(`the build process did not start: ${e instanceof Error ? e.message : String(e)}`));
    }
    return new Promise((resolve) => {
      const done = (r: RebuildResult): void => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(r);
      };
      const onMessage = (m: BuildAnswer): void => {
        if (m?.type === 'result') done(m.result);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (this.child === child) this.child = undefined;
        done(failed(`the build process ended before it finished (${signal ? `signal ${signal}` : `exit status ${code}`}); the last good artifact is still served, and the next change builds again`));
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      const message: BuildRequest = { type: 'build', ...this.request };
      child.send(message, (e) => {
        if (e) done(failed(`the build process could not be asked to build: ${e.message}`));
      });
    });
  }

  private start(): ChildProcess {
    // No inherited --inspect or --cpu-prof; the child's output goes where the server's goes.
    const child = fork(CHILD, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      if (child.pid !== undefined) os.setPriority(child.pid, BUILD_NICENESS);
    } catch {
      // Not allowed to lower it (some containers): builds run at the server's priority.
    }
    child.on('error', () => undefined);
    child.on('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    this.child = child;
    return child;
  }

  close(): void {
    this.closed = true;
    const child = this.child;
    this.child = undefined;
    if (child?.connected) child.disconnect();
  }
}
