import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageNameMatchesFolder } from '../../scripts/lib/rules/package-name-matches-folder.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const P = 'packages/W/widget/0/package.json';

const cases: Array<{ name: string; files: Record<string, MemoryFile>; expected: Array<[string, string, string]> }> = [
  { name: 'equal names', files: revisionFiles('widget', 0), expected: [] },
  { name: 'different name', files: revisionFiles('widget', 0, { packageJson: { name: 'widgets' } }), expected: [['package-name-matches-folder', P, '/name']] },
  { name: 'different case', files: revisionFiles('widget', 0, { packageJson: { name: 'Widget' } }), expected: [['package-name-matches-folder', P, '/name']] },
  // Not a string, or no package.json at all: schema-package and package-json-required report those.
  { name: 'name not a string', files: revisionFiles('widget', 0, { packageJson: { name: 7 } }), expected: [] },
  { name: 'package.json does not parse', files: revisionFiles('widget', 0, { files: { 'package.json': '{"name": "x",' } }), expected: [] },
  {
    name: 'invalid folder name is left to layout-package-folder',
    files: Object.fromEntries(Object.entries(revisionFiles('widget', 0)).map(([k, v]) => [k.replace('/widget/', '/Widget/'), v])),
    expected: [],
  },
];

for (const c of cases) {
  test(`package-name-matches-folder: ${c.name}`, async () => {
    assert.deepEqual(triples(await check(c.files, [packageNameMatchesFolder])), c.expected);
  });
}
