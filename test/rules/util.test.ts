import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PackageDir, Revision } from '../../scripts/lib/catalog/types.js';
import { latestRevision, listForMessage } from '../../scripts/lib/rules/util.js';

test('util: the latest revision is the highest number, never a non-numeric folder', () => {
  const rev = (folder: string, number: number | undefined): Revision => ({ packageName: 'w', dir: `d/${folder}`, folder, number, entries: [], files: {} });
  const pkg = (revisions: Revision[]): PackageDir => ({ name: 'w', letter: 'W', dir: 'd', entries: [], revisions });
  assert.equal(latestRevision(pkg([rev('2', 2), rev('10', 10), rev('latest', undefined)]))?.folder, '10');
  assert.equal(latestRevision(pkg([rev('latest', undefined)])), undefined);
});

test('util: lists in messages are quoted and capped', () => {
  assert.equal(listForMessage(['a', 'b']), "'a', 'b'");
  assert.equal(listForMessage(['a', 'b', 'c'], 2), "'a', 'b' and 1 more");
});
