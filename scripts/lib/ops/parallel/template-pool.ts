/**
 * Template analysis on a second thread. Parsing, checking and rendering the templates of every
 * revision is most of a validation's work, and it depends on four files of the revision alone
 * (config.json, resource.json and the two templates). While the main thread loads the catalog,
 * it hands those files' decoded text to a worker thread, package by package (once the universe
 * proves big enough to gain from it); the worker parses them with the loader's own function and
 * analyses them in order. When the
 * rules need the analysis, the main thread analyses the packages the worker has not reached,
 * from the last one back, until the two meet, and takes the worker's results into its memos
 * (see adoptRevisionFacts). Both threads analyse the same bytes with the same code, so the
 * diagnostics are the same with or without the pool; anything the worker did not deliver (it
 * failed) is computed by the rules as usual.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { DecodedFile, LoadObserver } from '../../catalog/load.js';
import type { Catalog, Limits, PackageDir, RevisionFileName } from '../../catalog/types.js';
import type { RepositorySettings } from '../../policy/settings.js';
import type { Analysis } from '../../rules/analysis.js';
import { TEMPLATE_INPUTS, adoptRevisionFacts, computeRevisionFacts } from '../../rules/shared/template-transfer.js';
import type { RuleContext } from '../../rules/types.js';
import { FAILED, HI, LO, POSTED, RUNNING, SLOTS, STATE, lock, unlock, type FromWorker, type RevisionInput, type ToWorker, type WorkerInput } from './protocol.js';

/** What the pool did, for tests and the benchmark. */
export interface PoolStats {
  /** Whether a worker started (not for a universe under {@link START_AFTER_BYTES}). */
  started: boolean;
  /** Packages handed to the worker, and of those the ones it analysed. */
  posted: number;
  workerPackages: number;
  /** Revisions whose worker results were taken in, and dropped (inputs differing: never expected). */
  adopted: number;
  rejected: number;
  /** Packages the main thread analysed itself. */
  mainPackages: number;
  /** The worker's failure, if it failed. */
  error?: string;
}

/**
 * When validation uses a worker thread: `auto` with more than one core, once the loaded input
 * passes {@link START_AFTER_BYTES}; `force` from the first package (tests); `off` never.
 */
export type ThreadMode = 'auto' | 'force' | 'off';

/** The files handed to the worker: those template analysis reads. */
const INPUTS: ReadonlySet<string> = new Set(TEMPLATE_INPUTS);

/**
 * Bytes handed to the worker and not yet analysed, at most: past that the main thread keeps
 * packages for itself, so a slow worker never holds a copy of the universe.
 */
const MAX_BACKLOG_BYTES = 128 * 1024 * 1024;

/**
 * Input bytes loaded before a worker starts: below this (the 7.7 MB DC/OS sample, the whole
 * 31 MiB DC/OS Universe, a typical private universe) starting a thread and warming up its code
 * costs more than it saves. Measured on a 2-core machine: on the DC/OS Universe, validation with
 * the worker took a median 1,850 ms against 1,647 ms without (5 interleaved runs each), and the
 * build 3,126 ms against 3,034 ms; on a 287 MiB universe the worker saves about 9%.
 */
const START_AFTER_BYTES = 64 * 1024 * 1024;

/** How long the main thread waits for a worker that makes no progress before doing the work itself. */
const STALL_MS = 60_000;

/** The main thread's side of the pool: the loader's observer while loading, then {@link finish}. */
export class TemplatePool implements LoadObserver {
  private readonly shared = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  private port: MessagePort | undefined;
  private worker: Worker | undefined;
  /** Input bytes loaded so far. */
  private loadedBytes = 0;
  /** Packages posted, by index. */
  private readonly posted: PackageDir[] = [];
  /** Bytes of each posted package, by index. */
  private readonly postedBytes: number[] = [];
  private backlogBytes = 0;
  /** Posted packages already taken off the backlog. */
  private forgotten = 0;
  private accepting = true;
  private current: { revisions: RevisionInput[]; bytes: number } = { revisions: [], bytes: 0 };
  private received = 0;
  readonly stats: PoolStats = { started: false, posted: 0, workerPackages: 0, adopted: 0, rejected: 0, mainPackages: 0 };

  /** A pool, unless `mode` rules one out; pass it to loadCatalog as its observer. */
  static start(limits: Limits, settings: RepositorySettings, keepRenders: boolean, mode: ThreadMode = 'auto'): TemplatePool | undefined {
    if (mode === 'off' || (mode === 'auto' && availableParallelism() < 2)) return undefined;
    return new TemplatePool(limits, settings, keepRenders, mode === 'force' ? 0 : START_AFTER_BYTES);
  }

  private constructor(
    private readonly limits: Limits,
    private readonly settings: RepositorySettings,
    private readonly keepRenders: boolean,
    /** Input bytes to load before the worker starts. */
    private readonly startAfter: number,
  ) {
    this.shared[HI] = 0x7fffffff;
  }

  private startWorker(): void {
    this.stats.started = true;
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput = { limits: this.limits, settings: this.settings, keepRenders: this.keepRenders, shared: this.shared.buffer as SharedArrayBuffer, port: port2 };
    try {
      this.worker = new Worker(new URL('./template-worker.js', import.meta.url), { workerData: input, transferList: [port2] });
    } catch (e) {
      port1.close();
      throw e;
    }
    this.port = port1;
    // Never keeps the process alive; a failure arrives as a message (see finish).
    this.worker.unref();
    this.worker.on('error', () => undefined);
  }

  fileDecoded(path: string, name: RevisionFileName, file: DecodedFile): void {
    if (!this.accepting || !INPUTS.has(name)) return;
    const dir = path.slice(0, path.length - name.length - 1);
    let rev = this.current.revisions[this.current.revisions.length - 1];
    if (rev?.dir !== dir) this.current.revisions.push((rev = { dir, files: [] }));
    rev.files.push({ name, path, file });
    if ('size' in file) this.current.bytes += file.size;
  }

  packageLoaded(pkg: PackageDir): void {
    const { revisions, bytes } = this.current;
    this.current = { revisions: [], bytes: 0 };
    if (!this.accepting) return;
    this.loadedBytes += bytes;
    if (this.worker === undefined) {
      // Small universes are analysed faster by one thread than a second one starts.
      if (this.loadedBytes < this.startAfter) return;
      try {
        this.startWorker();
      } catch (e) {
        // No thread to be had (resource limits): validate on this one.
        this.accepting = false;
        this.stats.error = `the template worker did not start: ${e instanceof Error ? e.message : String(e)}`;
        return;
      }
    }
    this.forgetAnalysed();
    // Past the backlog, this thread keeps the package (see finish) and hands over later ones
    // once the worker has caught up.
    if (this.backlogBytes + bytes > MAX_BACKLOG_BYTES) return;
    const index = this.posted.length;
    this.posted.push(pkg);
    this.postedBytes.push(bytes);
    this.backlogBytes += bytes;
    const m: ToWorker = { index, revisions };
    this.port!.postMessage(m);
    this.stats.posted++;
  }

  /** Packages the worker has analysed and posted so far. */
  workerPosted(): number {
    return Atomics.load(this.shared, POSTED);
  }

  /** Drops from the backlog what the worker has analysed (or skipped) since last time. */
  private forgetAnalysed(): void {
    const done = Math.min(Atomics.load(this.shared, LO), this.posted.length);
    while (this.forgotten < done) this.backlogBytes -= this.postedBytes[this.forgotten++]!;
  }

  /**
   * Analyses, on this thread, every package the worker has not claimed (those never posted,
   * then from the last posted back), takes the worker's results into `ctx.analysis`, and stops
   * the worker. Synchronous: the rules that read the analysis run right after.
   */
  finish(catalog: Catalog, ctx: RuleContext): PoolStats {
    const a = this.shared;
    this.accepting = false;
    // No worker (a small universe): the rules analyse as they go.
    if (!this.worker) return this.stats;
    lock(a);
    a[HI] = Math.min(a[HI]!, this.posted.length);
    unlock(a);
    const postedSet = new Set(this.posted);
    for (const pkg of catalog.packages) {
      if (postedSet.has(pkg)) continue;
      for (const rev of pkg.revisions) computeRevisionFacts(rev, ctx);
      this.stats.mainPackages++;
      this.drain(ctx.analysis);
    }
    for (;;) {
      lock(a);
      const i = a[HI]! > a[LO]! ? --a[HI]! : -1;
      unlock(a);
      if (i < 0) break;
      for (const rev of this.posted[i]!.revisions) computeRevisionFacts(rev, ctx);
      this.stats.mainPackages++;
      this.drain(ctx.analysis);
    }
    this.awaitWorker(a[LO]!, ctx.analysis);
    this.close();
    return this.stats;
  }

  /** Stops the worker without taking its results (when no rule needs them, or on failure). */
  close(): void {
    void this.worker?.terminate();
    this.port?.close();
  }

  /** Waits until the worker has posted the `claimed` packages it took, or failed, or stalled. */
  private awaitWorker(claimed: number, analysis: Analysis): void {
    const a = this.shared;
    let lastProgress = performance.now();
    while (this.received < claimed && this.stats.error === undefined) {
      if (this.drain(analysis)) {
        lastProgress = performance.now();
        continue;
      }
      if (Atomics.load(a, STATE) !== RUNNING) {
        this.drain(analysis);
        if (Atomics.load(a, STATE) === FAILED) this.stats.error ??= 'the template worker failed';
        break;
      }
      if (performance.now() - lastProgress > STALL_MS) {
        this.stats.error = `the template worker made no progress in ${STALL_MS / 1000} s`;
        break;
      }
      // A package is posted before it is counted, so a count above what was received means its
      // message is already queued: look again at once.
      const posted = Atomics.load(a, POSTED);
      if (posted <= this.received) Atomics.wait(a, POSTED, posted, 100);
    }
  }

  /** Takes every message waiting on the port; true when there was one. */
  private drain(analysis: Analysis): boolean {
    let any = false;
    if (!this.port) return false;
    for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) {
      any = true;
      const msg = m.message as FromWorker;
      if (msg.type === 'error') {
        this.stats.error = msg.message;
        continue;
      }
      this.received++;
      this.stats.workerPackages++;
      const pkg = this.posted[msg.index];
      for (const data of msg.revisions) {
        const rev = pkg?.revisions.find((r) => r.dir === data.dir);
        if (rev && adoptRevisionFacts(rev, analysis, data)) this.stats.adopted++;
        else this.stats.rejected++;
      }
    }
    return any;
  }
}
