import { test } from 'node:test';
import assert from 'node:assert/strict';
import { revisionFiles } from '../../helpers/repo.js';
import { W, at, commitCheck, only, related, repoWith, widget } from './fixture.js';

const CODE = 'breaking/version-reused';

test('version-reused: a new revision with the version of an older published revision', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  const report = await commitCheck(repo, base, widget(2, { packageJson: { version: '1.0.0' } }));
  assert.deepEqual(at(report, CODE), [[W(2, 'package.json'), '/version']]);
  const d = only(report, CODE)[0]!;
  assert.equal(d.severity, 'error');
  assert.deepEqual(related(d), [[W(0, 'package.json'), '/version']]);
});

test('version-reused: the version of the latest revision', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  const report = await commitCheck(repo, base, widget(2, { packageJson: { version: '1.0.1' } }));
  assert.deepEqual(at(report, CODE), [[W(2, 'package.json'), '/version']]);
  assert.deepEqual(related(only(report, CODE)[0]), [[W(1, 'package.json'), '/version']]);
  // Equal versions are this rule's, not version-order's.
  assert.deepEqual(at(report, 'breaking/version-order'), []);
});

test('version-reused: a new version, or the same version in another package, is fine', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  assert.deepEqual(at(await commitCheck(repo, base, widget(2)), CODE), []);
  assert.deepEqual(at(await commitCheck(repo, base, revisionFiles('gadget', 0)), CODE), []); // also 1.0.0
});

test('version-reused: compares exact strings (1.0.0 and v1.0.0 differ; version-order judges them)', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, widget(1, { packageJson: { version: 'v1.0.0' } }));
  assert.deepEqual(at(report, CODE), []);
});

test('version-reused: found in the staged changes', async (t) => {
  const { repo } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write(widget(2, { packageJson: { version: '1.0.0' } }));
  await repo.stageAll();
  assert.deepEqual(at(await repo.check({ staged: true }), CODE), [[W(2, 'package.json'), '/version']]);
});
