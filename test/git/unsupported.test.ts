/**
 * Repositories that use git features the reader does not read (or reads through alternates),
 * made by the real git executable: each is refused with exit 2 and a message saying what to run,
 * never misread in silence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseGitConfig } from '../../scripts/lib/git/features.js';
import { runCli } from '../helpers/cli.js';
import { TestRepo } from '../helpers/git.js';
import { revisionFiles } from '../helpers/repo.js';

const hasGit = spawnSync('git', ['--version']).status === 0;
// Where CI is set, a missing git is a failure, never a skip.
const skip = !hasGit && !process.env.CI ? 'needs the git executable' : false;

/** Runs git in `dir`, with an identity for commits; throws with its output when it fails. */
function gitIn(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'protocol.file.allow=always', ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** A repository with two commits (alpha 0, then alpha 1 added) and a branch `base` at the first. */
async function twoCommits(): Promise<TestRepo> {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0) });
  await r.branch('base');
  r.write(revisionFiles('alpha', 1));
  await r.commit('alpha 1');
  // The real git writes its own index from here on.
  gitIn(r.dir, 'reset', '-q');
  return r;
}

function check(dir: string, args: string[]): ReturnType<typeof runCli> {
  return runCli(['check', '--repo', path.join(dir, 'repo'), ...args], { cwd: dir });
}

test('git config: sections, subsections, booleans and comments are read as git reads them', () => {
  const c = parseGitConfig('[core]\n\trepositoryformatversion = 1 ; note\n\tbare\n[remote "origin"]\n\turl = file:///x\n# comment\n[Extensions]\n\tObjectFormat = sha256\n');
  assert.equal(c.get('core.repositoryformatversion'), '1');
  assert.equal(c.get('core.bare'), 'true');
  assert.equal(c.get('remote.origin.url'), 'file:///x');
  assert.equal(c.get('extensions.objectformat'), 'sha256');
});

test('objects borrowed through alternates (git clone --shared) are read: the check equals the one in the original', { skip }, async () => {
  const r = await twoCommits();
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-shared-'));
  try {
    gitIn(os.tmpdir(), 'clone', '-q', '--shared', r.dir, clone);
    gitIn(clone, 'branch', 'base', 'origin/base');
    assert.ok(fs.readFileSync(path.join(clone, '.git/objects/info/alternates'), 'utf8').includes(r.dir));
    const own = fs.readdirSync(path.join(clone, '.git/objects')).filter((d) => /^[0-9a-f]{2}$/.test(d));
    assert.deepEqual(own, [], 'the clone holds no objects of its own');
    const there = await check(r.dir, ['--base', 'base', '--head', 'main', '--format', 'json']);
    const here = await check(clone, ['--base', 'base', '--head', 'main', '--format', 'json']);
    assert.equal(here.code, there.code, here.stderr);
    assert.notEqual(here.code, 2, here.stderr);
    assert.deepEqual(JSON.parse(here.stdout).diagnostics, JSON.parse(there.stdout).diagnostics);
  } finally {
    r.remove();
    fs.rmSync(clone, { recursive: true, force: true });
  }
});

test('a split index is refused (exit 2) with the command that joins it, never read as a short index', { skip }, async () => {
  const r = await twoCommits();
  try {
    gitIn(r.dir, 'update-index', '--split-index');
    const res = await check(r.dir, ['--staged']);
    assert.equal(res.code, 2, res.stdout + res.stderr);
    assert.match(res.stderr, /the index is split .*git update-index --no-split-index/);
    gitIn(r.dir, 'update-index', '--no-split-index');
    assert.equal((await check(r.dir, ['--staged'])).code, 0);
  } finally {
    r.remove();
  }
});

test('a sparse index is refused (exit 2), never read as if the folders it collapses were empty', { skip }, async () => {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0), ...revisionFiles('beta', 0) });
  try {
    gitIn(r.dir, 'reset', '-q');
    gitIn(r.dir, 'sparse-checkout', 'init', '--cone', '--sparse-index');
    gitIn(r.dir, 'sparse-checkout', 'set', 'repo/packages/A');
    const res = await check(r.dir, ['--staged']);
    assert.equal(res.code, 2, res.stdout + res.stderr);
    assert.match(res.stderr, /the index is sparse .*git sparse-checkout disable/);
  } finally {
    r.remove();
  }
});

for (const [what, config, expected] of [
  ['SHA-256 object ids', '[extensions]\n\tobjectFormat = sha256\n', /stores SHA256 object ids .*only SHA-1 repositories are read/],
  ['reftable refs', '[extensions]\n\trefStorage = reftable\n', /reftable format.*git refs migrate --ref-format=files/],
  ['an extension it does not know', '[extensions]\n\tfrobnicate = yes\n', /uses the git extension frobnicate, which this reader does not know/],
] as const) {
  test(`a repository with ${what} is refused before anything is read (exit 2)`, async () => {
    const r = await twoCommits().catch(async () => TestRepo.create({ ...revisionFiles('alpha', 0) }));
    try {
      const file = path.join(r.dir, '.git/config');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/repositoryformatversion = 0/, 'repositoryformatversion = 1') + config);
      for (const args of [['--staged'], ['--head', 'main']]) {
        const res = await check(r.dir, args);
        assert.equal(res.code, 2, res.stdout + res.stderr);
        assert.match(res.stderr, expected);
      }
    } finally {
      r.remove();
    }
  });
}

test('a repository format version above 1 is refused', async () => {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0) });
  try {
    const file = path.join(r.dir, '.git/config');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/repositoryformatversion = 0/, 'repositoryformatversion = 2'));
    const res = await check(r.dir, ['--staged']);
    assert.equal(res.code, 2, res.stdout + res.stderr);
    assert.match(res.stderr, /repository format version 2, which this reader does not know/);
  } finally {
    r.remove();
  }
});

test('a partial clone missing a blob the comparison needs is exit 2, saying it was not downloaded and how to fetch it', { skip }, async () => {
  const r = await twoCommits();
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-partial-'));
  try {
    // alpha 0's package.json differs in the second commit, so the base's blob is needed and not downloaded.
    r.write({ 'packages/A/alpha/0/package.json': JSON.stringify({ ...JSON.parse(revisionFiles('alpha', 0)['packages/A/alpha/0/package.json'] as string), description: 'changed' }, null, 2) });
    gitIn(r.dir, 'add', '-A');
    gitIn(r.dir, 'commit', '-q', '-m', 'edit alpha 0');
    gitIn(r.dir, 'config', 'uploadpack.allowFilter', 'true');
    gitIn(os.tmpdir(), 'clone', '-q', '--filter=blob:none', '--no-local', `file://${r.dir}`, clone);
    gitIn(clone, 'branch', 'base', 'origin/base');
    const res = await check(clone, ['--base', 'base', '--head', 'main']);
    assert.equal(res.code, 2, res.stdout + res.stderr);
    assert.match(res.stderr, /is not in this repository, a partial clone .* that did not download it/);
  } finally {
    r.remove();
    fs.rmSync(clone, { recursive: true, force: true });
  }
});
