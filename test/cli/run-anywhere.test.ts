/**
 * Commands find the universe from wherever they run, as git finds its repository, and
 * `universe validate PATH` validates and reports one package, revision or file.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, writeTree } from '../helpers/cli.js';
import { TestRepo } from '../helpers/git.js';
import { revisionFiles } from '../helpers/repo.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';

/** A project checkout: repo/ with alpha (clean) and beta (revision 1 has a schema error), `extra` files (paths in repo/), and a scripts/ folder. */
function project(t: TestContext, extra: Record<string, MemoryFile> = {}): string {
  const files: Record<string, MemoryFile> = {
    ...revisionFiles('alpha', 0),
    ...revisionFiles('beta', 0),
    ...revisionFiles('beta', 1, { packageJson: { tags: 'not-an-array' } }),
    ...extra,
  };
  const dir = writeTree({ ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`repo/${k}`, v])), 'scripts/README.md': 'x' });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface JsonOut {
  diagnostics: Array<{ code: string; file: string }>;
  summary: { errors: number; warnings: number; packages: number; revisions: number };
}

async function validateJson(cwd: string, args: string[] = []): Promise<{ code: number | null; out: JsonOut; stderr: string }> {
  const r = await runCli(['validate', ...args, '--format', 'json'], { cwd });
  return { code: r.code, out: (r.stdout ? JSON.parse(r.stdout) : { diagnostics: [], summary: {} }) as JsonOut, stderr: r.stderr };
}

const files = (out: JsonOut): string[] => out.diagnostics.map((d) => `${d.code} ${d.file}`);
const BETA_ERROR = 'schema-package packages/B/beta/1/package.json';

test('validate finds repo/ from the project root, from a sibling folder and from deep inside the universe', async (t) => {
  const dir = project(t);
  for (const cwd of ['', 'scripts', 'repo', 'repo/packages', 'repo/packages/B/beta/1']) {
    const r = await validateJson(path.join(dir, cwd));
    assert.equal(r.code, 1, `${cwd}: ${r.stderr}`);
    assert.deepEqual(files(r.out), [BETA_ERROR], cwd);
    assert.deepEqual([r.out.summary.packages, r.out.summary.revisions], [2, 3], cwd);
  }
});

test('validate names files relative to the cwd in pretty output', async (t) => {
  const dir = project(t);
  const r = await runCli(['validate'], { cwd: path.join(dir, 'repo/packages/B') });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^\.\.\/\.\.\/packages\/B\/beta\/1\/package\.json$/m);
});

test('validate PATH reports only what is under PATH: a revision, a package, a file, a letter', async (t) => {
  const dir = project(t, { 'packages/B/notes.txt': 'stray' });
  const clean = await validateJson(dir, ['repo/packages/B/beta/0']);
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual([clean.out.summary.packages, clean.out.summary.revisions], [1, 1]);
  const pkg = await validateJson(dir, ['repo/packages/B/beta']);
  assert.equal(pkg.code, 1);
  // The stray file sits in the letter folder, outside the package: not reported for it.
  assert.deepEqual(files(pkg.out), [BETA_ERROR]);
  assert.deepEqual([pkg.out.summary.packages, pkg.out.summary.revisions], [1, 2]);
  const file = await validateJson(path.join(dir, 'repo/packages/B/beta/1'), ['package.json']);
  assert.deepEqual(files(file.out), [BETA_ERROR]);
  const letter = await validateJson(dir, ['repo/packages/B']);
  assert.deepEqual(files(letter.out), [BETA_ERROR, 'layout-stray-file packages/B/notes.txt']);
  const alpha = await validateJson(path.join(dir, 'repo/packages/A/alpha'), ['.']);
  assert.equal(alpha.code, 0);
  assert.deepEqual([alpha.out.summary.packages, alpha.out.summary.revisions], [1, 1]);
  // The project root and the universe folder itself mean the whole universe.
  for (const whole of ['.', 'repo']) assert.deepEqual(files((await validateJson(dir, [whole])).out), [BETA_ERROR, 'layout-stray-file packages/B/notes.txt']);
});

test('validate PATH with --repo: PATH must be inside it; a missing PATH is exit 2', async (t) => {
  const dir = project(t);
  const inside = await validateJson(dir, ['repo/packages/A', '--repo', 'repo']);
  assert.equal(inside.code, 0, inside.stderr);
  const outside = await runCli(['validate', 'scripts', '--repo', 'repo'], { cwd: dir });
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /scripts is not inside the universe repo/);
  const missing = await runCli(['validate', 'repo/packages/Q/nope'], { cwd: dir });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /repo\/packages\/Q\/nope does not exist/);
  const two = await runCli(['validate', 'repo', 'scripts'], { cwd: dir });
  assert.equal(two.code, 2);
});

test('nothing found upwards: exit 2 naming where the search started and where it stopped', async (t) => {
  const dir = writeTree({ 'a/b/README.md': 'no universe here' });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const command of [['validate'], ['build'], ['new', 'gamma'], ['render', 'alpha'], ['check']]) {
    const r = await runCli(command, { cwd: path.join(dir, 'a/b') });
    assert.equal(r.code, 2, command.join(' '));
    assert.match(r.stderr, new RegExp(`no universe found: no packages/ nor repo/packages/ folder in ${path.join(dir, 'a/b')} and every folder above it up to /`), command.join(' '));
  }
});

test('an explicit --repo is used as given: exit 2 when it holds no packages/', async (t) => {
  const dir = project(t);
  for (const command of [['validate'], ['build'], ['new', 'gamma'], ['render', 'alpha']]) {
    const r = await runCli([...command, '--repo', 'scripts'], { cwd: dir });
    assert.equal(r.code, 2, command.join(' '));
    assert.match(r.stderr, /scripts has no packages\/ folder/, command.join(' '));
  }
});

test('new, render and build find the universe from inside it; build writes the project target/', async (t) => {
  const dir = project(t);
  const inner = path.join(dir, 'repo/packages/A');
  const created = await runCli(['new', 'gamma'], { cwd: inner });
  assert.equal(created.code, 0, created.stderr);
  assert.ok(fs.existsSync(path.join(dir, 'repo/packages/G/gamma/0/package.json')));
  assert.match(created.stdout, /^  \.\.\/\.\.\/packages\/G\/gamma\/0\/package\.json$/m);
  const rendered = await runCli(['render', 'alpha', '--format', 'json'], { cwd: inner });
  assert.equal(rendered.code, 0, rendered.stderr);
  assert.equal((JSON.parse(rendered.stdout) as { marathon: { id: string } }).marathon.id, 'alpha');
  // beta/1 has an error: fix it, then build from inside.
  fs.writeFileSync(path.join(dir, 'repo/packages/B/beta/1/package.json'), JSON.stringify({ packagingVersion: '4.0', name: 'beta', version: '1.0.1', maintainer: 'x@example.com', description: 'Beta.', tags: ['x'] }));
  const built = await runCli(['build', '--no-gzip'], { cwd: inner });
  assert.equal(built.code, 0, built.stderr);
  assert.ok(fs.existsSync(path.join(dir, 'target/index.json')), 'target/ beside repo/');
  assert.ok(!fs.existsSync(path.join(inner, 'target')));
});

test('check finds the universe of the git working tree from inside it', async (t) => {
  const repo = await TestRepo.create({ ...revisionFiles('alpha', 0) });
  t.after(() => repo.remove());
  repo.write(revisionFiles('alpha', 1, { packageJson: { tags: 'oops' } }));
  const r = await runCli(['check', '--base', 'main', '--format', 'json'], { cwd: path.join(repo.repoDir, 'packages/A/alpha') });
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { diagnostics: Array<{ code: string; file: string }> };
  assert.ok(report.diagnostics.some((d) => d.code === 'schema-package' && d.file === 'packages/A/alpha/1/package.json'));
});
