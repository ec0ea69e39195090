import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServeEvent } from '../../scripts/lib/serve/events.js';
import { artifactPaths } from '../../scripts/lib/serve/rebuild.js';
import { startServer } from '../../scripts/lib/serve/server.js';
import { TreeWatcher } from '../../scripts/lib/serve/watch.js';
import { writeTree } from '../helpers/cli.js';
import { revisionFiles } from '../helpers/repo.js';
import { buildArtifactDir, json, request } from './helpers.js';

/** Polls `check` until it returns a value (or fails after a generous deadline: a hang guard, not a timing assertion). */
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function writeFiles(root: string, files: Record<string, string | Uint8Array | { symlink: string }>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content as string);
  }
}

test('--watch: builds at start, swaps in a rebuilt artifact after a change, keeps the last good one when the repo breaks', async () => {
  const repo = writeTree(revisionFiles('alpha', 0));
  const out = path.join(repo, '..', `${path.basename(repo)}-target`);
  const events: ServeEvent[] = [];
  const server = await startServer({ dir: out, port: 0, notify: (e) => events.push(e), watch: { repo, tree: { debounceMs: 20, pollMs: 250 }, build: { workers: 0 } } });
  try {
    assert.ok(events.some((e) => e.kind === 'rebuilt'), 'the initial build');
    const latest = async (): Promise<string> => json(await request(server.url, '/index.json')).packages[0].latest.version;
    assert.equal(await latest(), '1.0.0');

    // A new revision: served once rebuilt, by the same server.
    writeFiles(repo, revisionFiles('alpha', 1));
    await until('the new revision to be served', async () => ((await latest()) === '1.0.1' ? true : undefined));
    assert.ok(events.some((e) => e.kind === 'swapped'));
    const good = fs.readFileSync(path.join(out, 'index.json'));

    // Break the repository: the build fails, the last good artifact stays served (and on disk).
    const before = events.length;
    fs.writeFileSync(path.join(repo, 'packages/A/alpha/1/package.json'), '{ "broken": ');
    const failed = await until('the failed rebuild', () => events.slice(before).find((e) => e.kind === 'rebuild-failed'));
    assert.ok(failed.kind === 'rebuild-failed' && failed.diagnostics.some((d) => d.file === 'packages/A/alpha/1/package.json'));
    assert.equal(await latest(), '1.0.1');
    assert.ok(fs.readFileSync(path.join(out, 'index.json')).equals(good));
    assert.equal((await request(server.url, '/packages/alpha')).status, 200);

    // Fixed again: served again.
    writeFiles(repo, revisionFiles('alpha', 1, { packageJson: { version: '1.0.2' } }));
    await until('the fixed revision to be served', async () => ((await latest()) === '1.0.2' ? true : undefined));
  } finally {
    await server.close();
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('--watch with a broken repository at start and no artifact cannot start; with an artifact it serves that one', async () => {
  const repo = writeTree({ ...revisionFiles('alpha', 0), 'packages/A/alpha/0/config.json': '{' });
  const other = writeTree(revisionFiles('beta', 0));
  const out = path.join(repo, '..', `${path.basename(repo)}-target`);
  try {
    await assert.rejects(startServer({ dir: out, port: 0, watch: { repo, build: { workers: 0 } } }), /cannot serve: 1 validation error/);
    await buildArtifactDir(other, out);
    const events: ServeEvent[] = [];
    const server = await startServer({ dir: out, port: 0, notify: (e) => events.push(e), watch: { repo, build: { workers: 0 } } });
    try {
      assert.ok(events.some((e) => e.kind === 'rebuild-failed'));
      assert.equal(json(await request(server.url, '/index.json')).packages[0].name, 'beta');
    } finally {
      await server.close();
    }
  } finally {
    for (const d of [repo, other, out]) fs.rmSync(d, { recursive: true, force: true });
  }
});

test('a loaded artifact stays the one loaded when its folder is rebuilt underneath (files held open)', async () => {
  const repo = writeTree(revisionFiles('alpha', 0));
  const out = await buildArtifactDir(repo);
  // memoryFileBytes 0: every file is streamed from its open descriptor, none held in memory.
  const server = await startServer({ dir: out, port: 0, memoryFileBytes: 0 });
  try {
    const first = await request(server.url, '/packages/alpha.json');
    writeFiles(repo, revisionFiles('alpha', 1));
    await buildArtifactDir(repo, out);
    const again = await request(server.url, '/packages/alpha.json');
    assert.ok(again.body.equals(first.body), 'still the artifact that was loaded');
    assert.equal(again.headers.etag, first.headers.etag);
    // A reload serves the new folder; a reload of a broken folder keeps the current one.
    assert.ok((await server.reload()).ok);
    assert.equal(json(await request(server.url, '/packages/alpha.json')).revisions.length, 2);
    fs.writeFileSync(path.join(out, 'index.json'), '{}');
    const bad = await server.reload();
    assert.equal(bad.ok, false);
    assert.equal(json(await request(server.url, '/packages/alpha.json')).revisions.length, 2);
  } finally {
    await server.close();
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
});

test('TreeWatcher: polling alone sees changes, including files in a folder renamed into the tree; ignored paths are not changes', async () => {
  const root = writeTree({ 'a/x.json': '1' });
  let changes = 0;
  const watcher = new TreeWatcher(root, () => changes++, { pollOnly: true, pollMs: 100, ignore: artifactPaths(root, path.join(root, 'target')) });
  try {
    assert.equal(await watcher.start(), 'polling');
    writeFiles(root, { 'target/index.json': '{}', '.target.staging-1/x': 'y', '.git/HEAD': 'x', 'a/x.json~': 'backup' });
    await watcher.check();
    assert.equal(changes, 0, 'the artifact folder, its staging siblings, .git and editor backups are not changes');
    writeFiles(root, { 'tmp/b/y.json': '2' });
    fs.renameSync(path.join(root, 'tmp/b'), path.join(root, 'a/b'));
    await until('the change', () => (changes > 0 ? true : undefined));
    const seen = changes;
    writeFiles(root, { 'a/b/z.json': '3' });
    await until('the second change', () => (changes > seen ? true : undefined));
  } finally {
    watcher.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('artifactPaths: only the artifact folder and its staging/old siblings, when inside the repository', () => {
  const inside = artifactPaths('/r', '/r/out/target');
  assert.deepEqual(['out/target', 'out/target/x', 'out/.target.staging-1/y', 'out/.target.old-2', 'out/targets', 'packages/A'].map(inside), [true, true, true, true, false, false]);
  assert.equal(artifactPaths('/r', '/elsewhere/target')('target'), false);
});
