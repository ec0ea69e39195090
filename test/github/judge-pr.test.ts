/**
 * The pull-request check runs the base branch's tool (the judge) against the pull request's head,
 * as .github/workflows/pr.yml does through .github/scripts/judge-pr.sh: here the workflow's step
 * runs locally on a temporary git repository laid out like this project, with this project's
 * compiled CLI as the judge. A pull request that "switches off" a rule in its own scripts/ and
 * adds a package that rule refuses is still refused, and the report says that the tool changed.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { TestRepo } from '../helpers/git.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { BASE, CASES } from '../check/broken-revisions.js';

const SCRIPT = path.join(PROJECT_ROOT, '.github', 'scripts', 'judge-pr.sh');
const RULE = 'scripts/lib/rules/template-render.ts';

/** A repository with the universe under repo/ and a stand-in for the tool on main (= origin/main), and a branch `pr` with `change` on top. */
async function pullRequest(t: TestContext, change: { files?: Record<string, MemoryFile>; top?: Record<string, MemoryFile> }): Promise<TestRepo> {
  const repo = await TestRepo.create(BASE as Record<string, MemoryFile>);
  t.after(() => repo.remove());
  repo.writeTop({ [RULE]: "export const templateRender = { id: 'template-render', severity: 'error' };\n" });
  const main = await repo.commit('the tool');
  await repo.setRef('refs/remotes/origin/main', main);
  await repo.branch('pr', { checkout: true });
  if (change.files) repo.write(change.files);
  if (change.top) repo.writeTop(change.top);
  await repo.commit('the pull request');
  return repo;
}

function judge(repo: TestRepo): { code: number | null; stdout: string; out: string } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-judge-'));
  const r = spawnSync('bash', [SCRIPT, PROJECT_ROOT, repo.dir, 'main', out], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout + r.stderr, out };
}

test('judge-pr: a pull request that switches off a rule in scripts/ and adds a package it refuses is refused by the base branch\'s tool', async (t) => {
  const broken = CASES.find((c) => c.code === 'template-render')!;
  const repo = await pullRequest(t, {
    files: broken.files('gizmo') as Record<string, MemoryFile>,
    top: { [RULE]: "export const templateRender = { id: 'template-render', severity: 'off' };\n" },
  });
  const r = judge(repo);
  t.after(() => fs.rmSync(r.out, { recursive: true, force: true }));
  assert.equal(r.code, 1, r.stdout);
  const report = JSON.parse(fs.readFileSync(path.join(r.out, 'check.json'), 'utf8')) as { diagnostics: Array<{ code: string; severity: string; file: string }> };
  assert.ok(report.diagnostics.some((d) => d.code === 'template-render' && d.severity === 'error' && d.file === broken.file('gizmo')));
  assert.match(fs.readFileSync(path.join(r.out, 'check.md'), 'utf8'), /^> \*\*The tool changed in this pull request\*\*/);
  assert.match(r.stdout, /::notice title=universe check::The tool changed/);
  assert.match(r.stdout, /::error file=.*template-render|::error .*marathon\.json\.mustache/);
  assert.ok(fs.existsSync(path.join(r.out, 'check.sarif')));
});

test('judge-pr: a clean pull request that leaves the tool alone passes without the notice', async (t) => {
  const repo = await pullRequest(t, { files: { 'packages/W/widget/0/package.json': JSON.stringify({ ...JSON.parse(BASE['packages/W/widget/0/package.json'] as string), description: 'Edited.' }, null, 2) } });
  const r = judge(repo);
  t.after(() => fs.rmSync(r.out, { recursive: true, force: true }));
  assert.equal(r.code, 0, r.stdout);
  assert.doesNotMatch(fs.readFileSync(path.join(r.out, 'check.md'), 'utf8'), /The tool changed/);
  assert.doesNotMatch(r.stdout, /::notice title=universe check::The tool changed/);
});
