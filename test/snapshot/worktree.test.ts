import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import type { EntryKind, ReadResult } from '../../scripts/lib/snapshot/types.js';
import { writeTree } from '../helpers/cli.js';

const text = (r: ReadResult): string | undefined => (r.ok ? Buffer.from(r.bytes).toString('utf8') : undefined);
const reason = (r: ReadResult): string => (r.ok ? 'ok' : r.reason);

/** Every way of reading: async or transient, with each kind hint a listing could give (or none). */
async function readAll(snap: WorktreeSnapshot, file: string, max = 1024): Promise<ReadResult[]> {
  const kinds: Array<EntryKind | undefined> = [undefined, 'file', 'dir', 'symlink', 'other'];
  const out: ReadResult[] = [];
  for (const kind of kinds) {
    out.push(await snap.read(file, max, kind));
    const t = snap.readTransientSync(file, max, kind);
    // Transient bytes are only valid until the next read: copy them at once.
    out.push(t.ok ? { ok: true, bytes: Buffer.from(t.bytes) } : t);
  }
  return out;
}

test('worktree: every kind hint reads a regular file the same way', async () => {
  const dir = writeTree({ 'a/b.json': '{"x": 1}', 'empty.json': '' });
  try {
    const snap = new WorktreeSnapshot(dir);
    for (const r of await readAll(snap, 'a/b.json')) assert.equal(text(r), '{"x": 1}');
    for (const r of await readAll(snap, 'empty.json')) assert.equal(text(r), '');
    for (const r of await readAll(snap, 'a/missing.json')) assert.equal(reason(r), 'missing');
    for (const r of await readAll(snap, 'a')) assert.equal(reason(r), 'not-a-file');
    for (const r of await readAll(snap, 'a/b.json/c')) assert.equal(reason(r), 'missing');
    for (const r of await readAll(snap, 'a/b.json', 3)) assert.deepEqual(r, { ok: false, reason: 'too-large', size: 8, limit: 3 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('worktree: a "file" hint that is now a symbolic link is still contained', async () => {
  const dir = writeTree({ 'in.json': '"inside"', 'link.json': { symlink: 'in.json' }, 'out.json': { symlink: '/etc/hostname' }, 'loop.json': { symlink: 'loop.json' } });
  try {
    const snap = new WorktreeSnapshot(dir);
    for (const r of await readAll(snap, 'link.json')) assert.equal(text(r), '"inside"');
    for (const r of await readAll(snap, 'out.json')) assert.deepEqual(r, { ok: false, reason: 'symlink-escape', target: '/etc/hostname' });
    for (const r of await readAll(snap, 'loop.json')) assert.equal(reason(r), 'unreadable');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('worktree: a FIFO is never waited on, whatever the hint says', async (t) => {
  const dir = writeTree({ 'x.json': '{}' });
  try {
    try {
      execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    } catch {
      return t.skip('mkfifo is not available');
    }
    const snap = new WorktreeSnapshot(dir);
    assert.deepEqual((await snap.list(''))?.find((e) => e.name === 'pipe.json')?.kind, 'other');
    // A hint of "file" is what a listing taken before the file became a FIFO would give.
    for (const r of await readAll(snap, 'pipe.json')) assert.equal(reason(r), 'not-a-file');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('worktree: transient reads reuse one buffer; files larger than it get their own', async () => {
  const big = 'x'.repeat(1024 * 1024 + 10);
  const dir = writeTree({ 'small.json': '"s"', 'big.json': big });
  try {
    const snap = new WorktreeSnapshot(dir);
    const a = snap.readTransientSync('small.json', 1 << 22, 'file');
    const b = snap.readTransientSync('small.json', 1 << 22, 'file');
    assert.ok(a.ok && b.ok && a.bytes.buffer === b.bytes.buffer);
    const c = snap.readTransientSync('big.json', 1 << 22, 'file');
    assert.ok(c.ok && c.bytes.byteLength === big.length && c.bytes.buffer !== a.bytes.buffer);
    // The promise API never hands out the shared buffer.
    const d = await snap.read('small.json', 1 << 22, 'file');
    assert.ok(d.ok && d.bytes.buffer !== a.bytes.buffer);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('worktree: paths that would leave the folder are refused', async () => {
  const dir = writeTree({ 'a/x.json': '1' });
  try {
    const snap = new WorktreeSnapshot(dir);
    assert.equal(text(await snap.read('a/../a/x.json', 10, 'file')), '1');
    await assert.rejects(() => snap.read('../outside.json', 10, 'file'), /outside the snapshot/);
    await assert.rejects(() => snap.read('a/../../outside.json', 10), /outside the snapshot/);
    assert.throws(() => snap.readTransientSync('/etc/hostname', 10, 'file'), /outside the snapshot/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
