/**
 * Compression on worker threads. The main thread serializes and writes JSON while workers deflate
 * the packages already written; each worker runs its own event loop, so it never waits for the
 * busy main thread (zlib's async API does: every job needs main-thread callbacks).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runJob, type WorkItem, type WorkOutput, type WorkResult } from './compress-job.js';
import type { Segment } from './gzip.js';

/** Workers used by default: one per core beside the main thread, at least one, at most four. */
function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

type Reply = { ok: true; result: WorkResult } | { ok: false; id: number; error: string };

interface Pending {
  resolve: (r: WorkResult) => void;
  reject: (e: Error) => void;
}

/** A job's outputs as segments (data are views into one result buffer). */
export function toSegments(result: WorkResult): Segment[] {
  const buf = Buffer.from(result.buffer);
  return result.outputs.map((o: WorkOutput) => ({ data: buf.subarray(o.offset, o.offset + o.length), crc: o.crc, size: o.size, op: o.op }));
}

/** Dispatches package jobs to worker threads (or runs them inline with `workers: 0`). */
export class CompressPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(
    readonly level: number,
    workers: number = defaultWorkers(),
  ) {
    for (let i = 0; i < workers; i++) {
      const w = new Worker(new URL('./compress-worker.js', import.meta.url));
      w.on('message', (reply: Reply) => this.settle(reply));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a compression worker stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  /**
   * Compresses regions of `buffer` (which must own its whole ArrayBuffer: it is transferred, and
   * unusable here afterwards). Jobs go to the workers in turn.
   */
  submit(buffer: Buffer, items: WorkItem[]): Promise<WorkResult> {
    const id = this.nextId++;
    const ab = buffer.buffer as ArrayBuffer;
    if (buffer.byteOffset !== 0 || buffer.byteLength !== ab.byteLength) throw new Error('internal error: a job buffer must own its memory');
    const job = { id, level: this.level, buffer: ab, items };
    if (this.workers.length === 0) {
      try {
        return Promise.resolve(runJob(job));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    if (this.failure) return Promise.reject(this.failure);
    const p = new Promise<WorkResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    // Awaited later, in order; if the build stops first, a failure must not be an unhandled rejection.
    p.catch(() => undefined);
    this.workers[id % this.workers.length]!.postMessage(job, [ab]);
    return p;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const ws = this.workers.splice(0);
    await Promise.all(ws.map((w) => w.terminate()));
  }

  private settle(reply: Reply): void {
    const id = reply.ok ? reply.result.id : reply.id;
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (reply.ok) p.resolve(reply.result);
    else p.reject(new Error(`compression failed: ${reply.error}`));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
