/**
 * The one interface every output of the build implements. The build (ops/build.ts) serializes
 * each package once and hands it to every emitter in turn; an emitter writes what it can from it
 * at once (through the ArtifactWriter, so every file is hashed and listed in the manifest) and
 * may ask for regions of a buffer to be compressed on the worker pool, for its .gz files. When
 * all packages are in, each emitter's `finish` writes what needs the whole universe.
 *
 * A new output is one new emitter registered in the build's list; the build loop does not change.
 */
import type { RepositorySettings } from '../policy/settings.js';
import type { WorkItem } from './compress-job.js';
import { toSegments, type CompressPool } from './compress-pool.js';
import type { Segment } from './gzip.js';
import type { PlannedPackage } from './plan.js';
import type { SerializedPackage } from './serialize.js';

/** What a package hands to the compression step, and how to finish once it is done. */
export interface PackageWork {
  /**
   * The buffer the items are regions of: the package's serialized buffer (`serialized.buf`,
   * shared by every emitter) or one of the emitter's own that owns its memory. It is transferred
   * to a worker: once returned, neither the emitter nor anyone else may read it again.
   */
  buf: Buffer;
  /**
   * Regions to compress, in order. Items of one emitter are compressed together; one whose
   * `link` is set continues a chain of that same emitter's earlier items, so the first item of
   * each chain never has `link` (other emitters' items may share the job and the chain number).
   */
  items: WorkItem[];
  /**
   * Writes the .gz outputs from the items' segments (one per item, in item order). Called in
   * package order, only when the build writes .gz files.
   */
  finish(segments: readonly Segment[]): void;
}

/** What every emitter's `finish` may need. */
export interface FinishContext {
  /** The repository's settings (`repository.json`, defaults filled in). */
  settings: RepositorySettings;
  /** The commit the artifact is built from. */
  commit: string | null;
}

/** One output of the build. */
export interface Emitter {
  /**
   * Phase of the build's timings (BuildReport.phases) that the emitter's own per-package work
   * counts in, writing and hashing left out (those are `write` and `hash`). Undefined: not timed
   * apart.
   */
  readonly packagePhase?: string;
  /** Phase that `finish` counts in, writing included; default `finish`. */
  readonly finishPhase?: string;
  /**
   * Takes one package, in name order, and writes its files. Returns what to compress for the
   * package's .gz files, or undefined when there is nothing. Absent: the emitter only finishes.
   */
  addPackage?(pkg: PlannedPackage, serialized: SerializedPackage): PackageWork | undefined;
  /** Writes what needs every package (called once, in registration order, after every package's work is finished). */
  finish(ctx: FinishContext): void;
}

/** The compression of one package's works: submitted at once, finished later and in order. */
export interface PackageJobs {
  /** Bytes handed to the workers (what stays in flight until {@link PackageJobs.finish}). */
  bytes: number;
  /**
   * Waits for the compression, hands each work its own segments and calls its `finish`, in the
   * works' order. Resolves to the workers' milliseconds.
   */
  finish(): Promise<number>;
}

/** Works compressed in one job: those sharing a buffer, their items concatenated. */
interface Job {
  buf: Buffer;
  items: WorkItem[];
  /** Per work: where its segments start among the job's, and how many. */
  parts: Array<{ work: number; start: number; count: number }>;
}

/**
 * Submits a package's works to the pool: one job per distinct buffer (a buffer is transferred
 * once; the works over the package's serialized buffer share one job), none for a buffer without
 * items. Only the works' `finish` is kept, not their buffers.
 */
export function submitWorks(pool: CompressPool, works: readonly PackageWork[]): PackageJobs {
  let bytes = 0;
  // Only the parts and results are kept: the buffers are the workers' now (or garbage).
  const submitted = groupJobs(works).map((j) => {
    if (j.items.length === 0) return { parts: j.parts, result: undefined };
    bytes += j.buf.length;
    return { parts: j.parts, result: pool.submit(j.buf, j.items) };
  });
  const finishes = works.map((w) => w.finish.bind(w));
  return {
    bytes,
    finish: async () => {
      let ms = 0;
      const segments: Array<readonly Segment[]> = finishes.map(() => []);
      for (const s of submitted) {
        if (!s.result) continue;
        const r = await s.result;
        ms += r.ms;
        const segs = toSegments(r);
        for (const p of s.parts) segments[p.work] = segs.slice(p.start, p.start + p.count);
      }
      finishes.forEach((f, i) => f(segments[i]!));
      return ms;
    },
  };
}

/** Groups works by buffer, in order of first use; each work's items follow the previous work's. */
function groupJobs(works: readonly PackageWork[]): Job[] {
  const jobs: Job[] = [];
  works.forEach((w, i) => {
    checkChains(w.items);
    let job = jobs.find((j) => j.buf.buffer === w.buf.buffer);
    if (!job) {
      job = { buf: w.buf, items: [], parts: [] };
      jobs.push(job);
    }
    job.parts.push({ work: i, start: job.items.length, count: w.items.length });
    for (const item of w.items) job.items.push(item);
  });
  return jobs;
}

/** Refuses items whose first use of a chain continues it: it would continue another emitter's. */
function checkChains(items: readonly WorkItem[]): void {
  let seen = 0;
  for (const item of items) {
    if (item.kind === 'gzip') continue;
    const bit = 1 << (item.chain ?? 0);
    if (item.link && !(seen & bit)) throw new Error(`internal error: a compression item continues chain ${item.chain ?? 0} before it starts`);
    seen |= bit;
  }
}
