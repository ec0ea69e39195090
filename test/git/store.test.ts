import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import git from 'isomorphic-git';
import { ObjectStore } from '../../scripts/lib/git/store.js';
import { Refs } from '../../scripts/lib/git/refs.js';
import { parseIndexFile } from '../../scripts/lib/git/index-file.js';
import { IndexTree } from '../../scripts/lib/git/sorted-tree.js';
import { blobId } from '../../scripts/lib/git/virtual-tree.js';
import { locateRepository } from '../../scripts/lib/git/locate.js';
import { GitObjects } from '../../scripts/lib/git/objects.js';
import { revisionFiles } from '../helpers/repo.js';
import { TestRepo } from '../helpers/git.js';

/** Every object id of a repository's loose objects. */
function looseIds(gitdir: string): string[] {
  const out: string[] = [];
  const objects = path.join(gitdir, 'objects');
  for (const d of fs.readdirSync(objects)) if (/^[0-9a-f]{2}$/.test(d)) for (const f of fs.readdirSync(path.join(objects, d))) out.push(d + f);
  return out.sort();
}

async function isoRead(dir: string, oid: string): Promise<{ type: string; data: Buffer }> {
  const r = await git.readObject({ fs, dir, oid, format: 'content' });
  return { type: r.type, data: Buffer.from(r.object as Uint8Array) };
}

test('the object store reads every loose and packed object exactly as isomorphic-git does', async () => {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0), ...revisionFiles('beta', 0) });
  try {
    r.write(revisionFiles('alpha', 1));
    await r.commit('alpha 1');
    const gitdir = path.join(r.dir, '.git');
    const ids = looseIds(gitdir);
    const expected = new Map<string, { type: string; data: Buffer }>();
    for (const oid of ids) expected.set(oid, await isoRead(r.dir, oid));
    const loose = new ObjectStore(gitdir);
    for (const oid of ids) assert.deepEqual(loose.read(oid), expected.get(oid), oid);
    assert.equal(loose.read('0'.repeat(40)), undefined);
    assert.deepEqual(loose.expand(ids[0]!.slice(0, 6)), [ids[0]]);
    // Pack everything, drop the loose objects, and read again from the pack.
    const { filename } = await git.packObjects({ fs, dir: r.dir, oids: ids, write: true });
    await git.indexPack({ fs, dir: r.dir, filepath: `.git/objects/pack/${filename}` });
    for (const oid of ids) fs.rmSync(path.join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2)));
    const packed = new ObjectStore(gitdir);
    for (const oid of ids) assert.deepEqual(packed.read(oid), expected.get(oid), oid);
    assert.equal(packed.read('f'.repeat(40)), undefined);
    assert.deepEqual(packed.expand(ids[1]!.slice(0, 8)), [ids[1]]);
    packed.close();
  } finally {
    r.remove();
  }
});

test('the object store resolves offset and reference deltas in packs', () => {
  const gitdir = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-pack-'));
  try {
    const base = Buffer.from('{"id": "/alpha", "cmd": "sleep 1000", "cpus": 0.1, "mem": 32}\n'.repeat(20));
    const x = Buffer.concat([base.subarray(0, 200), Buffer.from('INSERTED'), base.subarray(300)]);
    const y = Buffer.concat([Buffer.from('prefix '), base.subarray(0, 50)]);
    const z = Buffer.concat([x.subarray(0, 100), Buffer.from('!')]); // a delta on a delta
    const ids = { base: blobId(base), x: blobId(x), y: blobId(y), z: blobId(z) };
    const objects = [
      { oid: ids.base, body: packEntry(3, base.length, deflateSync(base)) },
      { oid: ids.x, delta: 'ofs' as const, of: ids.base, data: delta(base, x, [[0, 200], 'INSERTED', [300, base.length - 300]]) },
      { oid: ids.y, delta: 'ref' as const, of: ids.base, data: delta(base, y, ['prefix ', [0, 50]]) },
      { oid: ids.z, delta: 'ofs' as const, of: ids.x, data: delta(x, z, [[0, 100], '!']) },
    ];
    writePack(gitdir, objects);
    const store = new ObjectStore(gitdir);
    assert.deepEqual(store.read(ids.base), { type: 'blob', data: base });
    assert.deepEqual(store.read(ids.x), { type: 'blob', data: x });
    assert.deepEqual(store.read(ids.y), { type: 'blob', data: y });
    assert.deepEqual(store.read(ids.z), { type: 'blob', data: z });
    store.close();
  } finally {
    fs.rmSync(gitdir, { recursive: true, force: true });
  }
});

test('applying a delta checks sizes and refuses zero instructions', () => {
  const gitdir = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-delta-'));
  try {
    const base = Buffer.alloc(0x10000 + 5, 7);
    const abc = Buffer.from('abc');
    const copied = base.subarray(0, 0x10000);
    const bad = { baseSize: 'e1'.repeat(20), zero: 'e2'.repeat(20), resultSize: 'e3'.repeat(20) };
    writePack(gitdir, [
      { oid: blobId(base), body: packEntry(3, base.length, deflateSync(base)) },
      { oid: blobId(abc), body: packEntry(3, abc.length, deflateSync(abc)) },
      // A copy with no size bytes copies 0x10000 bytes.
      { oid: blobId(copied), delta: 'ref', of: blobId(base), data: Buffer.from([...varint(base.length), ...varint(0x10000), 0x80]) },
      { oid: bad.baseSize, delta: 'ref', of: blobId(base), data: Buffer.from([...varint(3), ...varint(1), 1, 65]) },
      { oid: bad.zero, delta: 'ref', of: blobId(abc), data: Buffer.from([3, 1, 0]) },
      { oid: bad.resultSize, delta: 'ref', of: blobId(abc), data: Buffer.from([3, 2, 1, 65]) },
    ]);
    const store = new ObjectStore(gitdir);
    assert.deepEqual(store.read(blobId(copied)), { type: 'blob', data: copied });
    assert.throws(() => store.read(bad.baseSize), /base size/);
    assert.throws(() => store.read(bad.zero), /zero instruction/);
    assert.throws(() => store.read(bad.resultSize), /result size/);
    store.close();
  } finally {
    fs.rmSync(gitdir, { recursive: true, force: true });
  }
});

test('refs resolve through loose files, packed-refs, symbolic refs and the usual prefixes', () => {
  const gitdir = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-refs-'));
  try {
    const [a, b, c] = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
    fs.mkdirSync(path.join(gitdir, 'refs/heads'), { recursive: true });
    fs.writeFileSync(path.join(gitdir, 'HEAD'), 'ref: refs/heads/main\n');
    fs.writeFileSync(path.join(gitdir, 'refs/heads/main'), `${a}\n`);
    fs.writeFileSync(path.join(gitdir, 'packed-refs'), `# pack-refs with: peeled\n${b} refs/remotes/origin/main\n${c} refs/tags/v1\n^${a}\n`);
    const refs = new Refs(gitdir);
    assert.equal(refs.resolve('HEAD'), a);
    assert.equal(refs.resolve('main'), a);
    assert.equal(refs.resolve('origin/main'), b);
    assert.equal(refs.resolve('refs/remotes/origin/main'), b);
    assert.equal(refs.resolve('v1'), c);
    assert.equal(refs.resolve('nope'), undefined);
  } finally {
    fs.rmSync(gitdir, { recursive: true, force: true });
  }
});

test('the index cache-tree extension supplies tree ids, and what it does not cover is hashed', async () => {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0), ...revisionFiles('beta', 0) });
  try {
    const objects = new GitObjects(locateRepository(r.repoDir));
    const root = (await objects.readCommit(await r.resolve())).tree;
    const raw = fs.readFileSync(path.join(r.dir, '.git/index'));
    const betaTree = (await objects.treeAt(root, 'repo/packages/B'))!;
    // Append a TREE extension vouching for repo/packages/B only (as git does after staging elsewhere).
    const ext = Buffer.concat([
      Buffer.from('\0-1 1\n'),
      Buffer.from('repo\0-1 1\n'),
      Buffer.from('packages\0-1 1\n'),
      Buffer.from('B\x003 1\n'),
      Buffer.from(betaTree, 'hex'),
      Buffer.from('beta\x00-1 0\n'),
    ]);
    const body = Buffer.concat([raw.subarray(0, raw.length - 20), Buffer.from('TREE'), u32(ext.length), ext]);
    const withTree = Buffer.concat([body, createHash('sha1').update(body).digest()]);
    const index = parseIndexFile(withTree);
    assert.deepEqual([...index.treeCache], [['repo/packages/B', betaTree]]);
    const tree = new IndexTree(index);
    assert.equal(tree.treeId(''), root);
    assert.equal(tree.treeId('repo/packages/A'), await objects.treeAt(root, 'repo/packages/A'));
  } finally {
    r.remove();
  }
});

test('merge bases: a fork point, one side an ancestor, and unrelated histories', async () => {
  const r = await TestRepo.create(revisionFiles('alpha', 0));
  try {
    const root = await r.resolve();
    await r.branch('side', { checkout: true });
    r.write(revisionFiles('beta', 0));
    const side = await r.commit('side');
    await r.checkout('main');
    r.write(revisionFiles('gamma', 0));
    const main = await r.commit('main');
    const objects = new GitObjects(locateRepository(r.repoDir));
    assert.deepEqual(await objects.mergeBase(side, main), [root]);
    assert.deepEqual(await objects.mergeBase(root, main), [root]);
    assert.deepEqual(await objects.mergeBase(main, main), [main]);
    const orphan = await git.commit({ fs, dir: r.dir, message: 'orphan', tree: (await objects.readCommit(root)).tree, parent: [], author: { name: 't', email: 't@e', timestamp: 1, timezoneOffset: 0 }, ref: 'refs/heads/orphan' });
    assert.deepEqual(await objects.mergeBase(orphan, main), []);
  } finally {
    r.remove();
  }
});

// --- a minimal pack writer with deltas, for the tests above ---

function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** A git delta from copy ([offset, length]) and insert (string) instructions. */
function delta(base: Buffer, result: Buffer, ops: Array<[number, number] | string>): Buffer {
  const out: number[] = [...varint(base.length), ...varint(result.length)];
  for (const op of ops) {
    if (typeof op === 'string') out.push(op.length, ...Buffer.from(op));
    else {
      const [off, len] = op;
      let cmd = 0x80;
      const args: number[] = [];
      for (let b = 0; b < 4; b++) if ((off >> (8 * b)) & 0xff) (cmd |= 1 << b), args.push((off >> (8 * b)) & 0xff);
      for (let b = 0; b < 3; b++) if ((len >> (8 * b)) & 0xff) (cmd |= 0x10 << b), args.push((len >> (8 * b)) & 0xff);
      out.push(cmd, ...args);
    }
  }
  return Buffer.from(out);
}

function packEntry(type: number, size: number, rest: Buffer): Buffer {
  const head: number[] = [];
  let b = (type << 4) | (size & 15);
  let s = Math.floor(size / 16);
  while (s > 0) {
    head.push(b | 0x80);
    b = s & 0x7f;
    s = Math.floor(s / 128);
  }
  head.push(b);
  return Buffer.concat([Buffer.from(head), rest]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

type PackObject = { oid: string; body: Buffer } | { oid: string; delta: 'ofs' | 'ref'; of: string; data: Buffer };

function writePack(gitdir: string, objects: PackObject[]): void {
  const parts: Buffer[] = [Buffer.from('PACK'), u32(2), u32(objects.length)];
  let offset = 12;
  const offsets = new Map<string, number>();
  const crcs = new Map<string, number>();
  for (const o of objects) {
    let entry: Buffer;
    if ('body' in o) entry = o.body;
    else if (o.delta === 'ofs') {
      const back = offset - offsets.get(o.of)!;
      const enc: number[] = [back & 0x7f];
      let n = back >> 7;
      while (n > 0) {
        n -= 1;
        enc.unshift(0x80 | (n & 0x7f));
        n >>= 7;
      }
      entry = packEntry(6, o.data.length, Buffer.concat([Buffer.from(enc), deflateSync(o.data)]));
    } else entry = packEntry(7, o.data.length, Buffer.concat([Buffer.from(o.of, 'hex'), deflateSync(o.data)]));
    offsets.set(o.oid, offset);
    crcs.set(o.oid, 0);
    parts.push(entry);
    offset += entry.length;
  }
  const pack = Buffer.concat(parts);
  const packSum = createHash('sha1').update(pack).digest();
  const dir = path.join(gitdir, 'objects/pack');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pack-test.pack'), Buffer.concat([pack, packSum]));
  const sorted = objects.map((o) => o.oid).sort();
  const fan = Buffer.alloc(1024);
  for (let i = 0; i < 256; i++) fan.writeUInt32BE(sorted.filter((id) => parseInt(id.slice(0, 2), 16) <= i).length, i * 4);
  const idx = Buffer.concat([
    Buffer.from([0xff, 0x74, 0x4f, 0x63]),
    u32(2),
    fan,
    ...sorted.map((id) => Buffer.from(id, 'hex')),
    ...sorted.map((id) => u32(crcs.get(id)!)),
    ...sorted.map((id) => u32(offsets.get(id)!)),
    packSum,
  ]);
  fs.writeFileSync(path.join(dir, 'pack-test.idx'), Buffer.concat([idx, createHash('sha1').update(idx).digest()]));
}
