import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonAscii } from '../../scripts/lib/rules/json-ascii.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const withPackage = (text: string): Record<string, MemoryFile> => revisionFiles('widget', 0, { files: { 'package.json': text } });

const cases: Array<{ name: string; files: Record<string, MemoryFile>; expected: Array<[string, string, string]> }> = [
  { name: 'ASCII only', files: revisionFiles('widget', 0), expected: [] },
  { name: 'escaped backslash before u is no \\u escape', files: withPackage('{"description": "C:\\\\users"}'), expected: [] },
  { name: 'short escapes are fine', files: withPackage('{"description": "a\\nb\\t\\"c\\"\\/"}'), expected: [] },
  { name: 'non-ASCII in a value', files: withPackage('{"name": "widget", "description": "Caf\u00e9"}'), expected: [['json-ascii', `${R}/package.json`, '/description']] },
  { name: 'non-ASCII in a key', files: withPackage('{"n\u00e4me": "widget"}'), expected: [['json-ascii', `${R}/package.json`, '/n\u00e4me']] },
  { name: 'non-ASCII in an array', files: withPackage('{"tags": ["a", "\u{1f600}"]}'), expected: [['json-ascii', `${R}/package.json`, '/tags/1']] },
  { name: '\\u escape in a value', files: withPackage('{"description": "\\u0041"}'), expected: [['json-ascii', `${R}/package.json`, '/description']] },
  { name: '\\u escape in a key names the key', files: withPackage('{"a": 1, "\\u0062": 2}'), expected: [['json-ascii', `${R}/package.json`, '/b']] },
  {
    name: 'one finding per kind and file',
    files: withPackage('{"a": "\u00e9", "b": "\u00e8", "c": "\\u00e9", "d": "\\u00e8"}'),
    expected: [['json-ascii', `${R}/package.json`, '/a'], ['json-ascii', `${R}/package.json`, '/c']],
  },
  {
    name: 'each file reported',
    files: revisionFiles('widget', 0, { files: { 'config.json': '{"description": "\u00e9"}', 'resource.json': '{"a": "\u00e9"}' } }),
    expected: [['json-ascii', `${R}/config.json`, '/description'], ['json-ascii', `${R}/resource.json`, '/a']],
  },
  { name: 'templates are not checked', files: revisionFiles('widget', 0, { files: { 'marathon.json.mustache': '{"id": "caf\u00e9"}' } }), expected: [] },
  { name: 'repository.json is exempt', files: { ...revisionFiles('widget', 0), 'repository.json': '{"name": "Caf\u00e9", "description": "\\u00e9"}' }, expected: [] },
];

for (const c of cases) {
  test(`json-ascii: ${c.name}`, async () => {
    const diags = await check(c.files, [jsonAscii]);
    assert.deepEqual(triples(diags), c.expected);
    // Only this case keeps revisionFiles' packaging-4.0 package.json (legacy: a warning); the
    // package.json texts of the others name no packaging version.
    const legacy = c.name === 'each file reported';
    for (const d of diags) assert.equal(d.severity, legacy ? 'warning' : 'error');
  });
}

test('json-ascii: located at the character; a warning in legacy packages (published ones have it), an error in 6.0', async () => {
  for (const [pv, severity] of [['2.0', 'warning'], ['6.0', 'error']]) {
    const text = `{\n  "packagingVersion": "${pv}",\n  "description": "Caf\u00e9"\n}`;
    const [d] = await check(withPackage(text), [jsonAscii]);
    assert.deepEqual([d!.line, d!.column, d!.severity], [3, 22, severity]);
    assert.match(d!.message, /U\+00E9/);
  }
});

test('json-ascii: the message suggests the plain character for an ASCII escape', async () => {
  const [d] = await check(withPackage('{"description": "\\u0041"}'), [jsonAscii]);
  assert.match(d!.message, /'A'/);
});
