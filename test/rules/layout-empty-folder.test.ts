import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { layoutEmptyFolder } from '../../scripts/lib/rules/layout-empty-folder.js';
import { runRules } from '../../scripts/lib/rules/run.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

test('layout-empty-folder: packages with revisions are fine', async () => {
  assert.deepEqual(await check(revisionFiles('widget', 0), [layoutEmptyFolder]), []);
});

test('layout-empty-folder: a package folder holding only a stray file has no revision', async () => {
  const diags = await check({ ...revisionFiles('widget', 0), 'packages/G/gadget/README.md': 'todo' }, [layoutEmptyFolder]);
  assert.deepEqual(triples(diags), [['layout-empty-folder', 'packages/G/gadget', '']]);
  assert.equal(diags[0]!.severity, 'warning');
});

test('layout-empty-folder: empty letter and package folders on disk', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-empty-'));
  try {
    fs.mkdirSync(path.join(root, 'packages/Q'), { recursive: true });
    fs.mkdirSync(path.join(root, 'packages/W/widget'), { recursive: true });
    const settings = defaultSettings();
    const diags = await runRules(await loadCatalog(new WorktreeSnapshot(root)), settings, [layoutEmptyFolder]);
    assert.deepEqual(triples(diags), [
      ['layout-empty-folder', 'packages/Q', ''],
      ['layout-empty-folder', 'packages/W/widget', ''],
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
