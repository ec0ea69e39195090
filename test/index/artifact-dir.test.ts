import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createStaging, isPreviousArtifact, outDirProblem, previousArtifacts, removeLeftovers, removePrevious, removePreviousAsync, restoreArtifact, setAsideArtifacts, swapInto } from '../../scripts/lib/index/artifact-dir.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { tempDir } from '../build/helpers.js';

test('an out folder that is, or holds, the repository is refused', () => {
  const root = tempDir();
  const repo = path.join(root, 'repo');
  fs.mkdirSync(path.join(repo, 'packages'), { recursive: true });
  assert.match(outDirProblem(repo, repo) ?? '', /replace the repository/);
  assert.match(outDirProblem(root, repo) ?? '', /replace the repository/);
  assert.match(outDirProblem(path.join(repo, 'packages', 'T'), repo) ?? '', /packages\/ folder/);
  assert.equal(outDirProblem(path.join(repo, 'target'), repo), undefined, 'a folder inside the repository, beside packages/, is fine');
  assert.equal(outDirProblem(path.join(root, 'target'), repo), undefined);
  // Through a symbolic link to the folder holding the repository.
  const alias = path.join(tempDir(), 'alias');
  fs.symlinkSync(root, alias);
  assert.match(outDirProblem(alias, repo) ?? '', /replace the repository/);
});

test('an existing out folder is replaced only when empty or an earlier artifact', () => {
  const root = tempDir();
  assert.match(outDirProblem('/', undefined) ?? '', /root of the file system/);
  const file = path.join(root, 'file');
  fs.writeFileSync(file, 'x');
  assert.match(outDirProblem(file, undefined) ?? '', /not a folder/);
  const other = path.join(root, 'documents');
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, 'thesis.txt'), 'precious');
  assert.match(outDirProblem(other, undefined) ?? '', /no manifest\.json/);
  const empty = path.join(root, 'empty');
  fs.mkdirSync(empty);
  assert.equal(outDirProblem(empty, undefined), undefined);
  const artifact = path.join(root, 'target');
  fs.mkdirSync(artifact);
  fs.writeFileSync(path.join(artifact, 'manifest.json'), '{}');
  assert.equal(outDirProblem(artifact, undefined), undefined);
  const link = path.join(root, 'served');
  fs.symlinkSync(artifact, link);
  assert.match(outDirProblem(link, undefined) ?? '', /symbolic link/);
});

test('swapInto replaces the folder whole and leaves nothing beside it', () => {
  const root = tempDir();
  const out = path.join(root, 'target');
  const first = createStaging(out);
  fs.writeFileSync(path.join(first, 'a'), '1');
  swapInto(first, out);
  assert.deepEqual(fs.readdirSync(out), ['a']);
  const second = createStaging(out);
  fs.writeFileSync(path.join(second, 'b'), '2');
  swapInto(second, out);
  assert.deepEqual(fs.readdirSync(out), ['b']);
  assert.deepEqual(fs.readdirSync(root), ['target']);
  assert.equal(fs.statSync(out).mode & 0o777, 0o755);
});

test('swapInto can leave the replaced artifact aside for the caller to delete later', () => {
  const root = tempDir();
  const out = path.join(root, 'target');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'manifest.json'), 'old');
  const staging = createStaging(out);
  fs.writeFileSync(path.join(staging, 'manifest.json'), 'new');
  const old = swapInto(staging, out, true);
  assert.ok(old !== undefined);
  assert.equal(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'), 'new');
  assert.equal(fs.readFileSync(path.join(old, 'manifest.json'), 'utf8'), 'old');
  assert.ok(isPreviousArtifact(old));
  assert.deepEqual(previousArtifacts(out), [old]);
  // Nothing to set aside when there was no artifact before.
  assert.equal(swapInto(createStaging(path.join(root, 'fresh')), path.join(root, 'fresh'), true), undefined);
  removePrevious(old);
  assert.equal(fs.existsSync(old), false);
  assert.deepEqual(previousArtifacts(out), []);
});

test('only folders named like a replaced artifact are ever deleted as one', async () => {
  const root = tempDir();
  const keep = [path.join(root, 'target'), path.join(root, '.target.old-'), path.join(root, 'target.old-abc123'), path.join(root, '.target.old-abc/12')];
  for (const d of keep) fs.mkdirSync(d, { recursive: true });
  for (const d of keep) {
    assert.equal(isPreviousArtifact(d), false, d);
    removePrevious(d);
    await removePreviousAsync(d);
    assert.ok(fs.existsSync(d), d);
  }
  const old = path.join(root, '.target.old-Ab12cD');
  fs.mkdirSync(path.join(old, 'dcos'), { recursive: true });
  fs.writeFileSync(path.join(old, 'dcos', 'universe.json'), '{}');
  assert.deepEqual(previousArtifacts(path.join(root, 'target')), [old]);
  await removePreviousAsync(old);
  assert.equal(fs.existsSync(old), false);
});

test('the background remover deletes replaced artifacts and nothing else', () => {
  const root = tempDir();
  const old = path.join(root, '.target.old-Zz9yX8');
  const other = path.join(root, 'documents');
  for (const d of [old, other]) fs.mkdirSync(path.join(d, 'sub'), { recursive: true });
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'dist/scripts/cli/remove-previous.js'), old, other], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.existsSync(old), false);
  assert.ok(fs.existsSync(other));
});

test('removeLeftovers deletes only staging, set-aside and old folders named like its own, and no set-aside artifact while --out is missing', async () => {
  const root = tempDir();
  const out = path.join(root, 'target');
  const ours = ['.target.staging-Ab12cD', '.target.old-Zz9yX8'].map((n) => path.join(root, n));
  const swap = path.join(root, '.target.swap-Qw3eR4');
  const others = ['.target.staging-', '.target.staging-abc', '.other.staging-Ab12cD', 'target.old-abc123', '.target.lock.x', 'notes'].map((n) => path.join(root, n));
  for (const d of [...ours, swap, ...others]) fs.mkdirSync(path.join(d, 'sub'), { recursive: true });
  await removeLeftovers(out);
  for (const d of ours) assert.equal(fs.existsSync(d), false, d);
  assert.ok(fs.existsSync(swap), 'with --out missing, the set-aside artifact is the one to put back, not to delete');
  for (const d of others) assert.ok(fs.existsSync(d), d);
  fs.mkdirSync(out);
  await removeLeftovers(out);
  assert.equal(fs.existsSync(swap), false);
  assert.deepEqual(fs.readdirSync(root).sort(), ['.other.staging-Ab12cD', '.target.lock.x', '.target.staging-', '.target.staging-abc', 'notes', 'target', 'target.old-abc123']);
});

test('restoreArtifact puts back the newest set-aside artifact only when --out is missing', () => {
  const root = tempDir();
  const out = path.join(root, 'target');
  const older = path.join(root, '.target.swap-zzzzzz');
  const newer = path.join(root, '.target.swap-aaaaaa');
  for (const [d, t] of [[older, 1_000], [newer, 2_000]] as const) {
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'manifest.json'), d);
    fs.utimesSync(d, t, t);
  }
  assert.deepEqual(setAsideArtifacts(out), [newer, older]);
  assert.equal(restoreArtifact(out), newer);
  assert.equal(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'), newer);
  assert.equal(restoreArtifact(out), undefined, '--out exists: nothing to do');
  assert.ok(fs.existsSync(older));
});
