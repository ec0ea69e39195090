/**
 * The `dcos` section of `npm run bench`: the whole DC/OS Universe (../shared/corpus/dcos-universe),
 * built by the DC/OS Universe's own scripts and by ours, side by side, each run a fresh process.
 * Like is compared with like: their pair (validate_packages.py, then gen_universe.py) with our
 * `universe build`, which validates and then builds. Beside it the floors: reading and
 * JSON.parse-ing every input file, and writing our artifact's bytes with no other work.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findDcosPython } from './python.js';
import { measure, median, mib, uniqueBytes, wall, writeFloor, writeTreeFloor, x } from './measure.js';

/** What the section needs to know about its surroundings. */
export interface DcosBenchOptions {
  /** The DC/OS Universe checkout: repo/packages, repo/meta/schema, scripts/*.py. */
  corpus: string;
  work: string;
  runs: number;
  /** The compiled CLI. */
  cli: string;
}

/** The section's report lines, or one line saying why it is skipped. */
export function benchDcos(o: DcosBenchOptions): string[] {
  const repo = path.join(o.corpus, 'repo');
  const scripts = path.join(o.corpus, 'scripts');
  if (!fs.existsSync(path.join(repo, 'packages')) || !fs.existsSync(path.join(scripts, 'gen_universe.py'))) {
    return [`## dcos: skipped, ${o.corpus} (the whole DC/OS Universe with its scripts) not found`, ''];
  }
  const { python, reason } = findDcosPython();
  if (!python) return [`## dcos: skipped, the DC/OS Universe's scripts cannot run: ${reason}`, ''];

  const genOut = path.join(o.work, 'dcos-gen-universe');
  const ourOut = path.join(o.work, 'out-dcos', 'target');
  const emptyGenOut = (): void => {
    fs.rmSync(genOut, { recursive: true, force: true });
    fs.mkdirSync(genOut, { recursive: true });
  };
  // Their pair, as their CI runs it: from the checkout's root, into an empty folder.
  const validatePy = wall(o.runs, python, [path.join(scripts, 'validate_packages.py')], { cwd: o.corpus });
  const genPy = wall(o.runs, python, [path.join(scripts, 'gen_universe.py'), '--repository=repo/packages', `--out-dir=${genOut}`], {
    cwd: o.corpus,
    prepare: emptyGenOut,
  });
  const theirFiles = uniqueBytes(genOut);
  // Ours through the compiled CLI; build into a fresh folder (no replaced artifact to delete).
  const validate = wall(o.runs, process.execPath, [o.cli, 'validate', '--repo', repo, '--format', 'json'], { ok: [0] });
  const build = wall(o.runs, process.execPath, [o.cli, 'build', '--repo', repo, '--out', ourOut], { prepare: () => fs.rmSync(path.dirname(ourOut), { recursive: true, force: true }) });
  const floor = measure(o.runs, 'floor', repo);
  const written = uniqueBytes(ourOut);
  const repeat = (f: () => number): number => median(Array.from({ length: o.runs }, f));
  const ddFloor = repeat(() => writeFloor(o.work, written.bytes));
  const wfloor = repeat(() => writeTreeFloor(o.work, ourOut));
  // Both outputs together are about 700 MiB: nothing later needs them.
  fs.rmSync(genOut, { recursive: true, force: true });
  fs.rmSync(path.dirname(ourOut), { recursive: true, force: true });
  const pair = validatePy + genPy;
  const floors = floor.ms + wfloor;
  const ok = (cond: boolean): string => (cond ? 'ok' : 'NOT MET');
  const ms = (n: number): string => `${Math.round(n).toLocaleString('en-US').padStart(7)} ms`;
  return [
    `## dcos: the whole DC/OS Universe, ${repo}`,
    `input: ${mib(floor.bytes ?? 0)} in the floor's files; wall times of fresh processes, median of ${o.runs}`,
    `DC/OS validate_packages.py       ${ms(validatePy)}`,
    `DC/OS gen_universe.py            ${ms(genPy)}   writes ${theirFiles.files} files, ${mib(theirFiles.bytes)}`,
    `DC/OS pair (validate + generate) ${ms(pair)}`,
    `universe validate (CLI)          ${ms(validate)}`,
    `universe build (CLI: validate + build) ${ms(build).trimStart()}   writes ${written.files} files, ${written.inodes} distinct, ${mib(written.bytes)} (the DC/OS outputs plus the native index, static API, catalogue and .gz siblings)`,
    `read floor (read + JSON.parse)   ${ms(floor.ms)}   (in-process, no node start-up)`,
    `write floor (the same ${written.files} files, ${written.inodes} distinct, in the same folders) ${ms(wfloor).trimStart()}`,
    `  of which the bytes alone (${mib(written.bytes)} into one file, like dd) ${ms(ddFloor).trimStart()}`,
    `build ÷ (read floor + write floor) = ${x(build, floors)} (target ≤ 2×: ${ok(build <= 2 * floors)})`,
    `DC/OS pair ÷ universe build (both validate, then build) = ${x(pair, build)} (target ≥ 10×: ${ok(pair >= 10 * build)})`,
    '',
  ];
}
