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
    name: 'every character and every escape',
    files: withPackage('{"a": "\u00e9", "b": "\u00e8\u00e0", "c": "\\u00e9", "d": "\\u00e8"}'),
    expected: [
      ['json-ascii', `${R}/package.json`, '/a'],
      ['json-ascii', `${R}/package.json`, '/b'],
      ['json-ascii', `${R}/package.json`, '/b'],
      ['json-ascii', `${R}/package.json`, '/c'],
      ['json-ascii', `${R}/package.json`, '/d'],
    ],
  },
  {
    name: 'each file reported',
    files: revisionFiles('widget', 0, { files: { 'config.json': '{"description": "\u00e9"}', 'resource.json': '{"a": "\u00e9"}' } }),
    expected: [['json-ascii', `${R}/config.json`, '/description'], ['json-ascii', `${R}/resource.json`, '/a']],
  },
  {
    name: 'templates are checked too, every character',
    files: revisionFiles('widget', 0, {
      packageJson: { packagingVersion: '6.0', version: '1.0.0' },
      files: { 'marathon.json.mustache': '{"id": "caf\u00e9", "cmd": "echo \u2014 \u{1f600}"}', 'job.aurora.mustache': 'jobs = [Job(name="\u00e9")]\n' },
    }),
    expected: [
      ['json-ascii', `${R}/job.aurora.mustache`, ''],
      ['json-ascii', `${R}/marathon.json.mustache`, ''],
      ['json-ascii', `${R}/marathon.json.mustache`, ''],
      ['json-ascii', `${R}/marathon.json.mustache`, ''],
    ],
  },
  { name: 'a \\u escape in a template is left alone (it is text, not a JSON file)', files: revisionFiles('widget', 0, { packageJson: { packagingVersion: '6.0' }, files: { 'marathon.json.mustache': '{"id": "\\u00e9"}' } }), expected: [] },
  { name: 'repository.json is exempt', files: { ...revisionFiles('widget', 0), 'repository.json': '{"name": "Caf\u00e9", "description": "\\u00e9"}' }, expected: [] },
];

for (const c of cases) {
  test(`json-ascii: ${c.name}`, async () => {
    const diags = await check(c.files, [jsonAscii]);
    assert.deepEqual(triples(diags), c.expected);
    // Only this case keeps revisionFiles' packaging-4.0 package.json (legacy: a warning); the
    // others name no packaging version, or 6.0.
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

test('json-ascii: template characters are located at line and column, and named in the message', async () => {
  const files = revisionFiles('widget', 0, { packageJson: { packagingVersion: '6.0' }, files: { 'marathon.json.mustache': '{\n  "id": "widget",\n  "cmd": "say \u201chi\u201d"\n}\n' } });
  const diags = await check(files, [jsonAscii]);
  assert.deepEqual(diags.map((d) => [d.line, d.column, d.severity]), [[3, 15, 'error'], [3, 18, 'error']]);
  assert.match(diags[0]!.message, /U\+201C.*templates as ASCII/);
});

test('json-ascii: past 100 characters in a file, one more finding counts the rest', async () => {
  const text = JSON.stringify({ packagingVersion: '6.0', description: '\u00e9'.repeat(130) });
  const diags = await check(withPackage(text), [jsonAscii]);
  assert.equal(diags.length, 101);
  assert.equal(diags.filter((d) => /^30 more non-ASCII characters from here on/.test(d.message)).length, 1);
  const tpl = revisionFiles('widget', 0, { packageJson: { packagingVersion: '6.0' }, files: { 'marathon.json.mustache': `{"id": "${'\u00e9'.repeat(105)}"}` } });
  const onTemplate = await check(tpl, [jsonAscii]);
  assert.equal(onTemplate.length, 101);
  assert.match(onTemplate[100]!.message, /^5 more non-ASCII characters/);
});
