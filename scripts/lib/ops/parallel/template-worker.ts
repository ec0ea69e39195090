/**
 * The worker side of the template pool (see template-pool.ts): takes the packages the main
 * thread posts, in order, while the main thread has not claimed them, parses their files with
 * the catalog loader's own function, and posts their template analysis. It runs
 * until the main thread terminates it.
 */
import { workerData } from 'node:worker_threads';
import { loadedFromDecoded } from '../../catalog/load.js';
import type { Catalog, Revision } from '../../catalog/types.js';
import { Analysis } from '../../rules/analysis.js';
import { computeRevisionFacts } from '../../rules/shared/template-transfer.js';
import { MemorySnapshot } from '../../snapshot/memory.js';
import { FAILED, HI, LO, POSTED, STATE, lock, unlock, type FromWorker, type ToWorker, type WorkerInput } from './protocol.js';

const input = workerData as WorkerInput;
const shared = new Int32Array(input.shared);
const post = (m: FromWorker): void => input.port.postMessage(m);
const catalog: Catalog = { snapshot: new MemorySnapshot({}), limits: input.limits, hasPackagesDir: true, packagesEntries: [], letters: [], packages: [], filesRead: 0 };

function fail(e: unknown): void {
  post({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  Atomics.store(shared, STATE, FAILED);
  Atomics.notify(shared, POSTED);
  input.port.close();
}

function analyse(m: ToWorker): void {
  lock(shared);
  const mine = m.index === shared[LO] && m.index < shared[HI]!;
  if (mine) shared[LO]!++;
  unlock(shared);
  if (!mine) return;
  // A fresh analysis per package: its memos are posted, not kept.
  const ctx = { catalog, settings: input.settings, analysis: new Analysis(catalog, input.settings, { keepRenders: input.keepRenders }) };
  const revisions = m.revisions.map((r) => {
    const rev: Revision = { packageName: '', dir: r.dir, folder: '', number: undefined, entries: [], files: {} };
    for (const f of r.files) rev.files[f.name] = loadedFromDecoded(f.path, f.file, input.limits);
    return computeRevisionFacts(rev, ctx);
  });
  post({ type: 'facts', index: m.index, revisions });
  Atomics.add(shared, POSTED, 1);
  Atomics.notify(shared, POSTED);
}

input.port.on('message', (m: ToWorker) => {
  try {
    analyse(m);
  } catch (e) {
    fail(e);
  }
});
