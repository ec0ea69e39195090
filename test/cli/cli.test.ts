import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, writeTree } from '../helpers/cli.js';
import { revisionFiles } from '../helpers/repo.js';

const COMMANDS = ['validate', 'check', 'build', 'render', 'search', 'describe', 'serve', 'init', 'new', 'layers', 'rules', 'github'];

test('every command has --help, exit 0', async () => {
  for (const c of COMMANDS) {
    const r = await runCli([c, '--help']);
    assert.equal(r.code, 0, c);
    assert.match(r.stdout, new RegExp(`Usage: universe ${c}`));
  }
  const top = await runCli(['--help']);
  assert.equal(top.code, 0);
  for (const c of COMMANDS) assert.match(top.stdout, new RegExp(`\\b${c}\\b`));
});

test('bad command lines exit 2 with a message, never a stack trace', async () => {
  for (const args of [['frobnicate'], ['validate', '--nope'], ['validate', '--format', 'xml'], ['validate', '--repo'], ['new'], ['new', 'a', 'b'], []]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at /, 'stack trace');
  }
});

test('a folder without packages/ cannot be validated: exit 2 says what to do', async () => {
  const dir = writeTree({ 'README.md': 'hi' });
  try {
    const r = await runCli(['validate', '--repo', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no packages\/ folder/);
    const missing = await runCli(['validate', '--repo', path.join(dir, 'nope')]);
    assert.equal(missing.code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validate: clean repo exits 0 in every format; json has the documented shape', async () => {
  const dir = writeTree(revisionFiles('alpha', 0));
  try {
    for (const format of ['pretty', 'json', 'github']) {
      const r = await runCli(['validate', '--repo', dir, '--format', format]);
      assert.equal(r.code, 0, `${format}: ${r.stdout}${r.stderr}`);
    }
    const r = await runCli(['validate', '--repo', dir, '--format', 'json']);
    const out = JSON.parse(r.stdout) as { diagnostics: unknown[]; summary: Record<string, number> };
    assert.deepEqual(out.diagnostics, []);
    assert.equal(out.summary.errors, 0);
    assert.equal(out.summary.packages, 1);
    assert.equal(out.summary.revisions, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validate: errors exit 1; github format prints annotations with the repo prefix', async () => {
  const files = revisionFiles('alpha', 0, { packageJson: { name: 'beta' } });
  const dir = writeTree(files);
  try {
    const r = await runCli(['validate', '--repo', path.relative(process.cwd(), dir) || '.', '--format', 'github']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error file=.*packages\/A\/alpha\/0\/package\.json,line=\d+,col=\d+,title=package-name-matches-folder::/m);
    const j = await runCli(['validate', '--repo', dir, '--format', 'json']);
    const out = JSON.parse(j.stdout) as { diagnostics: Array<Record<string, unknown>> };
    const d = out.diagnostics.find((x) => x.code === 'package-name-matches-folder');
    assert.ok(d);
    assert.deepEqual(Object.keys(d).slice(0, 7), ['code', 'severity', 'message', 'file', 'pointer', 'line', 'column']);
    assert.equal(d.pointer, '/name');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validate --strict turns warnings into exit 1', async () => {
  const files = { ...revisionFiles('alpha', 0), 'packages/A/alpha/0/NOTES.txt': 'stray' };
  const dir = writeTree(files);
  try {
    assert.equal((await runCli(['validate', '--repo', dir])).code, 0);
    assert.equal((await runCli(['validate', '--repo', dir, '--strict'])).code, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('rules lists every rule with its severity', async () => {
  const r = await runCli(['rules', '--json']);
  assert.equal(r.code, 0);
  const { rules } = JSON.parse(r.stdout) as { rules: Array<{ id: string; severity: string }> };
  assert.ok(rules.length >= 30);
  assert.ok(rules.some((x) => x.id === 'json-duplicate-key'));
  const text = await runCli(['rules']);
  assert.match(text.stdout, /json-duplicate-key\s+error/);
});

test('build refuses output DC/OS clients would reject with exit 1, even when the policy switched the rule off', async () => {
  const files = {
    'repository.json': JSON.stringify({ formatVersion: '1.0', name: 'lenient', policy: { rules: { 'schema-package': 'off' } } }),
    ...revisionFiles('later', 0, { packageJson: { minDcosReleaseVersion: '1.12', licenses: [{ name: 'X', url: 'ftp://example.com/license' }] } }),
  };
  const dir = writeTree(files);
  const out = path.join(dir, '..', path.basename(dir) + '-target');
  try {
    const r = await runCli(['build', '--repo', dir, '--out', out]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /refusing to build: DC\/OS clients would reject 1 revision/);
    assert.match(r.stderr, /packages\/L\/later\/0\/package\.json \/licenses\/0\/url/);
    assert.equal(fs.existsSync(out), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('build refuses, exit 1, rather than leave out a folder a policy let through (a package name no file may have)', async () => {
  const files: Record<string, string> = {
    'repository.json': JSON.stringify({ formatVersion: '1.0', name: 'lenient', policy: { rules: { 'layout-package-folder': 'off', 'package-name-matches-folder': 'off', 'layout-letter-matches-name': 'off', 'schema-package': 'off' } } }),
  };
  for (const [k, v] of Object.entries(revisionFiles('widget', 0))) files[k.replace('packages/W/widget/', 'packages/W/wid get/')] = v as string;
  const dir = writeTree(files);
  const out = path.join(dir, '..', path.basename(dir) + '-target');
  try {
    const r = await runCli(['build', '--repo', dir, '--out', out]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /refusing to build: 1 folder cannot be written to the artifact \(nothing was written\): packages\/W\/wid get/);
    assert.equal(fs.existsSync(out), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('build refuses to write anything when validation fails', async () => {
  const dir = writeTree(revisionFiles('alpha', 0, { packageJson: { name: 'beta' } }));
  const out = path.join(dir, '..', path.basename(dir) + '-target');
  try {
    const r = await runCli(['build', '--repo', dir, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refusing to build/);
    assert.equal(fs.existsSync(out), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('build writes the artifact and is byte-identical when run twice', async () => {
  const dir = writeTree({ ...revisionFiles('alpha', 0), ...revisionFiles('alpha', 1), ...revisionFiles('bravo', 0) });
  const out1 = dir + '-t1';
  const out2 = dir + '-t2';
  try {
    const a = await runCli(['build', '--repo', dir, '--out', out1]);
    assert.equal(a.code, 0, a.stderr);
    const b = await runCli(['build', '--repo', dir, '--out', out2]);
    assert.equal(b.code, 0, b.stderr);
    for (const f of ['index.json', 'manifest.json', 'dcos/universe.json', 'dcos/repo-up-to-2.0.json', 'dcos/universe.content_type']) {
      assert.ok(fs.existsSync(path.join(out1, f)), f);
      assert.deepEqual(fs.readFileSync(path.join(out1, f)), fs.readFileSync(path.join(out2, f)), f);
    }
    // Building over an earlier artifact replaces it, and a small one is deleted before returning,
    // with any left over by an interrupted deletion.
    const leftover = path.join(path.dirname(out1), `.${path.basename(out1)}.old-Lf7x2Q`);
    fs.mkdirSync(path.join(leftover, 'dcos'), { recursive: true });
    const c = await runCli(['build', '--repo', dir, '--out', out1]);
    assert.equal(c.code, 0, c.stderr);
    assert.doesNotMatch(c.stdout, /background/);
    assert.deepEqual(fs.readFileSync(path.join(out1, 'manifest.json')), fs.readFileSync(path.join(out2, 'manifest.json')));
    assert.deepEqual(fs.readdirSync(path.dirname(out1)).filter((n) => n.startsWith(`.${path.basename(out1)}.`)), []);
  } finally {
    for (const d of [dir, out1, out2]) fs.rmSync(d, { recursive: true, force: true });
  }
});

test('new scaffolds a package that validates with its placeholders as warnings (errors for a new revision), then its next revision', async () => {
  const dir = writeTree(revisionFiles('alpha', 0));
  try {
    const r = await runCli(['new', 'zeta-service', '--repo', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'packages/Z/zeta-service/0/package.json')));
    const v = await runCli(['validate', '--repo', dir, '--format', 'json']);
    assert.equal(v.code, 0, v.stdout);
    const found = (JSON.parse(v.stdout) as { diagnostics: Array<{ code: string; severity: string }> }).diagnostics;
    assert.deepEqual([...new Set(found.map((d) => `${d.code} ${d.severity}`))], ['scaffold-placeholder warning']);
    assert.equal((await runCli(['validate', '--repo', dir, '--policy', 'new'])).code, 1);
    const next = await runCli(['new', 'zeta-service', '--repo', dir]);
    assert.equal(next.code, 0, next.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'packages/Z/zeta-service/1/package.json')));
    const bad = await runCli(['new', 'Bad_Name', '--repo', dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Bad_Name/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
