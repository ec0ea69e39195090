import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, type RepositorySettings } from '../../scripts/lib/policy/settings.js';
import { fileTooLarge } from '../../scripts/lib/rules/file-too-large.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const small: RepositorySettings = { ...defaultSettings(), limits: { maxFileBytes: 1000, maxJsonDepth: 64 } };

test('file-too-large: files within the limit pass', async () => {
  assert.deepEqual(triples(await check(revisionFiles('widget', 0), [fileTooLarge], small)), []);
});

test('file-too-large: a JSON file over the limit, with size and limit in data', async () => {
  const big = JSON.stringify({ type: 'object', description: 'x'.repeat(2000) });
  const diags = await check(revisionFiles('widget', 0, { files: { 'config.json': big } }), [fileTooLarge], small);
  assert.deepEqual(triples(diags), [['file-too-large', `${R}/config.json`, '']]);
  assert.deepEqual(diags[0]!.data, { size: big.length, limit: 1000 });
  assert.equal(diags[0]!.severity, 'error');
});

test('file-too-large: a template over the default limit', async () => {
  const big = '{"id": "' + 'x'.repeat(1024 * 1024) + '"}';
  const diags = await check(revisionFiles('widget', 0, { files: { 'marathon.json.mustache': big } }), [fileTooLarge]);
  assert.deepEqual(triples(diags), [['file-too-large', `${R}/marathon.json.mustache`, '']]);
});

test('file-too-large: legacy revisions get an error too (robustness)', async () => {
  const big = JSON.stringify({ images: { a: 'x'.repeat(2000) } });
  const files = revisionFiles('widget', 0, { packageJson: { packagingVersion: '2.0' }, files: { 'resource.json': big } });
  const diags = await check(files, [fileTooLarge], small);
  assert.equal(diags[0]!.severity, 'error');
});
