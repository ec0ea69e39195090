/** `universe check` through the real compiled CLI: exit codes, output formats, errors that stop it. */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runCli, writeTree } from '../helpers/cli.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { TestRepo } from '../helpers/git.js';
import { W, widget, widgetPackageJson } from '../rules/breaking/fixture.js';

/** A repository with widget 0 and 1 committed on main, and a branch `edit` with one more commit of `files`. */
async function withEdit(t: TestContext, files: Record<string, MemoryFile | undefined>, message = 'edit'): Promise<{ repo: TestRepo; base: string; head: string }> {
  const repo = await TestRepo.create({ ...widget(0), ...widget(1) });
  t.after(() => repo.remove());
  const base = await repo.resolve();
  await repo.branch('edit', { checkout: true });
  repo.write(files);
  return { repo, base, head: await repo.commit(message) };
}

const TEMPLATE_EDIT = { [W(0, 'marathon.json.mustache')]: '{"id": "{{service.name}}", "cmd": "sleep 5", "cpus": 0.1, "mem": 32}\n' };
const METADATA_EDIT = { [W(0, 'package.json')]: widgetPackageJson(0, { description: 'Edited.' }) };

test('check cli: exit 0 for a clean change (metadata only), with the default base (merge base with main) and head (working tree)', async (t) => {
  const { repo } = await withEdit(t, METADATA_EDIT);
  const r = await repo.cli();
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.length > 0);
});

test('check cli: exit 1 when a published revision changed; --head names a commit', async (t) => {
  const { repo, base, head } = await withEdit(t, TEMPLATE_EDIT);
  const r = await repo.cli(['--base', base, '--head', head]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /breaking\/revision-changed/);
  // The same edit checked from the branch name and from main.
  assert.equal((await repo.cli(['--base', 'main', '--head', 'edit'])).code, 1);
  assert.equal((await repo.cli(['--base', 'main', '--head', 'main'])).code, 0);
});

test('check cli: --strict turns warnings into exit 1', async (t) => {
  const { repo } = await withEdit(t, widget(2, { packageJson: { version: '1.1' } }));
  assert.equal((await repo.cli(['--base', 'main'])).code, 0);
  assert.equal((await repo.cli(['--base', 'main', '--strict'])).code, 1);
});

test('check cli: --staged checks the index against HEAD (exit 0 with nothing staged)', async (t) => {
  const { repo } = await withEdit(t, {});
  repo.write(TEMPLATE_EDIT);
  assert.equal((await repo.cli(['--staged'])).code, 0);
  await repo.stageAll();
  assert.equal((await repo.cli(['--staged'])).code, 1);
});

test('check cli: --format json has diagnostics, summary, base, head, changes, overrides in that order', async (t) => {
  const { repo, base, head } = await withEdit(t, TEMPLATE_EDIT, 'edit\n\nUniverse-Allow: breaking/revision-changed widget/1: not this one\n');
  const r = await repo.cli(['--base', base, '--head', head, '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as Record<string, unknown> & { diagnostics: Array<{ code: string; file: string }>; base: { commit: string }; head: { commit: string } };
  assert.deepEqual(Object.keys(report), ['diagnostics', 'summary', 'base', 'head', 'changes', 'overrides']);
  assert.deepEqual([report.base.commit, report.head.commit], [base, head]);
  assert.ok(report.diagnostics.some((d) => d.code === 'breaking/revision-changed' && d.file === W(0, 'marathon.json.mustache')));
  assert.deepEqual(report.changes, { packages: [{ name: 'widget', dir: 'packages/W/widget', status: 'modified', revisions: [{ folder: '0', status: 'modified', version: '1.0.0' }] }], files: [] });
  assert.deepEqual((report.overrides as Array<{ target: string; used: boolean }>).map((o) => [o.target, o.used]), [['widget/1', false]]);
});

test('check cli: --format sarif is SARIF 2.1.0 naming the breaking check', async (t) => {
  const { repo, base, head } = await withEdit(t, TEMPLATE_EDIT);
  const r = await repo.cli(['--base', base, '--head', head, '--format', 'sarif']);
  assert.equal(r.code, 1, r.stderr);
  const sarif = JSON.parse(r.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0]!.results.some((x) => x.ruleId === 'breaking/revision-changed'));
});

test('check cli: --format markdown and --format github print something', async (t) => {
  const { repo, base, head } = await withEdit(t, TEMPLATE_EDIT);
  const md = await repo.cli(['--base', base, '--head', head, '--format', 'markdown']);
  assert.equal(md.code, 1, md.stderr);
  assert.ok(md.stdout.trim().length > 0);
  assert.match(md.stdout, /revision-changed/);
  const gh = await repo.cli(['--base', base, '--head', head, '--format', 'github']);
  assert.equal(gh.code, 1, gh.stderr);
  assert.match(gh.stdout, /^::error /m);
});

test('check cli: an unknown ref is exit 2 with a message naming it', async (t) => {
  const { repo } = await withEdit(t, METADATA_EDIT);
  const base = await repo.cli(['--base', 'no-such-branch']);
  assert.equal(base.code, 2);
  assert.match(base.stderr, /no-such-branch/);
  const head = await repo.cli(['--base', 'main', '--head', 'v9.9.9-missing']);
  assert.equal(head.code, 2);
  assert.match(head.stderr, /v9\.9\.9-missing/);
});

test('check cli: a folder that is not in a git repository is exit 2', async (t) => {
  const dir = writeTree(widget(0));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const r = await runCli(['check', '--repo', dir], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /git/i);
  assert.equal(r.stdout, '');
});

test('check cli: --staged with --head is exit 2', async (t) => {
  const { repo } = await withEdit(t, METADATA_EDIT);
  const r = await repo.cli(['--staged', '--head', 'main']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--staged/);
});

test('check cli: an unknown format is exit 2', async (t) => {
  const { repo } = await withEdit(t, METADATA_EDIT);
  const r = await repo.cli(['--format', 'xml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /xml/);
});

test('check cli: a --repo folder that does not exist, or holds no packages/ on either side, is exit 2', async (t) => {
  const { repo } = await withEdit(t, METADATA_EDIT);
  const missing = await runCli(['check', '--repo', `${repo.dir}/nope`], { cwd: repo.dir });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /does not exist/);
  fs.mkdirSync(`${repo.dir}/empty`);
  const empty = await runCli(['check', '--repo', `${repo.dir}/empty`], { cwd: repo.dir });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /no packages\/ folder/);
});
