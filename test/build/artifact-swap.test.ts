import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lockPath, recoverArtifact } from '../../scripts/lib/index/artifact-lock.js';
import { loadArtifact } from '../../scripts/lib/serve/artifact.js';
import { CLI, runCli, writeTree } from '../helpers/cli.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { revisionFiles } from '../helpers/repo.js';
import { fixture } from './fixture.js';
import { buildFiles, removeLater, tempDir } from './helpers.js';
import { PROCESSES } from '../../scripts/cli/processes.js';

/** Every point a build can fail or die at while it puts the artifact in place, in order. */
const STEPS = ['staged', 'set-aside', 'move-in', 'retire', 'remove', 'swapped'] as const;
type Step = (typeof STEPS)[number];
/** From this step on, the new artifact is in place. */
const FIRST_NEW = STEPS.indexOf('retire');

/** The commit stamped in the artifact at `out` (read synchronously: usable inside a fault hook). */
function commitAt(out: string): string | null {
  return (JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { commit: string | null }).commit;
}

/** Loads the artifact as universe serve does, which checks every file against the manifest; returns its commit. */
async function servedCommit(out: string): Promise<string | null> {
  const a = await loadArtifact(out);
  a.retire();
  return a.commit;
}

/** A folder holding an artifact `target` built with commit 'old'. */
async function withOldArtifact(): Promise<{ root: string; out: string }> {
  const root = tempDir();
  const out = path.join(root, 'target');
  await buildFiles(fixture(), { outDir: out, commit: 'old', workers: 0, processes: PROCESSES });
  return { root, out };
}

/** Builds the fixture into `out` in another process that kills itself (SIGKILL) right before `step`. */
function buildAndDieAt(out: string, step: Step): Promise<NodeJS.Signals | null> {
  const url = (p: string): string => pathToFileURL(path.join(PROJECT_ROOT, 'dist', p)).href;
  const script = `
    import { loadCatalog } from ${JSON.stringify(url('scripts/lib/catalog/load.js'))};
    import { MemorySnapshot } from ${JSON.stringify(url('scripts/lib/snapshot/memory.js'))};
    import { defaultSettings } from ${JSON.stringify(url('scripts/lib/policy/settings.js'))};
    import { Analysis } from ${JSON.stringify(url('scripts/lib/rules/analysis.js'))};
    import { buildArtifact } from ${JSON.stringify(url('scripts/lib/ops/build.js'))};
    import { PROCESSES } from ${JSON.stringify(url('scripts/cli/processes.js'))};
    import { fixture } from ${JSON.stringify(url('test/build/fixture.js'))};
    const [out, step] = process.argv.slice(1);
    const catalog = await loadCatalog(new MemorySnapshot(fixture()));
    await buildArtifact(catalog, new Analysis(catalog, defaultSettings()), {
      outDir: out, commit: 'new', workers: 0, processes: PROCESSES,
      faultAt: (s) => { if (s === step) process.kill(process.pid, 'SIGKILL'); },
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, out, step], { stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve) => child.on('close', (_code, signal) => resolve(signal)));
}

for (const step of STEPS) {
  test(`a build failing before step ${step} leaves a whole artifact, and the next build leaves nothing else beside it`, async () => {
    const { root, out } = await withOldArtifact();
    const build = buildFiles(fixture(), {
      outDir: out,
      commit: 'new',
      workers: 0,
      processes: PROCESSES,
      faultAt: (s) => {
        if (s === step) throw new Error(`injected before ${s}`);
      },
    });
    // Once the new artifact is in place, tidying up may fail without failing the build.
    if (step === 'retire' || step === 'remove') await build;
    else await assert.rejects(build, /injected/);
    assert.equal(await servedCommit(out), STEPS.indexOf(step) >= FIRST_NEW ? 'new' : 'old');
    assert.equal(fs.existsSync(lockPath(out)), false, 'the lock is released on failure');
    await buildFiles(fixture(), { outDir: out, commit: 'next', workers: 0, processes: PROCESSES });
    assert.equal(await servedCommit(out), 'next');
    assert.deepEqual(fs.readdirSync(root), ['target']);
  });

  test(`a build killed before step ${step}: the next build starts from a whole artifact and leaves nothing else beside it`, async () => {
    const { root, out } = await withOldArtifact();
    assert.equal(await buildAndDieAt(out, step), 'SIGKILL');
    assert.ok(fs.existsSync(lockPath(out)), 'the dead build left its lock');
    const expected = STEPS.indexOf(step) >= FIRST_NEW ? 'new' : 'old';
    let before: string | null | undefined;
    await buildFiles(fixture(), { outDir: out, commit: 'next', workers: 0, processes: PROCESSES, faultAt: (s) => void (s === 'staged' && (before = commitAt(out))) });
    assert.equal(before, expected, 'the last good artifact was at --out before the new one replaced it');
    assert.equal(await servedCommit(out), 'next');
    assert.deepEqual(fs.readdirSync(root), ['target']);
  });

  test(`a build killed before step ${step}: universe serve's opener finds the last good artifact`, async () => {
    const { out } = await withOldArtifact();
    assert.equal(await buildAndDieAt(out, step), 'SIGKILL');
    const restored = recoverArtifact(out, PROCESSES);
    assert.equal(restored !== undefined, step === 'move-in', 'only a swap that died between its renames needs putting back');
    assert.equal(await servedCommit(out), STEPS.indexOf(step) >= FIRST_NEW ? 'new' : 'old');
  });
}

test('universe serve puts back the artifact a build killed between its two renames set aside, and serves it', async () => {
  const { out } = await withOldArtifact();
  assert.equal(await buildAndDieAt(out, 'move-in'), 'SIGKILL');
  assert.equal(fs.existsSync(out), false);
  const child = spawn(process.execPath, [CLI, 'serve', '--dir', out, '--port', '0', '--workers', '1', '--quiet'], { env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  // Resolves when it announces itself; if it exits first, `exited` tells.
  const announced = new Promise<void>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/serving .* on http/.test(stdout)) resolve();
    });
  });
  const first = await Promise.race([announced.then(() => 'serving'), exited.then((code) => `exited ${code}: ${stderr}`)]);
  assert.equal(first, 'serving');
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);
  assert.equal(commitAt(out), 'old');
});

test('a stale lock (its process no longer runs) is taken over and released', async () => {
  const { root, out } = await withOldArtifact();
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  fs.writeFileSync(lockPath(out), `${dead}\n`);
  await buildFiles(fixture(), { outDir: out, commit: 'new', workers: 0, processes: PROCESSES });
  assert.equal(commitAt(out), 'new');
  assert.deepEqual(fs.readdirSync(root), ['target']);
});

test('a lock held by a running process: a second build in this process is refused and changes nothing', async () => {
  const { root, out } = await withOldArtifact();
  fs.writeFileSync(lockPath(out), `${process.pid}\n`);
  await assert.rejects(buildFiles(fixture(), { outDir: out, commit: 'new', workers: 0, processes: PROCESSES }), (e: Error) => e.name === 'ArtifactLockedError' && e.message.includes(`pid ${process.pid}`));
  fs.writeFileSync(lockPath(out), 'garbage');
  await assert.rejects(buildFiles(fixture(), { outDir: out, commit: 'new', workers: 0, processes: PROCESSES }), /holds no process id/);
  assert.equal(commitAt(out), 'old');
  assert.deepEqual(fs.readdirSync(root).sort(), ['.target.lock', 'target']);
});

test('universe build while another build holds the lock exits 2 naming its pid, and writes nothing', async () => {
  const dir = removeLater(writeTree(revisionFiles('alpha', 0)));
  const root = tempDir();
  const out = path.join(root, 'target');
  fs.writeFileSync(lockPath(out), `${process.pid}\n`);
  const r = await runCli(['build', '--repo', dir, '--out', out]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`another build \\(pid ${process.pid}\\) is writing .*target; wait for it to finish`));
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.deepEqual(fs.readdirSync(root), ['.target.lock'], 'the lock is still the other build\'s');
  fs.rmSync(lockPath(out));
  const again = await runCli(['build', '--repo', dir, '--out', out]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(fs.readdirSync(root), ['target']);
});
