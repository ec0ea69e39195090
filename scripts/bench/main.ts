/**
 * `npm run bench`: times validate and build on the sample corpus and on a synthetic universe of
 * 12,000+ revisions generated from it, each in a fresh process, beside the floor (reading and
 * JSON.parse-ing the same input files), then `universe check` with one changed package on both
 * committed to git, then the whole DC/OS Universe built by its own scripts and by ours (when its
 * Python modules are installed), and prints the ratios the targets are stated in. BENCH_RUNS sets
 * the runs per figure (default 3); BENCH_ONLY=validate, check, dcos, watch or faults runs one section.
 * The watch section times answers of `universe serve --watch` while it rebuilds (BENCH_SECONDS,
 * default 10, per sample). BENCH_FASTPATHS=1 (or a comma-separated list of fast paths) measures
 * each fast path on and off instead (see fastpaths.ts; BENCH_PAIRS pairs, default 5;
 * BENCH_FASTPATHS_WHAT=build times builds).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSynthetic } from './synth.js';
import { BenchFailure, benchCheck } from './check-bench.js';
import { benchDcos } from './dcos.js';
import { benchWatch } from './watch.js';
import { benchFaults } from './faults.js';
import { benchFastPaths } from './fastpaths.js';
import { CommandFailed, measure, median, mib, uniqueBytes, writeFloor, x } from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '../../..');
const corpus = path.resolve(project, '../shared/corpus/universe-sample');
const dcosCorpus = path.resolve(project, '../shared/corpus/dcos-universe');
const work = path.join(os.tmpdir(), 'universe-bench');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const only = process.env.BENCH_ONLY;
const cli = path.join(project, 'dist/scripts/cli/main.js');

function cliWall(dir: string): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [cli, 'validate', '--repo', dir, '--format', 'json'], { stdio: 'ignore' });
    xs.push(performance.now() - t);
  }
  return median(xs);
}

function bench(label: string, dir: string): string[] {
  const out = path.join(work, `out-${label}`);
  const floor = measure(runs, 'floor', dir);
  const validate = measure(runs, 'validate', dir);
  const build = measure(runs, 'build', dir, out);
  const wall = cliWall(dir);
  const written = uniqueBytes(out);
  const wfloor = writeFloor(work, written.bytes);
  const input = floor.bytes ?? 0;
  const ok = (cond: boolean): string => (cond ? 'ok' : 'OVER');
  return [
    `## ${label}: ${dir}`,
    `input: ${mib(input)} in the floor's files; ${validate.errors ?? '?'} validation errors`,
    `floor    (read + JSON.parse)   ${floor.ms.toFixed(0).padStart(7)} ms   peak RSS ${mib(floor.maxRssBytes)}`,
    `validate (in a fresh process)  ${validate.ms.toFixed(0).padStart(7)} ms   ${x(validate.ms, floor.ms)} floor (target ≤ 3×: ${ok(validate.ms <= 3 * floor.ms)})   peak RSS ${mib(validate.maxRssBytes)}`,
    `validate (CLI wall, with node start-up) ${wall.toFixed(0)} ms`,
    `build    (validate + write)    ${build.ms.toFixed(0).padStart(7)} ms   ${x(build.ms, floor.ms)} floor (target ≤ 5×: ${ok(build.ms <= 5 * floor.ms)})   peak RSS ${mib(build.maxRssBytes)} = ${x(build.maxRssBytes, input)} input (target < 4×: ${ok(build.maxRssBytes < 4 * input)})`,
    `build phases (ms): ${Object.entries(build.phases ?? {}).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`,
    `deleting the replaced artifact: ${Math.round(build.removePreviousMs ?? 0)} ms more (not in the build figure: universe build deletes it in the background after returning)`,
    `artifact: ${written.files} files, ${written.inodes} distinct (the rest hard links), ${mib(written.bytes)} on disk; ${mib(build.bytesWritten ?? 0)} counting links`,
    `write floor (writing ${mib(written.bytes)} with no other work, like dd): ${wfloor.toFixed(0)} ms = ${x(wfloor, floor.ms)} the read floor`,
    '',
  ];
}

const wants = (section: string): boolean => only === undefined || only === section;
fs.mkdirSync(work, { recursive: true });
const fastPaths = process.env.BENCH_FASTPATHS;
if (fastPaths) {
  const synthDir = path.join(work, 'synthetic');
  const synth = generateSynthetic(corpus, synthDir, 12000);
  const pairs = Number(process.env.BENCH_PAIRS ?? 5);
  const what = process.env.BENCH_FASTPATHS_WHAT === 'build' ? 'build' : 'validate';
  const universes = [
    { label: 'DC/OS Universe (1,235 rev)', slug: 'dcos', dir: path.join(dcosCorpus, 'repo') },
    { label: `synthetic (${synth.revisions.toLocaleString('en-US')} rev)`, slug: 'synthetic', dir: synthDir },
  ].filter((u) => process.env.BENCH_UNIVERSE === undefined || u.label.startsWith(process.env.BENCH_UNIVERSE));
  for (const u of universes) {
    if (!fs.existsSync(path.join(u.dir, 'packages'))) {
      process.stderr.write(`bench: ${u.dir} not found; the fast-path mode needs ../shared/corpus beside the project\n`);
      process.exit(2);
    }
  }
  const rows = fastPaths === '1' ? undefined : fastPaths.split(',');
  process.stdout.write(`# universe bench, fast paths (node ${process.version}, ${os.cpus().length} cores)\n\n`);
  process.stdout.write(benchFastPaths({ universes, pairs, what, out: work, ...(rows ? { only: rows } : {}) }).join('\n') + '\n');
  process.exit(0);
}
process.stdout.write(`# universe bench (node ${process.version}, ${os.cpus().length} cores, median of ${runs} runs, each in a fresh process)\n`);
if (wants('validate') || wants('check')) {
  if (!fs.existsSync(path.join(corpus, 'packages'))) {
    process.stderr.write(`bench: ${corpus} not found; the benchmark needs ../shared/corpus beside the project\n`);
    process.exit(2);
  }
  const synthDir = path.join(work, 'synthetic');
  const t = performance.now();
  const synth = generateSynthetic(corpus, synthDir, 12000);
  process.stdout.write(`synthetic universe: ${synth.revisions} revisions (${synth.copies} renamed copies of the corpus), ready in ${Math.round(performance.now() - t)} ms\n\n`);
  if (wants('validate')) process.stdout.write([...bench('corpus', corpus), ...bench('synthetic', synthDir)].join('\n') + '\n');
  if (wants('check')) {
    // The same package on both sides (kibana: 19 revisions, packaging 4.0, a config schema), so the
    // ratio compares repository sizes, not packages; in the synthetic universe a middle copy.
    const universes = [
      { label: 'corpus', source: corpus, changePackage: 'kibana' },
      { label: 'synthetic', source: synthDir, changePackage: `kibana-s${Math.floor(synth.copies / 2)}` },
    ];
    try {
      process.stdout.write((await benchCheck({ project, work, runs, universes })).join('\n') + '\n');
    } catch (e) {
      if (!(e instanceof BenchFailure)) throw e;
      process.stderr.write(`bench: ${e.message}\n`);
      process.exit(2);
    }
  }
}
if (wants('dcos')) {
  try {
    process.stdout.write('\n' + benchDcos({ corpus: dcosCorpus, work, runs, cli }).join('\n') + '\n');
  } catch (e) {
    if (!(e instanceof CommandFailed)) throw e;
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(2);
  }
}
if (wants('watch')) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  process.stdout.write('\n' + (await benchWatch({ corpus, work, cli, seconds, connections: 8 })).join('\n') + '\n');
}
if (wants('faults')) {
  process.stdout.write('\n' + (await benchFaults({ corpus, work, cli, kills: 20, slowClients: 3000 })).join('\n') + '\n');
}
