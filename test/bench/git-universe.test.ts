import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import git from 'isomorphic-git';
import { commitChange, ensureGitUniverse, resetChange, stageChange, unstageChange, worktreeChange, type GitUniverse } from '../../scripts/bench/git-universe.js';
import { bumpVersion } from '../../scripts/bench/git-change.js';
import { decodeIndex } from '../../scripts/bench/git-index.js';
import { writeTree } from '../helpers/cli.js';
import { listFiles } from '../helpers/paths.js';
import { revisionFiles } from '../helpers/repo.js';

/**
 * A tiny source universe: `web` and `web-ui` share a letter folder (git orders `web-ui` before
 * `web/` in trees), `web` has revisions 0, 2 and 10 (10 is the highest, not "2"), one file is
 * executable and one folder is empty (git cannot hold it; the generator must not choke on it).
 */
function source(): string {
  const dir = writeTree(
    {
      ...revisionFiles('alpha', 0),
      ...revisionFiles('alpha', 1),
      ...revisionFiles('web', 0),
      ...revisionFiles('web', 2),
      ...revisionFiles('web', 10),
      ...revisionFiles('web-ui', 0),
    },
    'universe-git-src-',
  );
  fs.chmodSync(path.join(dir, 'packages/A/alpha/1/resource.json'), 0o755);
  fs.mkdirSync(path.join(dir, 'packages/E/empty'), { recursive: true });
  return dir;
}

async function withUniverse(fn: (u: GitUniverse, src: string, target: string) => Promise<void>): Promise<void> {
  const src = source();
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-git-'));
  try {
    await fn(ensureGitUniverse(src, target, { changePackage: 'web' }), src, target);
  } finally {
    fs.rmSync(src, { recursive: true, force: true });
    fs.rmSync(target, { recursive: true, force: true });
  }
}

/**
 * statusMatrix rows as `path head workdir stage`, without the clean ones. isomorphic-git derives
 * nanoseconds from a float mtimeMs, so against an index with git's exact stat data (ours, or a
 * clone's) it finds every entry stale, hashes every file and rewrites the index.
 */
async function dirty(u: GitUniverse): Promise<string[]> {
  const rows = await git.statusMatrix({ fs, dir: u.dir });
  return rows.filter(([, h, w, s]) => !(h === 1 && w === 1 && s === 1)).map((r) => r.join(' '));
}

/** Worktree files of the generated repository, relative to it, .git/ left out. */
const worktreeFiles = (u: GitUniverse): string[] => listFiles(u.dir).filter((f) => !f.startsWith('.git/'));

test('git universe: commit A holds every worktree file with the right blob, in one packfile', async () => {
  await withUniverse(async (u, src) => {
    const files = worktreeFiles(u);
    const fromSource = listFiles(path.join(src, 'packages')).map((f) => `repo/packages/${f}`);
    assert.deepEqual(files, ['.gitignore', ...fromSource, 'repo/repository.json'].sort());
    assert.equal(u.files, files.length);
    // isomorphic-git lists `web/…` before `web-ui/…` (plain path order, not git's): compare as sets.
    assert.deepEqual((await git.listFiles({ fs, dir: u.dir, ref: u.commitA })).sort(), files);
    for (const f of files) {
      const content = fs.readFileSync(path.join(u.dir, f));
      const { oid, blob } = await git.readBlob({ fs, dir: u.dir, oid: u.commitA, filepath: f });
      assert.equal(oid, (await git.hashBlob({ object: content })).oid, f);
      assert.deepEqual(Buffer.from(blob), content, f);
    }
    const pack = fs.readdirSync(path.join(u.dir, '.git/objects/pack')).sort();
    assert.equal(pack.length, 2);
    assert.match(pack[0]!, /^pack-[0-9a-f]{40}\.idx$/);
    assert.equal(pack[1], pack[0]!.replace(/idx$/, 'pack'));
    const loose = fs.readdirSync(path.join(u.dir, '.git/objects')).filter((d) => /^[0-9a-f]{2}$/.test(d));
    assert.deepEqual(loose, [], 'A is packed: no loose objects');
    const { tree } = await git.readTree({ fs, dir: u.dir, oid: u.commitA, filepath: 'repo/packages/A/alpha/1' });
    assert.equal(tree.find((e) => e.path === 'resource.json')?.mode, '100755');
  });
});

test('git universe: main and origin/main are A, the index matches the worktree', async () => {
  await withUniverse(async (u) => {
    assert.equal(await git.currentBranch({ fs, dir: u.dir }), 'main');
    assert.equal(await git.resolveRef({ fs, dir: u.dir, ref: 'HEAD' }), u.commitA);
    assert.equal(await git.resolveRef({ fs, dir: u.dir, ref: 'refs/remotes/origin/main' }), u.commitA);
    assert.deepEqual((await git.log({ fs, dir: u.dir, ref: 'main' })).map((c) => c.oid), [u.commitA]);
    // The cache-tree a clone writes: the root entry carries A's tree and counts every file. Read
    // first: isomorphic-git's statusMatrix rewrites the index without it (see dirty()).
    const { entries, tree } = decodeIndex(fs.readFileSync(path.join(u.dir, '.git/index')));
    assert.equal(tree?.oid?.toString('hex'), (await git.readCommit({ fs, dir: u.dir, oid: u.commitA })).commit.tree);
    assert.equal(tree?.entries, u.files);
    assert.deepEqual(entries.map((e) => e.path), worktreeFiles(u));
    assert.deepEqual((await git.listFiles({ fs, dir: u.dir })).sort(), worktreeFiles(u));
    assert.deepEqual(await dirty(u), []);
  });
});

test('git universe: commit B differs from A by exactly the new revision', async () => {
  await withUniverse(async (u) => {
    assert.equal(u.change.dir, 'packages/W/web/11');
    assert.equal(u.change.version, '1.0.11');
    const b = await commitChange(u);
    assert.equal(await commitChange(u), b, 'cached');
    assert.deepEqual((await git.log({ fs, dir: u.dir, ref: b })).map((c) => c.oid), [b, u.commitA]);
    assert.equal(await git.resolveRef({ fs, dir: u.dir, ref: 'HEAD' }), u.commitA, 'HEAD untouched');
    const changed = await git.walk({
      fs,
      dir: u.dir,
      trees: [git.TREE({ ref: u.commitA }), git.TREE({ ref: b })],
      map: async (filepath, [x, y]) => {
        if ((await x?.type()) === 'tree' || (await y?.type()) === 'tree') return undefined;
        const [ox, oy] = [await x?.oid(), await y?.oid()];
        return ox === oy ? undefined : `${filepath} ${ox ? 'changed' : 'added'}`;
      },
    });
    const names = ['config.json', 'marathon.json.mustache', 'package.json', 'resource.json'];
    assert.deepEqual(changed, names.map((n) => `repo/packages/W/web/11/${n} added`));
    const { blob } = await git.readBlob({ fs, dir: u.dir, oid: b, filepath: 'repo/packages/W/web/11/package.json' });
    assert.equal(JSON.parse(Buffer.from(blob).toString('utf8')).version, '1.0.11');
    assert.deepEqual(await dirty(u), [], 'worktree and index untouched');
  });
});

test('git universe: stage, unstage and reset round-trip', async () => {
  await withUniverse(async (u) => {
    const added = u.change.files.map((f) => `repo/packages/W/web/11/${f.name}`);
    stageChange(u);
    const { tree } = decodeIndex(fs.readFileSync(path.join(u.dir, '.git/index')));
    assert.equal(tree?.entries, -1, 'staging invalidates the cache-tree above the new files');
    assert.equal(tree?.children[0]?.children[0]?.entries, -1, 'repo/packages');
    assert.ok(tree?.children[0]?.children[0]?.children.find((c) => c.name === 'A')?.oid, 'A/ is untouched');
    assert.deepEqual(await dirty(u), added.map((f) => `${f} 0 2 2`));
    unstageChange(u);
    assert.deepEqual(await dirty(u), added.map((f) => `${f} 0 2 0`));
    stageChange(u);
    resetChange(u);
    assert.deepEqual(await dirty(u), []);
    assert.equal(fs.existsSync(path.join(u.repoDir, u.change.dir)), false);
    worktreeChange(u);
    assert.deepEqual(await dirty(u), added.map((f) => `${f} 0 2 0`));
  });
});

test('git universe: a second call reuses the repository and undoes a leftover change', async () => {
  await withUniverse(async (u, src, target) => {
    stageChange(u);
    const again = ensureGitUniverse(src, target, { changePackage: 'web' });
    assert.equal(again.reused, true);
    assert.equal(again.commitA, u.commitA);
    assert.deepEqual(await dirty(again), []);
    fs.writeFileSync(path.join(target, '.git/refs/heads/main'), '0'.repeat(40) + '\n');
    const regenerated = ensureGitUniverse(src, target, { changePackage: 'alpha' });
    assert.equal(regenerated.reused, false, 'HEAD moved: generated again');
    assert.equal(regenerated.commitA, u.commitA, 'A depends on the content alone');
    assert.equal(regenerated.change.dir, 'packages/A/alpha/2');
  });
});

test('git universe: refuses to delete a folder it did not make', () => {
  const target = writeTree({ 'precious.txt': 'keep me' }, 'universe-git-foreign-');
  try {
    assert.throws(() => ensureGitUniverse(target, target), /not generated by ensureGitUniverse/);
    assert.equal(fs.readFileSync(path.join(target, 'precious.txt'), 'utf8'), 'keep me');
  } finally {
    fs.rmSync(target, { recursive: true, force: true });
  }
});

test('git universe: version bumps stay semver-greater and unused', () => {
  assert.equal(bumpVersion('3.2.0-7.9.3', new Set()), '3.2.1-7.9.3');
  assert.equal(bumpVersion('1.0.2', new Set(['1.0.3'])), '1.0.4');
  assert.equal(bumpVersion('v1.4.3', new Set()), 'v1.4.4');
  assert.equal(bumpVersion('1.0-9.1.0', new Set()), '1.0-9.1.0-bench.1');
});
