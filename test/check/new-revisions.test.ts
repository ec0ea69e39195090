/**
 * A new revision is held to every rule. Each case commits one broken addition to a clean
 * universe with isomorphic-git and asserts that `universe check` refuses it with an error naming
 * the file, in every packaging version and at folder level; and that every error `validate
 * --policy new` finds in the addition is an error of check too. Legacy leniency belongs to
 * published revisions only: the same defects in a revision already on main are warnings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { TestRepo } from '../helpers/git.js';
import { revisionFiles } from '../helpers/repo.js';
import { added, at, BASE, CASES, LEGACY, TEMPLATE, type Files } from './broken-revisions.js';

const G = (file: string): string => at('gizmo', file);
const gizmo = (pv: string, packageJson: Record<string, unknown> = {}, files: Files = {}): Files => added('gizmo', pv, packageJson, files);

/** A repository with BASE on main, `files` committed on top; returns the two commits. */
async function commitOnTop(files: Files): Promise<{ repo: TestRepo; base: string; head: string }> {
  const repo = await TestRepo.create(BASE as Record<string, MemoryFile>);
  const base = await repo.resolve();
  repo.write(files);
  return { repo, base, head: await repo.commit('add gizmo') };
}

test('new revisions: the clean additions the cases start from pass check in every packaging version', async () => {
  for (const pv of [...LEGACY, '6.0']) {
    const { repo, base, head } = await commitOnTop(gizmo(pv));
    try {
      const report = await repo.check({ base, head });
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), [], pv);
    } finally {
      repo.remove();
    }
  }
});

test(`new revisions: check refuses each of ${CASES.length} kinds of broken addition, with every error validate --policy new finds`, async () => {
  assert.ok(CASES.length >= 30);
  for (const c of CASES) {
    const files = c.files('gizmo');
    const file = c.file('gizmo');
    const { repo, base, head } = await commitOnTop(files);
    try {
      const report = await repo.check({ base, head });
      const errors = new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file} ${d.pointer}`));
      assert.ok(
        report.diagnostics.some((d) => d.severity === 'error' && d.code === c.code && d.file === file),
        `${c.name}: expected an error ${c.code} on ${file}, got ${JSON.stringify(report.diagnostics.map((d) => [d.code, d.severity, d.file]))}`,
      );
      // validate judging everything as new: its errors in what was added are check's errors too.
      const addedDirs = Object.keys(files).map((f) => f.split('/').slice(0, 3).join('/'));
      const all = await validateSnapshot(new WorktreeSnapshot(repo.repoDir), undefined, { policy: 'new' });
      for (const d of all.diagnostics) {
        if (d.severity !== 'error' || !addedDirs.some((a) => d.file === a || d.file.startsWith(`${a}/`) || a.startsWith(`${d.file}/`))) continue;
        assert.ok(errors.has(`${d.code} ${d.file} ${d.pointer}`), `${c.name}: validate --policy new reports ${d.code} on ${d.file} ${d.pointer}, check does not`);
      }
    } finally {
      repo.remove();
    }
  }
});

test('new revisions: the CLI exits 1 and names the file', async () => {
  const c = CASES[0]!;
  const { repo, base, head } = await commitOnTop(c.files('gizmo'));
  try {
    const r = await repo.cli(['--base', base, '--head', head, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { diagnostics: Array<{ code: string; severity: string; file: string }> };
    assert.ok(out.diagnostics.some((d) => d.code === c.code && d.severity === 'error' && d.file === c.file('gizmo')));
  } finally {
    repo.remove();
  }
});

test('new revisions: the same legacy defect in a published revision is a warning, and editing that revision makes it an error', async () => {
  const broken = gizmo('4.0', {}, TEMPLATE('{"id": "{{service.name}}", "instances": 1,, "cmd": "x"}\n'));
  const repo = await TestRepo.create({ ...(BASE as Record<string, MemoryFile>), ...(broken as Record<string, MemoryFile>) });
  try {
    const base = await repo.resolve();
    // validate (no history): published, so a warning.
    const published = await validateSnapshot(new WorktreeSnapshot(repo.repoDir));
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === 'template-render').map((d) => [d.severity, d.file]),
      [['warning', G('marathon.json.mustache')]],
    );
    // A change elsewhere in the package leaves it published: not reported by check.
    repo.write(revisionFiles('gizmo', 1, { packageJson: { version: '1.0.1' } }));
    const next = await repo.commit('gizmo 1');
    const report = await repo.check({ base, head: next });
    assert.deepEqual(report.diagnostics.filter((d) => d.code === 'template-render'), []);
    // Touching the broken revision itself makes it new again: an error.
    repo.write({ [G('package.json')]: JSON.stringify({ ...JSON.parse(broken[G('package.json')] as string), description: 'Edited.' }, null, 2) });
    const edit = await repo.commit('edit gizmo 0');
    const edited = await repo.check({ base: next, head: edit });
    assert.deepEqual(
      edited.diagnostics.filter((d) => d.code === 'template-render').map((d) => [d.severity, d.file]),
      [['error', G('marathon.json.mustache')]],
    );
  } finally {
    repo.remove();
  }
});

test('new revisions: a folder-level finding that was already there at the base is not the change\'s doing', async () => {
  const misplaced = added('gizmo', '4.0', {}, {}, 'packages/P/gizmo/0');
  const repo = await TestRepo.create({ ...(BASE as Record<string, MemoryFile>), ...(misplaced as Record<string, MemoryFile>) });
  try {
    const base = await repo.resolve();
    repo.write(revisionFiles('widget', 2));
    const head = await repo.commit('widget 2');
    const report = await repo.check({ base, head });
    assert.deepEqual(report.diagnostics.filter((d) => d.code.startsWith('layout-')), []);
    assert.equal(path.basename(report.changes.packages[0]!.dir), 'widget');
  } finally {
    repo.remove();
  }
});
