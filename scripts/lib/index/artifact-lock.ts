/**
 * One build at a time per artifact folder: a pid file `.<out>.lock` next to it, created
 * exclusively. A lock whose process no longer runs is stale and taken over. The lock also keeps
 * the clean-up of leftovers and the recovery of a half-done swap away from a build still running.
 * The holder's pid is the lock's whole content; the process table it is checked against is
 * handed in ({@link ProcessTable}: the CLI supplies the real one), so the core stays pure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CannotRunError } from '../diagnostics/errors.js';
import { restoreArtifact, setAsideArtifacts } from './artifact-dir.js';

/** What a pid lock needs to know of the processes on this machine. */
export interface ProcessTable {
  /** This process's id, written into the lock it takes. */
  readonly pid: number;
  /** Whether a process with this id runs. */
  running(pid: number): boolean;
}

/** Another running process holds the lock of the artifact folder. */
class ArtifactLockedError extends CannotRunError {
  override readonly name = 'ArtifactLockedError';

  constructor(
    readonly outDir: string,
    /** The holder's pid (undefined: the lock file holds no pid). */
    readonly pid: number | undefined,
    readonly lockFile: string,
  ) {
    super(
      pid === undefined
        ? `${lockFile} exists but holds no process id, so another build may be writing ${outDir}; delete it if no build is running`
        : `another build (pid ${pid}) is writing ${outDir}; wait for it to finish, or delete ${lockFile} if process ${pid} is not a universe build`,
    );
  }
}

/**
 * The lock file of an artifact folder: `.<out>.lock` next to it.
 * @internal Exported for the crash tests, which plant the lock of a dead or live build.
 */
export function lockPath(outDir: string): string {
  const out = path.resolve(outDir);
  return path.join(path.dirname(out), `.${path.basename(out)}.lock`);
}

/** A held lock; {@link release} it when done, on success and on failure. */
export class ArtifactLock {
  private held = true;

  constructor(
    readonly file: string,
    private readonly pid: number,
  ) {}

  /** Deletes the lock file (if it is still this process's). Idempotent. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (readPid(this.file) === this.pid) fs.rmSync(this.file, { force: true });
  }
}

/** The pid in a lock file: null when it is missing, undefined when it holds no pid. */
function readPid(file: string): number | null | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return /^\d+\n?$/.test(text) ? Number(text) : undefined;
}

/**
 * Takes the lock of `outDir`, taking over a stale one. Throws {@link ArtifactLockedError} (exit
 * 2) when a running process holds it — this one included: one build at a time.
 */
export function lockArtifact(outDir: string, processes: ProcessTable): ArtifactLock {
  const file = lockPath(outDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      try {
        fs.writeSync(fd, `${processes.pid}\n`);
      } finally {
        fs.closeSync(fd);
      }
      return new ArtifactLock(file, processes.pid);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readPid(file);
    if (holder === null) continue;
    if (holder === undefined || processes.running(holder)) throw new ArtifactLockedError(outDir, holder, file);
    // Stale. Moved to a name of this process's own, so that of two builds taking it over at once,
    // only one removes it, and neither removes the lock the other has just created.
    const aside = `${file}.${processes.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readPid(aside);
    if (moved !== holder) {
      // Another build's fresh lock: give it back.
      try {
        fs.linkSync(aside, file);
      } catch {
        // It has taken yet another; the loop looks again.
      }
    }
    fs.rmSync(aside, { force: true });
  }
  const holder = readPid(file);
  throw new ArtifactLockedError(outDir, holder ?? undefined, file);
}

/**
 * For a reader (universe serve) at start: when `outDir` is missing because a build died in the
 * middle of its swap, puts the last good artifact back (under the lock; if a running build holds
 * it, that build does so itself). Returns the folder it was restored from, if any.
 */
export function recoverArtifact(outDir: string, processes: ProcessTable): string | undefined {
  if (fs.existsSync(path.resolve(outDir)) || setAsideArtifacts(outDir).length === 0) return undefined;
  let lock: ArtifactLock;
  try {
    lock = lockArtifact(outDir, processes);
  } catch (e) {
    if (e instanceof ArtifactLockedError) return undefined;
    throw e;
  }
  try {
    return restoreArtifact(outDir);
  } finally {
    lock.release();
  }
}
