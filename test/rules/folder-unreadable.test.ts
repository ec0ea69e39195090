import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { folderUnreadable } from '../../scripts/lib/rules/folder-unreadable.js';
import { runRules } from '../../scripts/lib/rules/run.js';
import { MemorySnapshot } from '../../scripts/lib/snapshot/memory.js';
import { UnreadableFolderError, type Snapshot } from '../../scripts/lib/snapshot/types.js';
import { CLI, writeTree } from '../helpers/cli.js';
import { revisionFiles } from '../helpers/repo.js';

const files = { ...revisionFiles('widget', 0), ...revisionFiles('widget', 1), ...revisionFiles('gadget', 0) };

/** A snapshot whose listing of the given folders fails as a permission error does on disk. */
function denying(dirs: string[]): Snapshot {
  const inner = new MemorySnapshot(files);
  return {
    label: inner.label,
    list: async (dir) => {
      if (dirs.includes(dir)) throw new UnreadableFolderError(dir, 'EACCES: permission denied');
      return inner.list(dir);
    },
    read: (file, max) => inner.read(file, max),
  };
}

for (const [what, dir, left] of [
  ['a revision folder', 'packages/W/widget/1', { widget: 1, gadget: 1 }],
  ['a package folder', 'packages/W/widget', { gadget: 1 }],
  ['a letter folder', 'packages/W', { gadget: 1 }],
  ['packages/ itself', 'packages', {}],
] as const) {
  test(`folder-unreadable: ${what} that cannot be listed is an error on it, and what it holds is left out, never read as empty`, async () => {
    const catalog = await loadCatalog(denying([dir]));
    const found = await runRules(catalog, defaultSettings(), [folderUnreadable]);
    assert.deepEqual(
      found.map((d) => [d.code, d.severity, d.file]),
      [['folder-unreadable', 'error', dir]],
    );
    assert.match(found[0]!.message, /cannot be read \(EACCES: permission denied\).*chmod a\+rx/);
    const revisions = Object.fromEntries(catalog.packages.map((p) => [p.name, p.revisions.length]));
    assert.deepEqual(revisions, left);
  });
}

test('folder-unreadable: a readable universe has none', async () => {
  const catalog = await loadCatalog(new MemorySnapshot(files));
  assert.deepEqual(await runRules(catalog, defaultSettings(), [folderUnreadable]), []);
});

/** Runs the CLI as a user whom file permissions bind (nobody, when the tests run as root). */
function runAsUser(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = process.getuid?.() === 0;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' }, ...(root ? { uid: 65534, gid: 65534 } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('folder-unreadable, on disk: a folder without read permission fails validate and build (exit 1, naming it); an unreadable universe folder is exit 2', { skip: process.platform === 'win32' && 'POSIX permissions' }, async () => {
  const dir = writeTree(files);
  fs.chmodSync(dir, 0o755);
  const revision = path.join(dir, 'packages/W/widget/1');
  try {
    fs.chmodSync(revision, 0o000);
    const v = await runAsUser(['validate', '--repo', dir, '--format', 'json']);
    assert.equal(v.code, 1, v.stderr);
    const diagnostics = (JSON.parse(v.stdout) as { diagnostics: Array<{ code: string; file: string; severity: string }> }).diagnostics;
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file]),
      [['folder-unreadable', 'packages/W/widget/1']],
    );
    const b = await runAsUser(['build', '--repo', dir, '--out', path.join(dir, '..', `${path.basename(dir)}-target`)]);
    assert.equal(b.code, 1, b.stderr);
    assert.match(b.stderr, /packages\/W\/widget\/1\n.*folder cannot be read/);
    assert.ok(!fs.existsSync(path.join(dir, '..', `${path.basename(dir)}-target`)), 'nothing was written');
    fs.chmodSync(revision, 0o755);
    fs.chmodSync(dir, 0o000);
    const top = await runAsUser(['validate', '--repo', dir]);
    assert.equal(top.code, 2, top.stderr);
    assert.match(top.stderr, /cannot be read \(EACCES: permission denied\)/);
    assert.doesNotMatch(top.stderr, /at .*\.js:\d+/, 'no stack trace');
  } finally {
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(revision, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
