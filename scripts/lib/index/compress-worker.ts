/**
 * Worker thread entry: runs compression jobs (compress-job.ts) as they arrive, independently of
 * the main thread's event loop, and transfers each result buffer back.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type WorkJob } from './compress-job.js';

parentPort?.on('message', (job: WorkJob) => {
  try {
    const result = runJob(job);
    parentPort!.postMessage({ ok: true, result }, [result.buffer]);
  } catch (e) {
    parentPort!.postMessage({ ok: false, id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
