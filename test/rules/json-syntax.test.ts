import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonSyntax } from '../../scripts/lib/rules/json-syntax.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles } from '../helpers/repo.js';

const R = 'packages/W/widget/0';

/** [code, file, pointer, line, column] of each diagnostic. */
async function located(files: Record<string, MemoryFile>): Promise<Array<[string, string, string, number, number]>> {
  return (await check(files, [jsonSyntax])).map((d) => [d.code, d.file, d.pointer, d.line, d.column]);
}

const cases: Array<{ name: string; file: string; text: string; at?: [number, number] }> = [
  { name: 'trailing comma', file: 'package.json', text: '{\n  "name": "widget",\n}\n', at: [3, 1] },
  { name: 'empty file', file: 'package.json', text: '', at: [1, 1] },
  { name: 'whitespace only', file: 'config.json', text: '\n\n', at: [1, 1] },
  { name: 'unterminated object', file: 'resource.json', text: '{"images": {}', at: [1, 14] },
  { name: 'unterminated string', file: 'resource.json', text: '{"images": "ab' },
  { name: 'comment', file: 'config.json', text: '// options\n{}' , at: [1, 1] },
  { name: 'single quotes', file: 'resource.json', text: "{'images': {}}", at: [1, 2] },
  { name: 'two documents', file: 'resource.json', text: '{}\n{}\n', at: [2, 1] },
  { name: 'NaN', file: 'config.json', text: '{"default": NaN}' },
  { name: 'raw tab in a string', file: 'package.json', text: '{"description": "a\tb"}' },
  { name: 'invalid escape', file: 'package.json', text: '{"description": "a\\xb"}' },
  { name: 'command.json', file: 'command.json', text: '{"pip": [}' },
];

test('json-syntax: valid files pass', async () => {
  assert.deepEqual(await located(revisionFiles('widget', 0)), []);
});

for (const c of cases) {
  test(`json-syntax: ${c.name}`, async () => {
    const found = await located(revisionFiles('widget', 0, { files: { [c.file]: c.text } }));
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.slice(0, 3), ['json-syntax', `${R}/${c.file}`, '']);
    if (c.at) assert.deepEqual(found[0]!.slice(3), c.at);
  });
}

test('json-syntax: templates are not JSON files', async () => {
  assert.deepEqual(await located(revisionFiles('widget', 0, { files: { 'marathon.json.mustache': '{"cpus": {{cpus}}}' } })), []);
});

test('json-syntax: repository.json is covered', async () => {
  const found = await located({ ...revisionFiles('widget', 0), 'repository.json': '{"name": "x"' });
  assert.deepEqual(found.map((f) => f.slice(0, 3)), [['json-syntax', 'repository.json', '']]);
});

test('json-syntax: a BOM does not shift the location', async () => {
  const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{\n  "a": 1,\n}')]);
  const found = await located(revisionFiles('widget', 0, { files: { 'config.json': text } }));
  assert.deepEqual(found[0]!.slice(3), [3, 1]);
});
