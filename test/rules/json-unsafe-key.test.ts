import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonUnsafeKey } from '../../scripts/lib/rules/json-unsafe-key.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';

const cases: Array<{ name: string; files: Record<string, MemoryFile>; expected: Array<[string, string, string]> }> = [
  { name: 'ordinary keys', files: revisionFiles('widget', 0), expected: [] },
  { name: 'unsafe words as values', files: revisionFiles('widget', 0, { files: { 'resource.json': '{"a": "__proto__", "b": ["constructor"]}' } }), expected: [] },
  { name: '__proto__ nested', files: revisionFiles('widget', 0, { files: { 'config.json': '{"type": "object", "properties": {"__proto__": {"polluted": true}}}' } }), expected: [['json-unsafe-key', `${R}/config.json`, '/properties/__proto__']] },
  { name: 'constructor at the top', files: revisionFiles('widget', 0, { files: { 'resource.json': '{"constructor": {}}' } }), expected: [['json-unsafe-key', `${R}/resource.json`, '/constructor']] },
  { name: 'prototype in an array item', files: revisionFiles('widget', 0, { files: { 'resource.json': '{"a": [{"prototype": 1}]}' } }), expected: [['json-unsafe-key', `${R}/resource.json`, '/a/0/prototype']] },
  { name: 'escaped __proto__', files: revisionFiles('widget', 0, { files: { 'resource.json': '{"\\u005f_proto__": {}}' } }), expected: [['json-unsafe-key', `${R}/resource.json`, '/__proto__']] },
  { name: 'repository.json', files: { ...revisionFiles('widget', 0), 'repository.json': '{"policy": {"rules": {"__proto__": "off"}}}' }, expected: [['json-unsafe-key', 'repository.json', '/policy/rules/__proto__']] },
];

for (const c of cases) {
  test(`json-unsafe-key: ${c.name}`, async () => {
    const diags = await check(c.files, [jsonUnsafeKey]);
    assert.deepEqual(triples(diags), c.expected);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}
