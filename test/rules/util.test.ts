import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PackageDir, Revision } from '../../scripts/lib/catalog/types.js';
import { compareDotted, latestRevision, listForMessage, parseDotted } from '../../scripts/lib/rules/util.js';

test('util: dotted integers compare numerically, missing parts as zero', () => {
  assert.deepEqual(parseDotted('1.10.2'), [1, 10, 2]);
  assert.equal(parseDotted('1.x'), undefined);
  assert.equal(parseDotted(''), undefined);
  assert.equal(compareDotted('1.10', '1.9'), 1);
  assert.equal(compareDotted('1.7.9', '1.8'), -1);
  assert.equal(compareDotted('1.8', '1.8.0'), 0);
  assert.equal(compareDotted('2', '1.13'), 1);
  assert.equal(compareDotted('1.8', 'latest'), undefined);
});

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
