import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonDuplicateKey } from '../../scripts/lib/rules/json-duplicate-key.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';

const cases: Array<{ name: string; files: Record<string, MemoryFile>; expected: Array<[string, string, string]> }> = [
  { name: 'no duplicates', files: revisionFiles('widget', 0), expected: [] },
  { name: 'same key in sibling objects', files: revisionFiles('widget', 0, { files: { 'resource.json': '{"a": {"x": 1}, "b": {"x": 2}}' } }), expected: [] },
  { name: 'same key in array items', files: revisionFiles('widget', 0, { files: { 'resource.json': '{"a": [{"x": 1}, {"x": 2}]}' } }), expected: [] },
  { name: 'top-level duplicate', files: revisionFiles('widget', 0, { files: { 'package.json': '{"name": "widget",\n "name": "widget"}' } }), expected: [['json-duplicate-key', `${R}/package.json`, '/name']] },
  {
    name: 'duplicate at depth',
    files: revisionFiles('widget', 0, { files: { 'config.json': '{"properties": {"a": {"type": "string", "default": "x", "default": "y"}}}' } }),
    expected: [['json-duplicate-key', `${R}/config.json`, '/properties/a/default']],
  },
  { name: 'duplicate inside an array item', files: revisionFiles('widget', 0, { files: { 'resource.json': '{"a": [{}, {"x": 1, "x": 1}]}' } }), expected: [['json-duplicate-key', `${R}/resource.json`, '/a/1/x']] },
  { name: 'escaped key equal to a plain one', files: revisionFiles('widget', 0, { files: { 'resource.json': '{"ab": 1, "a\\u0062": 2}' } }), expected: [['json-duplicate-key', `${R}/resource.json`, '/ab']] },
  { name: 'key with a slash', files: revisionFiles('widget', 0, { files: { 'resource.json': '{"a/b": 1, "a/b": 2}' } }), expected: [['json-duplicate-key', `${R}/resource.json`, '/a~1b']] },
  {
    name: 'three occurrences give two findings',
    files: revisionFiles('widget', 0, { files: { 'resource.json': '{"k": 1, "k": 2, "k": 3}' } }),
    expected: [['json-duplicate-key', `${R}/resource.json`, '/k'], ['json-duplicate-key', `${R}/resource.json`, '/k']],
  },
  { name: 'repository.json', files: { ...revisionFiles('widget', 0), 'repository.json': '{"name": "a", "name": "b"}' }, expected: [['json-duplicate-key', 'repository.json', '/name']] },
];

for (const c of cases) {
  test(`json-duplicate-key: ${c.name}`, async () => {
    assert.deepEqual(triples(await check(c.files, [jsonDuplicateKey])), c.expected);
  });
}

test('json-duplicate-key: located at the later key, related to the first', async () => {
  const text = '{\n  "name": "widget",\n  "version": "1",\n  "name": "other"\n}';
  const [d] = await check(revisionFiles('widget', 0, { files: { 'package.json': text } }), [jsonDuplicateKey]);
  assert.deepEqual([d!.line, d!.column, d!.severity], [4, 3, 'error']); // no packagingVersion: not legacy
  assert.deepEqual(d!.related, [{ file: `${R}/package.json`, pointer: '/name', message: "first occurrence of 'name'", line: 2, column: 3 }]);
});

test('json-duplicate-key: a warning in a legacy packaging version (published DC/OS packages have them), an error in 6.0', async () => {
  for (const [pv, severity] of [['4.0', 'warning'], ['6.0', 'error']]) {
    const text = `{"packagingVersion": "${pv}", "name": "widget", "website": "a", "website": "b"}`;
    const [d] = await check(revisionFiles('widget', 0, { files: { 'package.json': text } }), [jsonDuplicateKey]);
    assert.equal(d!.severity, severity, pv);
  }
});
