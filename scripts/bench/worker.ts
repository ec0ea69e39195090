/**
 * One measurement in a fresh process (so JIT warm-up, heap and peak RSS belong to it alone):
 * `node worker.js floor|validate|build DIR [OUT]`. Prints one JSON line. `BENCH_SLOW` names
 * fast paths to turn off (comma-separated, see ops/fast-paths.ts).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { readAndParse } from './floor.js';
import { validateSnapshot } from '../lib/ops/validate.js';
import { buildArtifact } from '../lib/ops/build.js';
import { previousArtifacts, removePrevious } from '../lib/index/artifact-dir.js';
import { WorktreeSnapshot } from '../lib/snapshot/worktree.js';
import { FAST_PATHS, setFastPaths, type FastPaths } from '../lib/ops/fast-paths.js';

const slow = (process.env.BENCH_SLOW ?? '').split(',').filter((s) => s !== '');
for (const name of slow) {
  if (!(FAST_PATHS as readonly string[]).includes(name)) throw new Error(`BENCH_SLOW: unknown fast path '${name}' (known: ${FAST_PATHS.join(', ')})`);
}
setFastPaths(Object.fromEntries(slow.map((name) => [name, false])) as Partial<FastPaths>);

const [what, dir, out] = process.argv.slice(2);
const started = performance.now();
const result: Record<string, unknown> = { what };
/** When the measured work ended (a build's deletion of the replaced artifact is timed apart). */
let ended: number | undefined;
/** The diagnostics, digested after the clock stops. */
let diagnostics: unknown;
let endCpu: NodeJS.CpuUsage | undefined;
if (what === 'floor') {
  Object.assign(result, readAndParse(dir!));
} else {
  // Like `universe build`: a build keeps validation's renders for spec.json.
  const v = await validateSnapshot(new WorktreeSnapshot(dir!), undefined, { keepRenders: what === 'build' });
  result.validateMs = performance.now() - started;
  result.errors = v.summary.errors;
  result.warnings = v.summary.warnings;
  diagnostics = v.diagnostics;
  result.revisions = v.summary.revisions;
  if (what === 'build') {
    // Like `universe build`: the replaced artifact is deleted after the build returns (the CLI
    // does it in the background); that deletion is timed separately.
    const b = await buildArtifact(v.catalog, v.analysis, { outDir: path.resolve(out!), repoDir: path.resolve(dir!), commit: null, gzip: true, keepPrevious: true });
    ended = performance.now();
    endCpu = process.cpuUsage();
    for (const d of previousArtifacts(path.resolve(out!))) removePrevious(d);
    result.removePreviousMs = performance.now() - ended;
    result.bytesWritten = b.bytes + (b.gzBytes ?? 0);
    result.files = b.files;
    result.phases = b.phases;
  }
}
result.ms = (ended ?? performance.now()) - started;
const cpu = endCpu ?? process.cpuUsage();
result.cpuMs = (cpu.user + cpu.system) / 1000;
result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
if (diagnostics !== undefined) result.digest = createHash('sha256').update(JSON.stringify(diagnostics)).digest('hex').slice(0, 16);
process.stdout.write(JSON.stringify(result) + '\n');
