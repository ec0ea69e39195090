/**
 * `universe init` on a fork: one commit that names the universe, removes the sample packages and
 * records why, which `universe check` then accepts; an empty universe validates, builds and
 * survives a clone. Refusals change nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import git from 'isomorphic-git';
import { runCli } from '../helpers/cli.js';
import { TestRepo } from '../helpers/git.js';
import { revisionFiles } from '../helpers/repo.js';

const SETTINGS = { formatVersion: '1.0', name: 'universe', description: 'The sample universe.', categories: [{ id: 'databases', title: 'Databases' }] };

/** A fork: two sample packages and repository.json committed; a home folder whose .gitconfig names the user. */
async function fork(identity = true): Promise<{ r: TestRepo; home: string }> {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0), ...revisionFiles('alpha', 1), ...revisionFiles('beta', 0), 'repository.json': `${JSON.stringify(SETTINGS, null, 2)}\n` });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-home-'));
  if (identity) fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Ada Operator\n\temail = ada@example.org\n');
  return { r, home };
}

function init(r: TestRepo, home: string, args: string[]): ReturnType<typeof runCli> {
  return runCli(['init', '--repo', r.repoDir, ...args], { cwd: r.dir, env: { HOME: home, XDG_CONFIG_HOME: undefined } });
}

/** Every file of the working tree below repo/, sorted. */
function files(r: TestRepo): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), p);
      else out.push(p);
    }
  };
  walk(r.repoDir, '');
  return out.sort();
}

test('universe init: one commit names the universe, removes the samples with a reason check accepts; the empty universe validates, builds and survives a clone', async () => {
  const { r, home } = await fork();
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-clone-'));
  try {
    const before = await r.resolve();
    const res = await init(r, home, ['--name', 'acme', '--description', 'Acme services for our clusters.', '--category', 'internal=Internal tools']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /removed 2 sample packages .*alpha, beta/);
    const settings = JSON.parse(fs.readFileSync(path.join(r.repoDir, 'repository.json'), 'utf8'));
    assert.deepEqual(settings, { ...SETTINGS, name: 'acme', description: 'Acme services for our clusters.', categories: [{ id: 'internal', title: 'Internal tools' }] });
    assert.deepEqual(files(r), ['packages/.gitkeep', 'repository.json']);
    // One commit, by the user, saying why, with the trailer; nothing left uncommitted.
    const [head] = await git.log({ fs, dir: r.dir, depth: 1 });
    assert.deepEqual(head!.commit.parent, [before]);
    assert.equal(head!.commit.author.name, 'Ada Operator');
    assert.match(head!.commit.message, /^Start acme: remove the sample packages\n/);
    assert.match(head!.commit.message, /\nUniverse-Allow: breaking\/revision-removed \*\/\*: /);
    const dirty = (await git.statusMatrix({ fs, dir: r.dir })).filter(([, h, w, s]) => !(h === 1 && w === 1 && s === 1));
    assert.deepEqual(dirty, []);
    // CI's check of the fork against the sample universe passes: the removals are allowed, and said so.
    const checked = await r.cli(['--base', before, '--head', 'HEAD', '--format', 'json']);
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    const report = JSON.parse(checked.stdout) as { overrides: Array<{ check: string; target: string; author: string }> };
    assert.ok(report.overrides.some((o) => o.check === 'breaking/revision-removed' && o.target === '*/*'), JSON.stringify(report.overrides));
    // A fresh clone has the empty packages/ folder: validate and build succeed with nothing in them.
    // (the committed tree, written out as a clone's checkout would be)
    const tip = await r.resolve();
    for (const f of await git.listFiles({ fs, dir: r.dir, ref: 'HEAD' })) {
      const { blob } = await git.readBlob({ fs, dir: r.dir, oid: tip, filepath: f });
      fs.mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
      fs.writeFileSync(path.join(clone, f), blob);
    }
    const validated = await runCli(['validate', '--repo', path.join(clone, 'repo')]);
    assert.equal(validated.code, 0, validated.stdout + validated.stderr);
    assert.match(validated.stdout, /0 errors, 0 warnings \(0 packages/);
    const built = await runCli(['build', '--repo', path.join(clone, 'repo'), '--out', path.join(clone, 'target')]);
    assert.equal(built.code, 0, built.stdout + built.stderr);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(clone, 'target/index.json'), 'utf8')).packages, []);
  } finally {
    r.remove();
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(clone, { recursive: true, force: true });
  }
});

for (const [what, setup, args, expected] of [
  ['staged changes of the user', async (r: TestRepo) => {
    r.write({ 'notes.txt': 'mine' });
    await git.add({ fs, dir: r.dir, filepath: 'repo/notes.txt' });
  }, [], /staged changes \(repo\/notes\.txt\).*nothing was changed/],
  ['no git identity', async () => undefined, [], /git does not know who you are.*nothing was changed/],
  ['an invalid name', async () => undefined, ['--name', ''], /would not be valid.*nothing was changed/],
] as const) {
  test(`universe init refuses (exit 2) and changes nothing with ${what}`, async () => {
    const { r, home } = await fork(what !== 'no git identity');
    try {
      await setup(r);
      const before = files(r);
      const head = await r.resolve();
      const res = await init(r, home, ['--name', 'acme', ...args]);
      assert.equal(res.code, 2, res.stdout + res.stderr);
      assert.match(res.stderr, expected);
      assert.deepEqual(files(r), before);
      assert.equal(await r.resolve(), head);
    } finally {
      r.remove();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
}

test('universe init --no-commit --keep-packages changes only repository.json and commits nothing', async () => {
  const { r, home } = await fork();
  try {
    const head = await r.resolve();
    const res = await init(r, home, ['--name', 'acme', '--keep-packages', '--no-commit']);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(r.repoDir, 'repository.json'), 'utf8')).name, 'acme');
    assert.ok(files(r).some((f) => f.startsWith('packages/A/alpha/1/')));
    assert.equal(await r.resolve(), head);
  } finally {
    r.remove();
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('packages/.gitkeep is not a stray file; any other file there is', async () => {
  const { r, home } = await fork();
  try {
    r.write({ 'packages/.gitkeep': '', 'packages/notes.txt': 'x' });
    const res = await runCli(['validate', '--repo', r.repoDir, '--format', 'json']);
    const strays = (JSON.parse(res.stdout) as { diagnostics: Array<{ code: string; file: string }> }).diagnostics.filter((d) => d.code === 'layout-stray-file').map((d) => d.file);
    assert.deepEqual(strays, ['packages/notes.txt']);
  } finally {
    r.remove();
    fs.rmSync(home, { recursive: true, force: true });
  }
});
