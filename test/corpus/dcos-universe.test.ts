/**
 * The whole DC/OS Universe is the reference: it validates under the default policy without an
 * error, `universe build` builds it, and every file the DC/OS Universe's own build
 * (scripts/gen_universe.py) writes equals ours under target/dcos/ — `.content_type` byte for
 * byte, JSON as values with package order ignored, the per-version package slices included.
 * The corpus is ../shared/corpus/dcos-universe or UNIVERSE_DCOS_CORPUS (a mesosphere/universe
 * checkout); without it the tests skip. Without a Python that has jsonschema and pystache the
 * comparison skips, except where CI is set: there it fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { DCOS_CORPUS_DIR, dcosCorpusMissing } from '../helpers/paths.js';
import { tempDir } from '../build/helpers.js';
import { firstDcosDifference, pythonOrSkip, runGenUniverse } from './dcos-helpers.js';

const REPO = path.join(DCOS_CORPUS_DIR, 'repo');
const CLI_TIMEOUT_MS = 600_000;

interface Report {
  diagnostics: Array<{ code: string; severity: string; file: string; message: string }>;
  summary: { errors: number; warnings: number; packages: number; revisions: number };
}

/** Revision folders on disk: packages/<L>/<name>/<revision>. */
function countRevisions(): { packages: number; revisions: number } {
  let packages = 0;
  let revisions = 0;
  const root = path.join(REPO, 'packages');
  for (const letter of fs.readdirSync(root)) {
    for (const name of fs.readdirSync(path.join(root, letter))) {
      packages++;
      revisions += fs.readdirSync(path.join(root, letter, name)).length;
    }
  }
  return { packages, revisions };
}

let ours: Promise<{ validate: CliResult; build: CliResult; out: string }> | undefined;
/** Our validate, then `universe build` (which validates again, then writes), once per file. */
function runOurs(): Promise<{ validate: CliResult; build: CliResult; out: string }> {
  ours ??= (async () => {
    const validate = await runCli(['validate', '--repo', REPO, '--format', 'json'], { timeoutMs: CLI_TIMEOUT_MS });
    const out = path.join(tempDir('universe-dcos-'), 'target');
    const build = await runCli(['build', '--repo', REPO, '--out', out], { timeoutMs: CLI_TIMEOUT_MS });
    return { validate, build, out };
  })();
  return ours;
}

let theirs: Promise<string> | undefined;
/** gen_universe.py on the corpus, once per file (about 30 s), into a temporary folder. */
function runTheirs(py: string): Promise<string> {
  theirs ??= (async () => {
    const out = path.join(tempDir('universe-gen-'), 'dcos');
    const script = path.join(DCOS_CORPUS_DIR, 'scripts', 'gen_universe.py');
    await runGenUniverse(py, script, path.join(REPO, 'packages'), out, path.join(REPO, 'meta', 'schema'));
    return out;
  })();
  return theirs;
}

// Start the DC/OS build at once: it runs while ours validates and builds.
const missing = dcosCorpusMissing();
const py = pythonOrSkip();
if (!missing && 'python' in py) void runTheirs(py.python).catch(() => undefined);

test('dcos-universe: validate exits 0 with no error under the default policy', async (t) => {
  if (missing && 'skip' in missing) return void t.skip(missing.skip);
  assert.ok(!missing, missing && 'fail' in missing ? missing.fail : '');
  assert.ok(!fs.existsSync(path.join(REPO, 'repository.json')), 'the corpus has no repository.json: the default policy applies');
  const { validate } = await runOurs();
  assert.equal(validate.timedOut, false);
  const report = JSON.parse(validate.stdout) as Report;
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.slice(0, 5).map((d) => `${d.file}: ${d.code}: ${d.message}`), [], `${errors.length} errors`);
  assert.equal(validate.code, 0, validate.stderr);
  const { packages, revisions } = report.summary;
  assert.deepEqual({ packages, revisions }, countRevisions(), 'every package and revision on disk was validated');
});

test('dcos-universe: universe build validates and writes the artifact', async (t) => {
  if (missing && 'skip' in missing) return void t.skip(missing.skip);
  assert.ok(!missing, missing && 'fail' in missing ? missing.fail : '');
  const { build, out } = await runOurs();
  assert.equal(build.code, 0, `${build.stdout}\n${build.stderr}`);
  assert.match(build.stdout + build.stderr, /0 errors/);
  for (const f of ['index.json', 'manifest.json', 'dcos/universe.json', 'dcos/repo-up-to-2.0.json']) assert.ok(fs.existsSync(path.join(out, f)), f);
});

test('dcos-universe: every file gen_universe.py writes equals ours under target/dcos/', async (t) => {
  if (missing && 'skip' in missing) return void t.skip(missing.skip);
  assert.ok(!missing, missing && 'fail' in missing ? missing.fail : '');
  if ('skip' in py) return void t.skip(py.skip);
  assert.ok('python' in py, 'fail' in py ? py.fail : '');
  const [{ build, out }, theirsDir] = await Promise.all([runOurs(), runTheirs(py.python)]);
  assert.equal(build.code, 0, build.stderr);
  // 1 + 7 repository files, their content types, universe.json and its type, 7 folders of slices.
  assert.ok(fs.readdirSync(theirsDir).length >= 22, 'gen_universe.py wrote its files');
  assert.equal(firstDcosDifference(path.join(out, 'dcos'), theirsDir), undefined);
});
