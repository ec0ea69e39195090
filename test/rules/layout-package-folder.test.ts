import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutPackageFolder } from '../../scripts/lib/rules/layout-package-folder.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

type Files = Record<string, MemoryFile>;

/** A revision of `name` placed in the folder `folder` (package.json keeps the valid name). */
function inFolder(folder: string, letter = folder[0]!.toUpperCase()): Files {
  const out: Files = {};
  for (const [k, v] of Object.entries(revisionFiles('widget', 0))) out[k.replace('packages/W/widget/', `packages/${letter}/${folder}/`)] = v;
  return out;
}

const cases: Array<{ name: string; folder: string; expected: boolean }> = [
  { name: 'plain name', folder: 'widget', expected: false },
  { name: 'digits and hyphens', folder: 'w1dget-2', expected: false },
  { name: 'two characters', folder: 'ab', expected: false },
  { name: 'upper case', folder: 'Widget', expected: true },
  { name: 'single character', folder: 'w', expected: true },
  { name: 'trailing hyphen', folder: 'widget-', expected: true },
  { name: 'leading digit', folder: '9widget', expected: true },
  { name: 'underscore', folder: 'my_widget', expected: true },
  { name: 'dot', folder: 'widget.io', expected: true },
  { name: 'the longest name', folder: `w${'x'.repeat(127)}`, expected: false },
  { name: 'longer than the build can name files after', folder: `w${'x'.repeat(128)}`, expected: true },
  { name: 'longer than a file name may be', folder: `w${'x'.repeat(254)}`, expected: true },
];

for (const c of cases) {
  test(`layout-package-folder: ${c.name} (${c.folder})`, async () => {
    const letter = c.folder[0]!.toUpperCase();
    const diags = await check(inFolder(c.folder), [layoutPackageFolder]);
    assert.deepEqual(triples(diags), c.expected ? [['layout-package-folder', `packages/${letter}/${c.folder}`, '']] : []);
  });
}
