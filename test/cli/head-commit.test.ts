import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { headCommit } from '../../scripts/cli/git.js';
import { TestRepo } from '../helpers/git.js';

test('headCommit: the commit HEAD names, from the universe folder or any folder below the top', async (t) => {
  const repo = await TestRepo.create({ 'repository.json': '{}\n' });
  t.after(() => repo.remove());
  const oid = await repo.resolve();
  assert.equal(await headCommit(repo.dir), oid);
  assert.equal(await headCommit(repo.repoDir), oid);
  // A second commit on a branch packed into packed-refs (as after git gc) is still found.
  repo.write({ 'repository.json': '{"name": "x"}\n' });
  const second = await repo.commit('second');
  fs.writeFileSync(path.join(repo.dir, '.git/packed-refs'), `# pack-refs with: peeled fully-peeled sorted\n${second} refs/heads/main\n`);
  fs.rmSync(path.join(repo.dir, '.git/refs/heads/main'));
  assert.equal(await headCommit(repo.repoDir), second);
});

test('headCommit: null outside git, on a branch with no commit, and for an unreadable HEAD; never throws', async (t) => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-nogit-'));
  t.after(() => fs.rmSync(outside, { recursive: true, force: true }));
  // The temporary folder may itself sit inside a git work tree on some machines: only assert
  // null where no .git exists above it.
  let above = outside;
  let inGit = false;
  for (;;) {
    if (fs.existsSync(path.join(above, '.git'))) inGit = true;
    const up = path.dirname(above);
    if (up === above) break;
    above = up;
  }
  if (!inGit) {
    assert.equal(await headCommit(outside), null);
    assert.equal(await headCommit(path.join(outside, 'does', 'not', 'exist')), null);
  }

  const unborn = await TestRepo.create();
  t.after(() => unborn.remove());
  assert.equal(await headCommit(unborn.repoDir), null);

  fs.writeFileSync(path.join(unborn.dir, '.git/HEAD'), 'not a ref\n');
  assert.equal(await headCommit(unborn.repoDir), null);
  fs.rmSync(path.join(unborn.dir, '.git/HEAD'));
  assert.equal(await headCommit(unborn.repoDir), null);
});
