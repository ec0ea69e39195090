/**
 * One measurement in a fresh process (so JIT warm-up, heap and peak RSS belong to it alone):
 * `node worker.js floor|validate|build DIR [OUT]`. Prints one JSON line.
 */
import * as path from 'node:path';
import { readAndParse } from './floor.js';
import { validateSnapshot } from '../lib/ops/validate.js';
import { buildArtifact } from '../lib/ops/build.js';
import { WorktreeSnapshot } from '../lib/snapshot/worktree.js';
import { threadMode } from '../cli/threads.js';

const [what, dir, out] = process.argv.slice(2);
const started = performance.now();
const result: Record<string, unknown> = { what };
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
    const b = await buildArtifact(v.catalog, v.analysis, { outDir: path.resolve(out!), repoDir: path.resolve(dir!), commit: null, gzip: true });
    result.bytesWritten = b.bytes + (b.gzBytes ?? 0);
    result.files = b.files;
    result.phases = b.phases;
  }
}
result.ms = performance.now() - started;
result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify(result) + '\n');
