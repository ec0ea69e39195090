import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { layoutEmptyFolder } from '../../scripts/lib/rules/layout-empty-folder.js';
import { layoutFolderSymlink } from '../../scripts/lib/rules/layout-folder-symlink.js';
import { layoutStrayFile } from '../../scripts/lib/rules/layout-stray-file.js';
import { runRules } from '../../scripts/lib/rules/run.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { writeTree } from '../helpers/cli.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const W = 'packages/W/widget';
const base = (): Record<string, MemoryFile> => ({ ...revisionFiles('widget', 0), ...revisionFiles('widget', 1) });

/** Writes the files into a temporary folder with real symbolic links and runs the layout rules there. */
async function onDisk(files: Record<string, MemoryFile>) {
  const dir = writeTree(files);
  try {
    const catalog = await loadCatalog(new WorktreeSnapshot(dir));
    return await runRules(catalog, defaultSettings(), [layoutFolderSymlink, layoutStrayFile, layoutEmptyFolder]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const cases: Array<{ name: string; extra: Record<string, MemoryFile>; expected: Array<[string, string, string]> }> = [
  { name: 'real folders only', extra: {}, expected: [] },
  { name: 'a revision folder that is a link', extra: { [`${W}/2`]: { symlink: '1' } }, expected: [['layout-folder-symlink', `${W}/2`, '']] },
  { name: 'a package folder that is a link', extra: { 'packages/W/gadget': { symlink: 'widget' } }, expected: [['layout-folder-symlink', 'packages/W/gadget', '']] },
  { name: 'a letter folder that is a link', extra: { 'packages/X': { symlink: 'W' } }, expected: [['layout-folder-symlink', 'packages/X', '']] },
  { name: 'a link to a file where a folder belongs', extra: { 'packages/W/notes': { symlink: 'widget/0/package.json' } }, expected: [['layout-folder-symlink', 'packages/W/notes', '']] },
  { name: 'a dangling link', extra: { [`${W}/3`]: { symlink: 'nowhere' } }, expected: [['layout-folder-symlink', `${W}/3`, '']] },
];

for (const c of cases) {
  test(`layout-folder-symlink: ${c.name}, on disk with real links`, async () => {
    const diags = await onDisk({ ...base(), ...c.extra });
    assert.deepEqual(triples(diags), c.expected);
    for (const d of diags) {
      assert.equal(d.severity, 'error');
      assert.match(d.message, /symbolic link where .* belongs.*replace the link with a real folder/);
    }
  });
}

test('layout-folder-symlink: the same from a memory snapshot (as git trees list links)', async () => {
  const diags = await check({ ...base(), [`${W}/2`]: { symlink: '1' } }, [layoutFolderSymlink]);
  assert.deepEqual(triples(diags), [['layout-folder-symlink', `${W}/2`, '']]);
});

test('layout-folder-symlink: a package whose only revision is a link gets the error, not an empty-folder warning', async () => {
  const diags = await onDisk({ ...revisionFiles('widget', 0), 'packages/G/gadget/0': { symlink: '../../W/widget/0' } });
  assert.deepEqual(triples(diags), [['layout-folder-symlink', 'packages/G/gadget/0', '']]);
});

test('layout-folder-symlink: validation of a universe with a linked revision fails with an error on the link', async () => {
  const dir = writeTree({ ...base(), [`${W}/2`]: { symlink: '1' } });
  try {
    const r = await validateSnapshot(new WorktreeSnapshot(dir));
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity, d.file]), [['layout-folder-symlink', 'error', `${W}/2`]]);
    assert.equal(r.summary.revisions, 2, 'the link is not followed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
