import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { findUniverse, notFoundMessage } from '../../scripts/lib/snapshot/find-universe.js';

/** A fake disk: the folders that exist. */
const disk = (...folders: string[]) => {
  const set = new Set(folders.map((f) => path.resolve(f)));
  return (p: string) => set.has(path.resolve(p));
};

test('find-universe: the folder itself, or the nearest ancestor, that holds packages/', () => {
  const isFolder = disk('/u/packages', '/u/packages/E/emberkv/0');
  assert.deepEqual(findUniverse('/u', isFolder), { found: true, dir: '/u', how: 'self' });
  assert.deepEqual(findUniverse('/u/packages/E/emberkv/0', isFolder), { found: true, dir: '/u', how: 'self' });
});

test('find-universe: a project checkout holding repo/packages/ gives its repo/', () => {
  const isFolder = disk('/p/repo/packages', '/p/scripts');
  assert.deepEqual(findUniverse('/p', isFolder), { found: true, dir: '/p/repo', how: 'checkout' });
  assert.deepEqual(findUniverse('/p/scripts/cli', isFolder), { found: true, dir: '/p/repo', how: 'checkout' });
});

test('find-universe: the nearest wins, packages/ before repo/packages/ at the same level', () => {
  const isFolder = disk('/a/packages', '/a/b/repo/packages', '/a/b/packages');
  assert.deepEqual(findUniverse('/a/b/c', isFolder), { found: true, dir: '/a/b', how: 'self' });
  assert.deepEqual(findUniverse('/a/x', isFolder), { found: true, dir: '/a', how: 'self' });
});

test('find-universe: nothing found lists every folder tried, nearest first, and the message names the start and the top', () => {
  const r = findUniverse('/x/y/z', disk());
  assert.deepEqual(r, { found: false, start: '/x/y/z', top: '/', tried: ['/x/y/z', '/x/y', '/x', '/'] });
  if (r.found) return;
  const message = notFoundMessage(r);
  assert.match(message, /in \/x\/y\/z and every folder above it up to \/ \(4 folders\)/);
  assert.match(message, /--repo DIR/);
});
