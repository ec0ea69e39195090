/**
 * The output formats through the real compiled CLI: validate prints every format check prints
 * (SARIF 2.1.0 and a markdown summary too), from the one reporter registry, and the same
 * diagnostics give the same SARIF whichever command found them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, writeTree } from '../helpers/cli.js';
import { TestRepo } from '../helpers/git.js';
import { revisionFiles } from '../helpers/repo.js';
import { widget } from '../rules/breaking/fixture.js';

/** Parsed SARIF, navigated freely: the assertions check the shape. */
type Json = Record<string, any>;

/** A universe with one error: alpha's package.json names itself beta (line 3 of the file). */
const MISNAMED = revisionFiles('alpha', 0, { packageJson: { name: 'beta' } });
const FILE = 'packages/A/alpha/0/package.json';

test('validate --format sarif: SARIF 2.1.0 with the rule id, level and file/line/column of each finding', async (t) => {
  const dir = writeTree(MISNAMED);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Outside a git checkout, paths are named from the current folder.
  const r = await runCli(['validate', '--repo', '.', '--format', 'sarif'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout) as Json;
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'universe');
  assert.ok(run.tool.driver.rules.some((x: Json) => x.id === 'breaking/revision-changed'), 'the driver lists every rule, breaking ones too');
  const hit = run.results.find((x: Json) => x.ruleId === 'package-name-matches-folder');
  assert.ok(hit, JSON.stringify(run.results));
  assert.equal(hit.level, 'error');
  assert.equal(run.tool.driver.rules[hit.ruleIndex].id, hit.ruleId);
  assert.equal(typeof hit.message.text, 'string');
  assert.deepEqual(hit.locations, [{ physicalLocation: { artifactLocation: { uri: FILE }, region: { startLine: 3, startColumn: 3 } } }]);
});

test('validate --format markdown: a pull-request summary with the verdict and a row per finding', async (t) => {
  const dir = writeTree(MISNAMED);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const r = await runCli(['validate', '--repo', '.', '--format', 'markdown'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], '### Universe validation');
  assert.equal(lines[2], '❌ **1 error**, 0 warnings in 1 package, 1 revision');
  assert.ok(lines.includes('#### Errors (1)'), r.stdout);
  assert.ok(lines.some((l) => l.startsWith(`| ❌ | \`${FILE}\`:3 | \`package-name-matches-folder\` | `)), r.stdout);
  assert.doesNotMatch(r.stdout, /changed package|Overrides/, 'no check sections in a validation');
  // A clean universe says so in one line.
  const clean = writeTree(revisionFiles('alpha', 0));
  t.after(() => fs.rmSync(clean, { recursive: true, force: true }));
  const ok = await runCli(['validate', '--repo', clean, '--format', 'markdown']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^✅ 0 errors, 0 warnings in 1 package, 1 revision$/m);
});

test('validate --strict applies to every format: warnings are exit 1 in sarif and markdown too', async (t) => {
  const dir = writeTree({ ...revisionFiles('alpha', 0), 'packages/A/alpha/0/NOTES.txt': 'stray' });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const format of ['sarif', 'markdown']) {
    assert.equal((await runCli(['validate', '--repo', dir, '--format', format])).code, 0, format);
    assert.equal((await runCli(['validate', '--repo', dir, '--format', format, '--strict'])).code, 1, format);
  }
});

test('check and validate print the same SARIF for the same diagnostics, paths from the top of the checkout', async (t) => {
  // widget is published on main; the working tree adds alpha with its error.
  const repo = await TestRepo.create({ ...widget(0), ...widget(1) });
  t.after(() => repo.remove());
  repo.write(MISNAMED);
  const checked = await runCli(['check', '--repo', 'repo', '--base', 'main', '--format', 'sarif'], { cwd: repo.dir });
  // --policy new judges every revision as check judges what a change adds.
  const validated = await runCli(['validate', '--repo', 'repo', '--policy', 'new', '--format', 'sarif'], { cwd: repo.dir });
  assert.equal(checked.code, 1, checked.stderr);
  assert.equal(validated.code, 1, validated.stderr);
  const results = (JSON.parse(validated.stdout) as Json).runs[0].results as Json[];
  assert.deepEqual(
    results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri]),
    [['package-name-matches-folder', `repo/${FILE}`]],
  );
  assert.equal(checked.stdout, validated.stdout);
  // From inside the universe folder, validate still names files from the checkout's top.
  const inside = await runCli(['validate', '--policy', 'new', '--format', 'sarif'], { cwd: path.join(repo.dir, 'repo/packages') });
  assert.equal(inside.stdout, validated.stdout);
});
