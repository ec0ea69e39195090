import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutRevisionFolder } from '../../scripts/lib/rules/layout-revision-folder.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

function inRevisionFolder(folder: string): Record<string, MemoryFile> {
  const out: Record<string, MemoryFile> = {};
  for (const [k, v] of Object.entries(revisionFiles('widget', 0))) out[k.replace('packages/W/widget/0/', `packages/W/widget/${folder}/`)] = v;
  return out;
}

const valid = ['0', '1', '10', '205', '999999999'];
const invalid = ['01', '00', '-1', '+1', '1.0', 'latest', ' 1', '1e3', '1234567890'];

for (const folder of valid) {
  test(`layout-revision-folder: '${folder}' is a revision number`, async () => {
    assert.deepEqual(triples(await check(inRevisionFolder(folder), [layoutRevisionFolder])), []);
  });
}

for (const folder of invalid) {
  test(`layout-revision-folder: '${folder}' is not a revision number`, async () => {
    assert.deepEqual(triples(await check(inRevisionFolder(folder), [layoutRevisionFolder])), [
      ['layout-revision-folder', `packages/W/widget/${folder}`, ''],
    ]);
  });
}

test('layout-revision-folder: only the bad folder of a package is reported', async () => {
  const files = { ...revisionFiles('widget', 0), ...revisionFiles('widget', 1), ...inRevisionFolder('02') };
  assert.deepEqual(triples(await check(files, [layoutRevisionFolder])), [['layout-revision-folder', 'packages/W/widget/02', '']]);
});
