import { test } from 'node:test';
import assert from 'node:assert/strict';
import { revisionFiles } from '../../helpers/repo.js';
import { W, at, commitCheck, only, related, repoWith, widget } from './fixture.js';

const CODE = 'breaking/revision-number';

test('revision-number: a new revision filling a gap below the highest (base 0 and 2, head adds 1) is an error', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(2) });
  const report = await commitCheck(repo, base, widget(1, { packageJson: { version: '1.0.3' } }));
  assert.deepEqual(at(report, CODE), [[W(1, 'package.json'), '']]);
  const d = only(report, CODE)[0]!;
  assert.equal(d.severity, 'error');
  assert.deepEqual(related(d), [[W(2, 'package.json'), '']]);
});

test('revision-number: a new revision above the highest is fine, with or without a gap', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(2) });
  assert.deepEqual(at(await commitCheck(repo, base, widget(3)), CODE), []);
  assert.deepEqual(at(await commitCheck(repo, base, widget(100)), CODE), []);
});

test('revision-number: numbers compare as numbers (base 2 and 10: 3 is below, 11 above)', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(2), ...widget(10) });
  const low = await commitCheck(repo, base, widget(3, { packageJson: { version: '1.0.11' } }));
  assert.deepEqual(at(low, CODE), [[W(3, 'package.json'), '']]);
  assert.deepEqual(related(only(low, CODE)[0]), [[W(10, 'package.json'), '']]);
  repo.write({ [W(3)]: undefined });
  assert.deepEqual(at(await commitCheck(repo, base, widget(11)), CODE), []);
});

test('revision-number: a new package may start anywhere', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  assert.deepEqual(at(await commitCheck(repo, base, revisionFiles('gadget', 7)), CODE), []);
});

test('revision-number: found in the working tree', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(5) });
  repo.write(widget(4, { packageJson: { version: '1.0.6' } }));
  assert.deepEqual(at(await repo.check({ base }), CODE), [[W(4, 'package.json'), '']]);
});
