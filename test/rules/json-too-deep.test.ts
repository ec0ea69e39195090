import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, type RepositorySettings } from '../../scripts/lib/policy/settings.js';
import { jsonTooDeep } from '../../scripts/lib/rules/json-too-deep.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const shallow: RepositorySettings = { ...defaultSettings(), limits: { maxFileBytes: 1024 * 1024, maxJsonDepth: 3 } };

test('json-too-deep: nesting at the limit passes', async () => {
  const files = revisionFiles('widget', 0, { files: { 'config.json': '{}', 'resource.json': '{"a": {"b": [1]}}' } });
  assert.deepEqual(triples(await check(files, [jsonTooDeep], shallow)), []);
});

test('json-too-deep: one level over the limit, pointing at the first container too deep', async () => {
  const files = revisionFiles('widget', 0, { files: { 'config.json': '{}', 'resource.json': '{"a": {"b": [[1]]}}' } });
  const diags = await check(files, [jsonTooDeep], shallow);
  assert.deepEqual(triples(diags), [['json-too-deep', `${R}/resource.json`, '/a/b/0']]);
  assert.deepEqual([diags[0]!.line, diags[0]!.column], [1, 14]);
});

test('json-too-deep: thousands of levels under the default limit, never a crash', async () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const diags = await check(revisionFiles('widget', 0, { files: { 'config.json': deep } }), [jsonTooDeep]);
  assert.deepEqual(triples(diags), [['json-too-deep', `${R}/config.json`, '/' + Array(64).fill(0).join('/')]]);
  assert.equal(diags[0]!.severity, 'error');
});

test('json-too-deep: brackets inside strings do not count', async () => {
  const files = revisionFiles('widget', 0, { files: { 'config.json': '{}', 'resource.json': JSON.stringify({ a: '[[[[[[{{{{' }) } });
  assert.deepEqual(triples(await check(files, [jsonTooDeep], shallow)), []);
});
