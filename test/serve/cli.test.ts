import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, runCli, writeTree } from '../helpers/cli.js';
import { revisionFiles } from '../helpers/repo.js';
import { buildArtifactDir, json, request } from './helpers.js';

let dir: string;
before(async () => {
  dir = await buildArtifactDir();
});
after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

/** Starts `universe serve` with `args`, waits for the URL it prints, and returns a way to stop it. */
async function serve(args: string[]): Promise<{ url: string; pid: number; stderr: () => string; stop: (signal: NodeJS.Signals) => Promise<{ code: number | null; stdout: string; stderr: string }> }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    // A hang guard, not a timing assertion.
    const guard = setTimeout(() => reject(new Error(`no URL printed: ${stdout}${stderr}`)), 60_000);
    const look = (): void => {
      const m = /on (http:\/\/\S+?)\/?\n/.exec(stdout);
      if (m) {
        clearTimeout(guard);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', look);
    void exited.then(() => {
      clearTimeout(guard);
      reject(new Error(`universe serve exited: ${stdout}${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    stderr: () => stderr,
    stop: async (signal) => {
      child.kill(signal);
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}

test('universe serve: prints its URL, serves, logs each request, stops on SIGTERM with exit 0', async () => {
  const s = await serve(['--dir', dir, '--port', '0', '--workers', '1']);
  const a = await request(s.url, '/index.json');
  assert.equal(a.status, 200);
  assert.equal(json(a).packages.length, JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')).packages.length);
  assert.equal((await request(s.url, '/repo', { headers: { 'user-agent': 'dcos/1.9.0' } })).headers['content-type'], 'application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3');
  const r = await s.stop('SIGTERM');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /GET \/index\.json 200 \d+/);
  assert.match(r.stdout, /GET \/repo 200 \d+/);
  assert.match(r.stderr, /stopped/);
});

test('universe serve --workers 2: a crashed worker is restarted; in a crash loop the primary gives up with exit 2, never 0', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--dir', dir, '--port', '0', '--workers', '2', '--quiet'], { env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const workersOf = (pid: number): number[] => {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  let done = false;
  void exited.then(() => (done = true));
  // Wait until it serves, then kill every worker as soon as it appears (bounded: a hang guard).
  for (let i = 0; i < 600 && !done && !/on http/.test(stdout); i++) await new Promise((r) => setTimeout(r, 50));
  let kills = 0;
  for (let i = 0; i < 1200 && !done; i++) {
    for (const w of workersOf(child.pid!)) {
      try {
        process.kill(w, 'SIGKILL');
        kills++;
      } catch {
        // Already gone.
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!done) child.kill('SIGKILL');
  const code = await exited;
  assert.ok(kills > 10, `${kills} kills`);
  assert.match(stderr, /exited \(SIGKILL\); starting another/);
  assert.match(stderr, /too many restarts, not replacing it/);
  assert.match(stderr, /every worker died and 10 restarts within 60 s did not keep one running/);
  assert.equal(code, 2, stderr);
});

test('universe serve --workers 2: one port for both workers; SIGINT stops them all with exit 0', async () => {
  const s = await serve(['--dir', dir, '--port', '0', '--workers', '2', '--quiet']);
  for (let i = 0; i < 6; i++) assert.equal((await request(s.url, '/index.json')).status, 200);
  const r = await s.stop('SIGINT');
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /GET /, '--quiet: no access log');
});

test('universe serve --watch --workers 2: the primary rebuilds after a change and every worker serves the new artifact', async () => {
  const repo = writeTree(revisionFiles('alpha', 0));
  const out = `${repo}-target`;
  try {
    const s = await serve(['--dir', out, '--watch', '--repo', repo, '--port', '0', '--workers', '2', '--quiet']);
    const latest = async (): Promise<string> => json(await request(s.url, '/index.json')).packages[0].latest.version;
    assert.equal(await latest(), '1.0.0');
    for (const [rel, content] of Object.entries(revisionFiles('alpha', 1))) {
      fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      fs.writeFileSync(path.join(repo, rel), content as string);
    }
    // Waits until the primary says every worker swapped (a hang guard bounds it, no timing is asserted)…
    const deadline = Date.now() + 60_000;
    while (!/now serving/.test(s.stderr())) {
      assert.ok(Date.now() < deadline, `gave up waiting for the rebuilt artifact: ${s.stderr()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // …then every connection (spread over both workers) sees the new revision.
    for (let i = 0; i < 8; i++) assert.equal(await latest(), '1.0.1');
    const r = await s.stop('SIGTERM');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /rebuilding/);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});

/** The process ids whose parent is `pid` and whose command line mentions `what` (Linux /proc). */
function childrenOf(pid: number, what: string): number[] {
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = fs.readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = /^PPid:\s+(\d+)/m.exec(status)?.[1];
      if (Number(ppid) === pid && fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(what)) found.push(Number(name));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}

/** Waits (bounded by a hang guard, nothing timed is asserted) until `ok()` holds. */
async function until(ok: () => boolean, why: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!ok()) {
    assert.ok(Date.now() < deadline, why());
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('universe serve --watch --workers 1: builds run in a child process at lower priority; a build process that dies is a failed build, never the server\'s end', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const repo = writeTree(revisionFiles('alpha', 0));
  const out = `${repo}-target`;
  try {
    const s = await serve(['--dir', out, '--watch', '--repo', repo, '--port', '0', '--workers', '1', '--quiet']);
    const latest = async (): Promise<string> => json(await request(s.url, '/index.json')).packages[0].latest.version;
    assert.equal(await latest(), '1.0.0');
    // The initial build ran in a child of the server, which is kept for the next builds.
    const [builder] = childrenOf(s.pid, 'rebuild-child.js');
    assert.ok(builder !== undefined, 'no build process beside the server');
    const nice = (pid: number): number => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    assert.ok(nice(builder) > nice(s.pid), `the build process runs at nice ${nice(builder)}, the server at ${nice(s.pid)}`);
    // Killed, the builder takes nothing down: the server answers, and the next change starts a new one.
    process.kill(builder, 'SIGKILL');
    await until(() => childrenOf(s.pid, 'rebuild-child.js').length === 0, () => 'the killed build process is still there');
    assert.equal(await latest(), '1.0.0');
    for (const [rel, content] of Object.entries(revisionFiles('alpha', 1))) {
      fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      fs.writeFileSync(path.join(repo, rel), content as string);
    }
    await until(() => /now serving/.test(s.stderr()), () => `gave up waiting for the rebuilt artifact: ${s.stderr()}`);
    assert.equal(await latest(), '1.0.1');
    const [second] = childrenOf(s.pid, 'rebuild-child.js');
    assert.ok(second !== undefined && second !== builder, 'the next build ran in a new build process');
    const r = await s.stop('SIGTERM');
    assert.equal(r.code, 0, r.stderr);
    // The build process ends with the server.
    await until(() => !fs.existsSync(`/proc/${second}`) || /^State:\s+Z/m.test(fs.readFileSync(`/proc/${second}/status`, 'utf8')), () => 'the build process outlived the server');
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('universe serve: no artifact, bad flags → exit 2 with a message, never a stack trace', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--dir', path.join(dir, 'nope'), '--port', '0', '--workers', '1'], /does not exist.*universe build/],
    [['--dir', path.join(dir, 'nope'), '--port', '0', '--workers', '2'], /does not exist.*universe build/],
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--workers', '0'], /--workers must be a whole number/],
    [['--max-connections', '0'], /--max-connections must be a whole number from 1/],
    [['--repo', 'repo'], /--repo only matters with --watch/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['serve', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'stack trace');
  }
  const help = await runCli(['serve', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: universe serve/);
});
