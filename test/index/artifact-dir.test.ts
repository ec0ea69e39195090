import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createStaging, outDirProblem, swapInto } from '../../scripts/lib/index/artifact-dir.js';
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
