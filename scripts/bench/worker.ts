/**
 * One measurement in a fresh process (so JIT warm-up, heap and peak RSS belong to it alone):
 * `node worker.js floor|validate|build DIR [OUT]`. Prints one JSON line.
 */
import * as path from 'node:path';
import { readAndParse } from './floor.js';
import { validateSnapshot } from '../lib/ops/validate.js';
import { buildArtifact } from '../lib/ops/build.js';
import { previousArtifacts, removePrevious } from '../lib/index/artifact-dir.js';
import { WorktreeSnapshot } from '../lib/snapshot/worktree.js';
import { threadMode } from '../cli/threads.js';

const [what, dir, out] = process.argv.slice(2);
const started = performance.now();
const result: Record<string, unknown> = { what };
/** When the measured work ended (a build's deletion of the replaced artifact is timed apart). */
let ended: number | undefined;
if (what === 'floor') {
  Object.assign(result, readAndParse(dir!));
} else {
  // Like `universe build`: a build keeps validation's renders for spec.json.
  const v = await validateSnapshot(new WorktreeSnapshot(dir!), undefined, { keepRenders: what === 'build', threads: threadMode() });
  if (v.threads) result.threads = v.threads;
  result.validateMs = performance.now() - started;
  result.errors = v.summary.errors;
  result.warnings = v.summary.warnings;
  result.revisions = v.summary.revisions;
  if (what === 'build') {
    // Like `universe build`: the replaced artifact is deleted after the build returns (the CLI
    // does it in the background); that deletion is timed separately.
    const b = await buildArtifact(v.catalog, v.analysis, { outDir: path.resolve(out!), repoDir: path.resolve(dir!), commit: null, gzip: true, keepPrevious: true });
    ended = performance.now();
    for (const d of previousArtifacts(path.resolve(out!))) removePrevious(d);
    result.removePreviousMs = performance.now() - ended;
    result.bytesWritten = b.bytes + (b.gzBytes ?? 0);
    result.files = b.files;
    result.phases = b.phases;
  }
}
result.ms = (ended ?? performance.now()) - started;
result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify(result) + '\n');
