import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageJsonRequired } from '../../scripts/lib/rules/package-json-required.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

test('package-json-required: a revision with package.json passes', async () => {
  assert.deepEqual(triples(await check(revisionFiles('widget', 0), [packageJsonRequired])), []);
});

test('package-json-required: a revision without package.json is reported on the missing file', async () => {
  const files = { ...revisionFiles('widget', 0, { files: { 'package.json': undefined } }), ...revisionFiles('widget', 1) };
  assert.deepEqual(triples(await check(files, [packageJsonRequired])), [
    ['package-json-required', 'packages/W/widget/0/package.json', ''],
  ]);
});

test('package-json-required: an unreadable package.json is file-unreadable, not missing', async () => {
  const files = revisionFiles('widget', 0, { files: { 'package.json': { symlink: '/etc/passwd' } } });
  assert.deepEqual(triples(await check(files, [packageJsonRequired])), []);
});
