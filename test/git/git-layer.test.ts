import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import git from 'isomorphic-git';
import { parseIndexFile, IndexFormatError } from '../../scripts/lib/git/index-file.js';
import { readIndex, stagedTree, indexView, treeCacheBelow } from '../../scripts/lib/git/index-read.js';
import { locateRepository } from '../../scripts/lib/git/locate.js';
import { GitObjects } from '../../scripts/lib/git/objects.js';
import { commitTreeLister, GitSnapshot, virtualTreeLister, type TreeLister } from '../../scripts/lib/git/snapshot.js';
import { diffTrees } from '../../scripts/lib/git/diff.js';
import { blobId, VirtualTree } from '../../scripts/lib/git/virtual-tree.js';
import { worktreeTree } from '../../scripts/lib/git/worktree-tree.js';
import { allowTrailers, commitsBetween } from '../../scripts/lib/git/history.js';
import { revisionFiles } from '../helpers/repo.js';
import { TestRepo } from '../helpers/git.js';

const three = { ...revisionFiles('alpha', 0), ...revisionFiles('alpha', 1), ...revisionFiles('beta', 0), ...revisionFiles('gamma', 0) };

test('the index parser reads what isomorphic-git wrote: paths, blob ids, modes', async () => {
  const r = await TestRepo.create(three);
  try {
    const f = readIndex(locateRepository(r.repoDir)).file!;
    const entries = f.paths.map((_, i) => f.entry(i));
    assert.deepEqual(entries.map((e) => e.path), await git.listFiles({ fs, dir: r.dir }));
    for (const e of entries) {
      assert.equal(e.oid, blobId(fs.readFileSync(path.join(r.dir, e.path))));
      assert.equal(e.mode, 0o100644);
      assert.equal(e.stage, 0);
    }
  } finally {
    r.remove();
  }
});

test('the index parser reads version 4 (prefix-compressed paths) and refuses corrupt files', () => {
  const files = [
    { path: 'repo/packages/A/alpha/0/config.json', oid: 'a'.repeat(40) },
    { path: 'repo/packages/A/alpha/0/package.json', oid: 'b'.repeat(40) },
    { path: 'repo/packages/A/alpha/10/package.json', oid: 'c'.repeat(40) },
    { path: 'x', oid: 'd'.repeat(40) },
  ];
  for (const version of [2, 4]) {
    const bytes = encodeIndex(files, version);
    const index = parseIndexFile(bytes);
    assert.deepEqual(index.paths.map((p, i) => [p, index.oid(i)]), files.map((f) => [f.path, f.oid]), `version ${version}`);
    const corrupt = Buffer.from(bytes);
    corrupt[20] = corrupt[20]! ^ 1;
    assert.throws(() => parseIndexFile(corrupt), IndexFormatError);
  }
  assert.throws(() => parseIndexFile(Buffer.from('DIRC')), IndexFormatError);
});

test('tree ids computed from the index and from the working tree equal the committed tree ids', async () => {
  const r = await TestRepo.create(three);
  try {
    const loc = locateRepository(r.repoDir);
    const objects = new GitObjects(loc);
    const commit = await objects.readCommit(await r.resolve());
    const state = readIndex(loc);
    const staged = stagedTree(state)!;
    assert.equal(staged.treeId(''), commit.tree);
    assert.equal(staged.treeId('repo/packages/A'), await objects.treeAt(commit.tree, 'repo/packages/A'));
    const work = worktreeTree(r.repoDir, indexView(state, 'repo'), state.mtimeSeconds, treeCacheBelow(state, 'repo'));
    assert.equal(work.treeId(''), await objects.treeAt(commit.tree, 'repo'));
    assert.equal(work.treeId('packages/B/beta'), await objects.treeAt(commit.tree, 'repo/packages/B/beta'));
  } finally {
    r.remove();
  }
});

test('an edit of the same size in the same second as the index write is still seen (racily clean)', async () => {
  const r = await TestRepo.create(three);
  try {
    const file = path.join(r.repoDir, 'packages/B/beta/0/marathon.json.mustache');
    const before = fs.readFileSync(file, 'utf8');
    const st = fs.statSync(file);
    fs.writeFileSync(file, before.replace('sleep 1000', 'sleep 2000'));
    fs.utimesSync(file, st.atime, st.mtime); // same size, same mtime as staged
    const loc = locateRepository(r.repoDir);
    const state = readIndex(loc);
    const work = worktreeTree(r.repoDir, indexView(state, 'repo'), state.mtimeSeconds, treeCacheBelow(state, 'repo'));
    assert.equal(work.file('packages/B/beta/0/marathon.json.mustache')?.oid, blobId(fs.readFileSync(file)));
  } finally {
    r.remove();
  }
});

test('comparing trees never lists a directory whose id did not change', async () => {
  const r = await TestRepo.create(three);
  try {
    const base = await r.resolve();
    r.write({ 'packages/B/beta/0/package.json': JSON.stringify({ packagingVersion: '4.0', name: 'beta', version: '9.9.9' }) });
    const head = await r.commit('edit beta');
    const objects = new GitObjects(locateRepository(r.repoDir));
    const listed: string[] = [];
    const counting = (l: TreeLister): TreeLister => (dir) => {
      listed.push(dir);
      return l(dir);
    };
    const tree = async (c: string): Promise<string> => (await objects.readCommit(c)).tree;
    const changed = await diffTrees(counting(commitTreeLister(objects, await tree(base), 'repo')), counting(commitTreeLister(objects, await tree(head), 'repo')));
    assert.deepEqual(changed, [{ path: 'packages/B/beta/0/package.json', status: 'modified' }]);
    assert.ok(!listed.some((d) => d.includes('alpha') || d.includes('gamma') || d === 'packages/A' || d === 'packages/G'), listed.join(', '));
  } finally {
    r.remove();
  }
});

test('a git snapshot reads files, follows symbolic links inside and refuses those leaving it', async () => {
  const r = await TestRepo.create({ ...three, 'packages/A/alpha/1/config.json': { symlink: '../0/config.json' }, 'packages/B/beta/0/config.json': { symlink: '../../../../../etc/passwd' } });
  try {
    const objects = new GitObjects(locateRepository(r.repoDir));
    const snap = new GitSnapshot('HEAD', objects, commitTreeLister(objects, (await objects.readCommit(await r.resolve())).tree, 'repo'));
    const linked = await snap.read('packages/A/alpha/1/config.json', 1 << 20);
    assert.ok(linked.ok);
    assert.equal(Buffer.from(linked.bytes).toString(), fs.readFileSync(path.join(r.repoDir, 'packages/A/alpha/0/config.json'), 'utf8'));
    assert.equal((await snap.read('packages/B/beta/0/config.json', 1 << 20)).ok, false);
    assert.deepEqual(await snap.read('packages/B/beta/0/package.json', 10), { ok: false, reason: 'too-large', size: fs.statSync(path.join(r.repoDir, 'packages/B/beta/0/package.json')).size, limit: 10 });
    assert.equal((await snap.read('packages/Z/none', 100)).ok, false);
    assert.equal((await snap.list('packages/A/alpha'))?.map((e) => e.name).join(), '0,1');
  } finally {
    r.remove();
  }
});

test('commits between base and head exclude what the base branch already has, merges included', async () => {
  const r = await TestRepo.create(three);
  try {
    const root = await r.resolve();
    await r.branch('feature', { checkout: true });
    r.write(revisionFiles('alpha', 2));
    const f1 = await r.commit('alpha 2\n\nUniverse-Allow: breaking/revision-changed alpha/1: fixing a typo');
    await r.checkout('main');
    r.write(revisionFiles('beta', 1));
    const m1 = await r.commit('beta 1\n\nUniverse-Allow: breaking/revision-removed beta/0: main-only');
    await r.checkout('feature');
    r.write(revisionFiles('beta', 1));
    const merge = await r.commit('merge main', { parents: [f1, m1] });
    const objects = new GitObjects(locateRepository(r.repoDir));
    const between = await commitsBetween(objects, m1, merge);
    assert.deepEqual(between.map((c) => c.oid).sort(), [f1, merge].sort());
    assert.deepEqual(allowTrailers(between).map((t) => [t.check, t.target, t.reason]), [['breaking/revision-changed', 'alpha/1', 'fixing a typo']]);
    assert.deepEqual(await objects.mergeBase(merge, m1), [m1]);
    assert.equal((await commitsBetween(objects, undefined, root)).length, 1);
  } finally {
    r.remove();
  }
});

test('check: the working tree, the index and a ref each see their own changes', async () => {
  const r = await TestRepo.create(three);
  try {
    r.write(revisionFiles('beta', 1));
    await r.stageAll();
    r.write(revisionFiles('gamma', 1));
    const pkgs = (rep: Awaited<ReturnType<TestRepo['check']>>): string[] => rep.changes.packages.map((p) => `${p.name}:${p.revisions.map((x) => `${x.folder}${x.status[0]}`).join('')}`);
    assert.deepEqual(pkgs(await r.check({ staged: true })), ['beta:1a']);
    assert.deepEqual(pkgs(await r.check()), ['beta:1a', 'gamma:1a']);
    const c = await r.commit('both');
    assert.deepEqual(pkgs(await r.check({ base: `${c}~1`, head: c })), ['beta:1a', 'gamma:1a']);
    assert.deepEqual(pkgs(await r.check({ base: 'HEAD' })), []);
  } finally {
    r.remove();
  }
});

test('check: a renamed revision is a removal plus an addition; a renamed package too', async () => {
  const r = await TestRepo.create(three);
  try {
    r.move('packages/A/alpha/1', 'packages/A/alpha/5');
    const rep = await r.check({ base: 'HEAD' });
    assert.deepEqual(rep.changes.packages.map((p) => [p.name, p.revisions.map((x) => [x.folder, x.status])]), [['alpha', [['1', 'removed'], ['5', 'added']]]]);
  } finally {
    r.remove();
  }
});

test('check: the default base is the merge base with origin/main, then main', async () => {
  const r = await TestRepo.create(three);
  try {
    const root = await r.resolve();
    await r.setRef('refs/remotes/origin/main', root);
    await r.branch('feature', { checkout: true });
    r.write(revisionFiles('alpha', 2));
    await r.commit('alpha 2');
    await r.checkout('main');
    r.write(revisionFiles('beta', 1));
    const m = await r.commit('beta 1 on main');
    await r.setRef('refs/remotes/origin/main', m);
    await r.checkout('feature');
    const rep = await r.check();
    assert.equal(rep.base.commit, root);
    assert.deepEqual(rep.changes.packages.map((p) => p.name), ['alpha']);
  } finally {
    r.remove();
  }
});

test('check: a shallow clone missing the base says how to fetch history (exit 2)', async () => {
  const r = await TestRepo.create(three);
  try {
    const first = await r.resolve();
    r.write(revisionFiles('beta', 1));
    const second = await r.commit('beta 1');
    // Make the clone shallow at `second`: its parent's objects are gone.
    fs.writeFileSync(path.join(r.dir, '.git/shallow'), `${second}\n`);
    fs.rmSync(path.join(r.dir, '.git/objects', first.slice(0, 2), first.slice(2)));
    const res = await r.cli(['--base', 'HEAD~1', '--head', 'HEAD']);
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stderr, /shallow clone/);
    assert.match(res.stderr, /fetch-depth: 0/);
    assert.doesNotMatch(res.stderr, /at .*\.js:\d+/);
    const byId = await r.cli(['--base', first, '--head', 'HEAD']);
    assert.equal(byId.code, 2);
    assert.match(byId.stderr, /shallow clone/);
  } finally {
    r.remove();
  }
});

/** Encodes a minimal index (stage 0, zero stat data) in version 2 or 4, as git lays it out. */
function encodeIndex(files: Array<{ path: string; oid: string }>, version: number): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(12);
  header.write('DIRC', 0, 'latin1');
  header.writeUInt32BE(version, 4);
  header.writeUInt32BE(files.length, 8);
  parts.push(header);
  let previous = '';
  for (const f of files) {
    const fixed = Buffer.alloc(62);
    fixed.writeUInt32BE(0o100644, 24);
    Buffer.from(f.oid, 'hex').copy(fixed, 40);
    fixed.writeUInt16BE(Math.min(f.path.length, 0xfff), 60);
    if (version === 4) {
      let common = 0;
      while (common < previous.length && common < f.path.length && previous[common] === f.path[common]) common++;
      const strip = previous.length - common;
      assert.ok(strip < 128);
      parts.push(fixed, Buffer.from([strip]), Buffer.from(f.path.slice(common) + '\0', 'utf8'));
    } else {
      const name = Buffer.from(f.path, 'utf8');
      const len = 62 + name.length;
      const padded = (len + 8) & ~7;
      parts.push(fixed, name, Buffer.alloc(padded - len));
    }
    previous = f.path;
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

test('the working tree takes a directory id from the cache-tree only when everything below it matches the index', async () => {
  const r = await TestRepo.create(three);
  try {
    const state = readIndex(locateRepository(r.repoDir));
    // A made-up id proves the cache is used as it is (git vouches for it), not recomputed.
    const vouched = new Map([
      ['packages/A/alpha', 'a'.repeat(40)],
      ['packages/B/beta', 'b'.repeat(40)],
      ['packages/G/gamma', 'c'.repeat(40)],
    ]);
    fs.writeFileSync(path.join(r.repoDir, 'packages/B/beta/0/config.json'), '{}');
    fs.writeFileSync(path.join(r.repoDir, 'packages/G/gamma/0/extra.txt'), 'untracked');
    const work = worktreeTree(r.repoDir, indexView(state, 'repo'), state.mtimeSeconds, vouched);
    assert.equal(work.treeId('packages/A/alpha'), 'a'.repeat(40), 'clean: the cache-tree id');
    assert.notEqual(work.treeId('packages/B/beta'), 'b'.repeat(40), 'an edited file: hashed');
    assert.notEqual(work.treeId('packages/G/gamma'), 'c'.repeat(40), 'an untracked file: hashed');
  } finally {
    r.remove();
  }
});
