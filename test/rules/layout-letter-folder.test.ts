import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutLetterFolder } from '../../scripts/lib/rules/layout-letter-folder.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

type Files = Record<string, MemoryFile>;

/** Moves every path under `from` to `to`. */
function moved(files: Files, from: string, to: string): Files {
  const out: Files = {};
  for (const [k, v] of Object.entries(files)) out[k.startsWith(from + '/') ? to + k.slice(from.length) : k] = v;
  return out;
}

const cases: Array<{ name: string; files: Files; expected: Array<[string, string, string]> }> = [
  { name: 'upper-case letters', files: { ...revisionFiles('widget', 0), ...revisionFiles('gadget', 1) }, expected: [] },
  { name: 'lower-case letter', files: moved(revisionFiles('widget', 0), 'packages/W', 'packages/w'), expected: [['layout-letter-folder', 'packages/w', '']] },
  { name: 'two letters', files: moved(revisionFiles('widget', 0), 'packages/W', 'packages/WI'), expected: [['layout-letter-folder', 'packages/WI', '']] },
  { name: 'digit', files: moved(revisionFiles('widget', 0), 'packages/W', 'packages/9'), expected: [['layout-letter-folder', 'packages/9', '']] },
  { name: 'non-ASCII letter', files: moved(revisionFiles('widget', 0), 'packages/W', 'packages/Ä'), expected: [['layout-letter-folder', 'packages/Ä', '']] },
  { name: 'files in packages/ are not letter folders (layout-stray-file)', files: { ...revisionFiles('widget', 0), 'packages/readme': 'x' }, expected: [] },
];

for (const c of cases) {
  test(`layout-letter-folder: ${c.name}`, async () => {
    const diags = await check(c.files, [layoutLetterFolder]);
    assert.deepEqual(triples(diags), c.expected);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}
