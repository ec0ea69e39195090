/**
 * `universe build` after validation: writes the artifact — the native index
 * (index.json, packages/<name>.json), the DC/OS Universe outputs under dcos/, the static
 * directory API (categories.json, packages.json, packages-<category>.json,
 * packages/<name>/versions.json, packages/<name>/<version>/spec.json), the web catalogue's files,
 * .gz siblings and manifest.json — into a staging folder, then swaps it into place. Before
 * anything is written, every DC/OS package object is validated against the DC/OS repository
 * schema of each media type it is served with (index/dcos-check.ts); the build refuses with
 * {@link DcosRejectedError} when a DC/OS client would reject one.
 *
 * Every output is an {@link Emitter} (index/emitter.ts) in one list; the build knows none of them
 * by what it writes. Streaming: packages are processed one at a time in name order. Each package
 * is serialized once into one buffer (index/serialize.ts) and handed to every emitter, which
 * appends its JSON to the open output files that include it (or writes it as its own files) and
 * returns the regions it wants compressed; the buffer is then handed to a worker thread that
 * compresses them while the next packages are serialized, and each emitter gets back its own
 * segments, in package order, to assemble its .gz files. Only a bounded number of bytes are in
 * flight, so memory does not grow with the size of the universe. Then each emitter finishes, in
 * the list's order (the manifest last).
 */
import type { Catalog } from '../catalog/types.js';
import { createStaging, discardStaging, outDirProblem, previousArtifacts, removeLeftovers, removePreviousAsync, restoreArtifact, swapInto, type SwapStep } from '../index/artifact-dir.js';
import { lockArtifact, type ArtifactLock, type ProcessTable } from '../index/artifact-lock.js';
import { CompressPool } from '../index/compress-pool.js';
import { checkDcos, DcosRejectedError, type DcosCheck } from '../index/dcos-check.js';
import { DcosEmitter } from '../index/dcos-emitter.js';
import { submitWorks, type Emitter, type FinishContext, type PackageJobs, type PackageWork } from '../index/emitter.js';
import { ManifestEmitter } from '../index/manifest-emitter.js';
import { NativeEmitter } from '../index/native-emitter.js';
import { planBuild, type BuildPlan } from '../index/plan.js';
import { serializePackage } from '../index/serialize.js';
import { StaticEmitter } from '../index/static-api.js';
import { listWebFiles, WebEmitter, webFilesProblem } from '../index/web-files.js';
import { ArtifactWriter, PhaseTimer } from '../index/writer.js';
import type { Analysis } from '../rules/analysis.js';
import { WorktreeSnapshot } from '../snapshot/worktree.js';
import { CannotRunError } from './errors.js';

export { DcosRejectedError } from '../index/dcos-check.js';

/** Options of {@link buildArtifact}. */
export interface BuildOptions {
  /** The artifact folder (replaced as a whole). */
  outDir: string;
  /** The repository folder, to refuse an out folder that is or contains it (default: the catalog's worktree). */
  repoDir?: string;
  /** The commit the artifact is built from, stamped into index.json and manifest.json. */
  commit: string | null;
  /** Write .gz siblings (default true). */
  gzip?: boolean;
  /** zlib level for the .gz files (default {@link DEFAULT_GZIP_LEVEL}). */
  gzipLevel?: number;
  /** Compression worker threads (default: one per core beside the main thread; 0: compress inline). */
  workers?: number;
  /**
   * The web catalogue's folder: every file under it is copied into the artifact with its
   * relative path (web/index.html → index.html). Absent or missing folder: nothing is copied.
   */
  webDir?: string;
  /**
   * Leave the replaced artifact in a folder beside the new one (`report.previous`) instead of
   * deleting it before returning: deleting gigabytes takes seconds the caller may prefer to
   * spend elsewhere (the CLI deletes it in the background).
   */
  keepPrevious?: boolean;
  /**
   * Called before each file-system step of putting the artifact in place: `staged` (the staging
   * folder is complete), the {@link SwapStep}s, and `swapped` (before the lock is released).
   * Tests make it throw, or end the process, to stand for a failure or a crash at that point.
   */
  faultAt?: (step: 'staged' | SwapStep | 'swapped') => void;
  /**
   * The process table the out folder's lock is checked against (the CLI passes this machine's).
   * With it, one build at a time writes the folder, and the leftovers of dead builds are deleted
   * under the lock. Without it (tests, in-process callers that own the folder) no lock is taken
   * and leftovers are kept: nothing tells them from those of a build still running.
   */
  processes?: ProcessTable;
  /**
   * Refuse (LeftOutError) rather than leave out a folder the build cannot use: what the CLI
   * asks for, so that a policy that switched a layout rule off can never make a revision vanish
   * from the artifact silently. Off: such folders are listed in `skipped`.
   */
  everyRevision?: boolean;
}

/** The build would leave out folders it cannot use; nothing was written. */
export class LeftOutError extends CannotRunError {
  override readonly name: string = 'LeftOutError';

  constructor(readonly dirs: readonly string[]) {
    super(`refusing to build: ${dirs.length} folder${dirs.length === 1 ? '' : 's'} cannot be written to the artifact (nothing was written): ${dirs.slice(0, 20).join(', ')}${dirs.length > 20 ? `, and ${dirs.length - 20} more` : ''}; the layout rules (layout-package-folder, layout-revision-folder, layout-letter-matches-name) say why: do not switch them off`);
  }
}

/** What a build wrote and what it cost; the CLI prints it. */
export interface BuildReport {
  /** The artifact folder. */
  outDir: string;
  /** Files in the artifact, manifest.json included. */
  files: number;
  /** Bytes of the files that are not .gz (hard-linked files counted like copies). */
  bytes: number;
  /** Bytes of the .gz files (0 without gzip). */
  gzBytes: number;
  /** Files that are hard links to identical files (e.g. repo-up-to-1.13.json = repo-up-to-2.0.json). */
  linked: number;
  /** Files copied from the web folder (their .gz siblings included). */
  webFiles: number;
  /** Packages in the native index. */
  packages: number;
  /** Revisions in the native index. */
  revisions: number;
  /** Revisions in the DC/OS universe.json. */
  dcosRevisions: number;
  /** Revision and package folders left out because they are unusable (validation reports why). */
  skipped: string[];
  /** With `keepPrevious`: the folder the replaced artifact was moved to, for the caller to delete. */
  previous?: string;
  /**
   * Milliseconds per phase and `total`. Main thread: plan, dcos-check, serialize, static (the static API's
   * per-package files: renders, serializing, creating files and folders; not writing or hashing
   * them), write, hash, finish, web, manifest, swap, and compress-wait (waiting for workers).
   * compress-cpu is the workers' own time, in parallel with the rest (not part of the total).
   */
  phases: Record<string, number>;
}

/**
 * Default gzip level: zlib's default. On the corpus, 6 gives 5% smaller files than 4 for ~25% more
 * compression time (which runs beside the main thread), and 9 gains under 1% more; the files are
 * compressed once and served many times (nginx gzip_static).
 */
const DEFAULT_GZIP_LEVEL = 6;

/** Serialized bytes allowed in flight (written as JSON, waiting for compression) before waiting. */
const MAX_IN_FLIGHT_BYTES = 32 * 1024 * 1024;

/**
 * Writes the artifact for a catalog that has passed validation. Unusable revisions are skipped
 * (listed in the report), never a crash. Throws CannotRunError when `outDir` is unsafe or another
 * build is writing it (ArtifactLockedError, see index/artifact-lock.ts), and
 * DcosRejectedError (a CannotRunError) when DC/OS clients would reject a revision in a file they
 * are served; either way nothing is written.
 */
export async function buildArtifact(catalog: Catalog, analysis: Analysis, options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const repoDir = options.repoDir ?? (catalog.snapshot instanceof WorktreeSnapshot ? catalog.snapshot.label : undefined);
  const problem = outDirProblem(options.outDir, repoDir);
  if (problem) throw new CannotRunError(problem);
  const webFiles = options.webDir === undefined ? [] : listWebFiles(options.webDir);
  const webProblem = options.webDir === undefined ? undefined : webFilesProblem(webFiles, options.webDir);
  if (webProblem) throw new CannotRunError(webProblem);
  const level = options.gzip === false ? undefined : (options.gzipLevel ?? DEFAULT_GZIP_LEVEL);
  const timer = new PhaseTimer();
  // Workers start now; their start-up overlaps the planning, the check and the first packages.
  const pool = level === undefined ? undefined : new CompressPool(level, options.workers);
  let t = performance.now();
  let plan: BuildPlan;
  let checked: DcosCheck;
  try {
    plan = planBuild(catalog, analysis);
    t = timer.add('plan', t);
    if (options.everyRevision && plan.skipped.length > 0) throw new LeftOutError(plan.skipped);
    checked = checkDcos(plan.packages);
    t = timer.add('dcos-check', t);
    if (checked.problems.length > 0) throw new DcosRejectedError(checked.problems);
  } catch (e) {
    await pool?.close();
    throw e;
  }
  // One build per out folder. Under the lock, no other build is half-way: an artifact a dead
  // build set aside mid-swap is put back first, and its staging and old folders are deleted
  // while this build works.
  let lock: ArtifactLock | undefined;
  try {
    lock = options.processes && lockArtifact(options.outDir, options.processes);
  } catch (e) {
    await pool?.close();
    throw e;
  }
  let leftovers: Promise<void> = Promise.resolve();
  let staging: string | undefined;
  try {
    restoreArtifact(options.outDir);
    if (lock) leftovers = removeLeftovers(options.outDir);
    staging = createStaging(options.outDir);
    const writer = new ArtifactWriter(staging, timer);
    const web = new WebEmitter(writer, webFiles, level);
    // The outputs, in the order they take each package and finish. A new output is one more
    // emitter here. The manifest comes last: it lists every file written before it.
    const emitters: Emitter[] = [
      new NativeEmitter(writer, level),
      new DcosEmitter(writer, plan.counts, level, checked.distinctV4),
      new StaticEmitter(writer, level, { catalog, settings: analysis.settings, analysis }),
      web,
      new ManifestEmitter(writer),
    ];
    const pending: Pending[] = [];
    let inFlight = 0;
    for (const pkg of plan.packages) {
      t = performance.now();
      const serialized = serializePackage(pkg);
      timer.add('serialize', t);
      const works: PackageWork[] = [];
      for (const emitter of emitters) {
        if (!emitter.addPackage) continue;
        const phase = emitter.packagePhase;
        t = performance.now();
        const written = phase === undefined ? 0 : writeAndHash(timer);
        const work = emitter.addPackage(pkg, serialized);
        // Its own work, not the writing and hashing counted there.
        if (phase !== undefined) timer.ms[phase] = (timer.ms[phase] ?? 0) + (performance.now() - t) - (writeAndHash(timer) - written);
        if (work) works.push(work);
      }
      if (!pool) continue;
      // The files are written: hand the bytes to the workers (transferred, no longer usable here).
      const jobs = submitWorks(pool, works);
      pending.push(jobs);
      inFlight += jobs.bytes;
      while (inFlight > MAX_IN_FLIGHT_BYTES) inFlight -= await finishOne(pending, timer);
    }
    while (pending.length > 0) await finishOne(pending, timer);
    const ctx: FinishContext = { settings: analysis.settings, commit: options.commit };
    t = performance.now();
    for (const emitter of emitters) {
      emitter.finish(ctx);
      t = timer.add(emitter.finishPhase ?? 'finish', t);
    }
    await pool?.close();
    options.faultAt?.('staged');
    const previous = swapInto(staging, options.outDir, options.keepPrevious === true, options.faultAt);
    timer.add('swap', t);
    await leftovers;
    options.faultAt?.('swapped');
    timer.ms.total = performance.now() - started;
    return {
      outDir: options.outDir,
      files: writer.entries.length,
      bytes: writer.bytes,
      gzBytes: writer.gzBytes,
      linked: writer.linked,
      webFiles: web.files,
      packages: plan.packages.length,
      revisions: plan.packages.reduce((n, p) => n + p.revisions.length, 0),
      dcosRevisions: plan.counts[0]!,
      skipped: plan.skipped,
      ...(previous !== undefined ? { previous } : {}),
      phases: timer.ms,
    };
  } catch (e) {
    await pool?.close();
    if (staging !== undefined) discardStaging(staging);
    await leftovers;
    throw e;
  } finally {
    lock?.release();
  }
}

/**
 * Deletes, without blocking the event loop, the replaced artifacts set aside next to `outDir`
 * (see {@link BuildOptions.keepPrevious}), left-overs of earlier builds included.
 */
export async function removeReplacedArtifacts(outDir: string): Promise<void> {
  await Promise.all(previousArtifacts(outDir).map((d) => removePreviousAsync(d)));
}

type Pending = PackageJobs;

/** Milliseconds spent writing and hashing files so far. */
function writeAndHash(timer: PhaseTimer): number {
  return (timer.ms.write ?? 0) + (timer.ms.hash ?? 0);
}

/** Completes the oldest pending package (waits for its compression, writes its .gz files). */
async function finishOne(pending: Pending[], timer: PhaseTimer): Promise<number> {
  const next = pending.shift()!;
  const t = performance.now();
  const before = writeAndHash(timer);
  timer.ms['compress-cpu'] = (timer.ms['compress-cpu'] ?? 0) + (await next.finish());
  // The time not spent writing or hashing was spent waiting for the workers.
  const waited = performance.now() - t - (writeAndHash(timer) - before);
  timer.ms['compress-wait'] = (timer.ms['compress-wait'] ?? 0) + waited;
  return next.bytes;
}
