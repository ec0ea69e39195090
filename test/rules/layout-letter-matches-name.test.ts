import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutLetterMatchesName } from '../../scripts/lib/rules/layout-letter-matches-name.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

type Files = Record<string, MemoryFile>;

function inLetter(letter: string, name = 'widget'): Files {
  const out: Files = {};
  const from = `packages/${name[0]!.toUpperCase()}/${name}/`;
  for (const [k, v] of Object.entries(revisionFiles(name, 0))) out[k.replace(from, `packages/${letter}/${name}/`)] = v;
  return out;
}

const cases: Array<{ name: string; files: Files; expected: Array<[string, string, string]> }> = [
  { name: 'matching letter', files: inLetter('W'), expected: [] },
  { name: 'other letter', files: inLetter('X'), expected: [['layout-letter-matches-name', 'packages/X/widget', '']] },
  { name: 'several packages, one misplaced', files: { ...inLetter('W'), ...inLetter('W', 'gadget') }, expected: [['layout-letter-matches-name', 'packages/W/gadget', '']] },
  // layout-letter-folder reports the letter folder itself; one diagnostic per root cause.
  { name: 'invalid letter folder is skipped', files: inLetter('w'), expected: [] },
];

for (const c of cases) {
  test(`layout-letter-matches-name: ${c.name}`, async () => {
    assert.deepEqual(triples(await check(c.files, [layoutLetterMatchesName])), c.expected);
  });
}
