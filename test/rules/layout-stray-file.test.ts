import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutStrayFile } from '../../scripts/lib/rules/layout-stray-file.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const base = (): Record<string, MemoryFile> => ({
  ...revisionFiles('widget', 0, { files: { 'command.json': '{"pip": []}', 'job.aurora.mustache': 'jobs = []' } }),
  'repository.json': '{"formatVersion": "1.0", "name": "x"}',
  'README.md': 'files next to packages/ are not the layout',
});

const cases: Array<{ name: string; extra: Record<string, MemoryFile>; remove?: string; expected: Array<[string, string, string]> }> = [
  { name: 'every known revision file, files outside packages/', extra: {}, expected: [] },
  { name: 'file in packages/', extra: { 'packages/README.md': 'x' }, expected: [['layout-stray-file', 'packages/README.md', '']] },
  // A link where a folder belongs is layout-folder-symlink's; inside a revision it is stray.
  { name: 'symbolic link in packages/ is not stray', extra: { 'packages/X': { symlink: 'W' } }, expected: [] },
  { name: 'symbolic link in a revision', extra: { [`${R}/notes`]: { symlink: 'package.json' } }, expected: [['layout-stray-file', `${R}/notes`, '']] },
  { name: 'file in a letter folder', extra: { 'packages/W/.DS_Store': 'x' }, expected: [['layout-stray-file', 'packages/W/.DS_Store', '']] },
  { name: 'file in a package folder', extra: { 'packages/W/widget/package.json': '{}' }, expected: [['layout-stray-file', 'packages/W/widget/package.json', '']] },
  { name: 'unknown file in a revision', extra: { [`${R}/notes.txt`]: 'hello' }, expected: [['layout-stray-file', `${R}/notes.txt`, '']] },
  { name: 'misspelled file in a revision', extra: { [`${R}/Package.json`]: '{}' }, expected: [['layout-stray-file', `${R}/Package.json`, '']] },
  { name: 'folder in a revision', extra: { [`${R}/images/icon.png`]: 'x' }, expected: [['layout-stray-file', `${R}/images`, '']] },
  // A known name that is not a file is file-unreadable's: one diagnostic per root cause.
  { name: 'known name as a folder is not stray', extra: { [`${R}/config.json/x`]: '{}' }, remove: `${R}/config.json`, expected: [] },
];

for (const c of cases) {
  test(`layout-stray-file: ${c.name}`, async () => {
    const files = { ...base(), ...c.extra };
    if (c.remove) delete files[c.remove];
    const diags = await check(files, [layoutStrayFile]);
    assert.deepEqual(triples(diags), c.expected);
    for (const d of diags) assert.equal(d.severity, 'warning');
  });
}
