import { test } from 'node:test';
import assert from 'node:assert/strict';
import { revisionFiles } from '../../helpers/repo.js';
import { W, at, breakingCodes, commitCheck, only, repoWith, widget, widgetPackageJson } from './fixture.js';

const CODE = 'breaking/revision-removed';

test('revision-removed: a deleted revision is an error on its published package.json', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  const report = await commitCheck(repo, base, { [W(0)]: undefined });
  assert.deepEqual(at(report, CODE), [[W(0, 'package.json'), '']]);
  const d = only(report, CODE)[0]!;
  assert.equal(d.severity, 'error');
  assert.deepEqual([d.line, d.column], [1, 1]);
  assert.deepEqual(d.data, { package: 'widget', revision: '0' });
  assert.deepEqual(report.changes.packages.map((p) => [p.status, p.revisions.map((r) => [r.folder, r.status, r.version])]), [['modified', [['0', 'removed', '1.0.0']]]]);
  assert.deepEqual(breakingCodes(report), [CODE]);
});

test('revision-removed: a deleted package is one error per published revision', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1), ...revisionFiles('gadget', 0) });
  const report = await commitCheck(repo, base, { 'packages/W/widget': undefined });
  assert.deepEqual(at(report, CODE), [[W(0, 'package.json'), ''], [W(1, 'package.json'), '']]);
  assert.equal(report.changes.packages[0]?.status, 'removed');
  for (const d of only(report, CODE)) assert.match(d.message, /package widget was removed/);
});

test('revision-removed: a renumbered revision (1 → 5, same content) is reported as renumbered', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.move(W(1), W(5));
  const head = await repo.commit('renumber');
  const report = await repo.check({ base, head });
  assert.deepEqual(at(report, CODE), [[W(1, 'package.json'), '']]);
  assert.match(only(report, CODE)[0]!.message, /renumbered to 5/);
  // The moved copy also reuses the version of the revision it came from.
  assert.deepEqual(at(report, 'breaking/version-reused'), [[W(5, 'package.json'), '/version']]);
});

test('revision-removed: a renumbered revision whose content also changed is a plain removal', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.move(W(1), W(2));
  const report = await commitCheck(repo, base, { [W(2, 'package.json')]: widgetPackageJson(1, { version: '1.0.2' }) });
  assert.deepEqual(at(report, CODE), [[W(1, 'package.json'), '']]);
  assert.doesNotMatch(only(report, CODE)[0]!.message, /renumbered/);
});

test('revision-removed: a reformatted copy under a new number still counts as renumbered', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.move(W(1), W(2));
  const report = await commitCheck(repo, base, { [W(2, 'package.json')]: widgetPackageJson(1, {}, 4) });
  assert.match(only(report, CODE)[0]!.message, /renumbered to 2/);
});

test('revision-removed: adding or editing revisions removes nothing', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, { ...widget(1), [W(0, 'package.json')]: widgetPackageJson(0, { description: 'Edited.' }) });
  assert.deepEqual(at(report, CODE), []);
});

test('revision-removed: found in the working tree and in the staged changes', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [W(1)]: undefined });
  assert.deepEqual(at(await repo.check({ base }), CODE), [[W(1, 'package.json'), '']]);
  await repo.stageAll();
  assert.deepEqual(at(await repo.check({ staged: true }), CODE), [[W(1, 'package.json'), '']]);
});
