/**
 * The `faults` section of `npm run bench`: what readers and clients see on a bad day, counted.
 *
 * 1. Killed builds. `universe build` of the sample corpus is started again and again into one
 *    `--out` and killed with SIGKILL at a random moment, while a thread reads `index.json` from
 *    that folder as fast as it can. After each kill, the folder is checked against its own
 *    manifest (every file present, with its size and sha256). Counted: reader passes, reads that
 *    found no file, reads that found a torn file (did not parse), artifacts not whole after a
 *    kill, and what is left beside `--out` once a last build has run.
 * 2. Slow clients. `universe serve` with its default limits (headers within 10 s, a cap of
 *    1,000 connections) gets 3,000 connections that send a request line and then one header
 *    byte every 2 s (slowloris). Counted: connections refused with 503 at once, and for the
 *    ones held, how long until the server closed them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** What the section needs. */
export interface FaultsBenchOptions {
  /** A universe folder (it holds packages/). */
  corpus: string;
  work: string;
  /** The compiled CLI. */
  cli: string;
  /** Builds to kill. */
  kills: number;
  /** Slow connections to open. */
  slowClients: number;
}

/** The reader thread: reads and parses FILE until told to stop, then posts its counts. */
const READER = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const stop = new Int32Array(workerData.stop);
const counts = { reads: 0, missing: 0, torn: 0, other: 0 };
while (Atomics.load(stop, 0) === 0) {
  counts.reads++;
  let text;
  try {
    text = fs.readFileSync(workerData.file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') counts.missing++;
    else counts.other++;
    continue;
  }
  try {
    JSON.parse(text);
  } catch {
    counts.torn++;
  }
}
parentPort.postMessage(counts);
`;

interface ReaderCounts {
  reads: number;
  missing: number;
  torn: number;
  other: number;
}

/** Whether `dir` holds a whole artifact: every file its manifest lists, with that size and sha256. */
function wholeArtifact(dir: string): string | undefined {
  let manifest: { files: Array<{ path: string; size: number; sha256: string }> };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch (e) {
    return `no readable manifest.json (${(e as NodeJS.ErrnoException).code ?? 'does not parse'})`;
  }
  for (const f of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(dir, f.path));
    } catch {
      return `${f.path} is missing`;
    }
    if (bytes.length !== f.size || createHash('sha256').update(bytes).digest('hex') !== f.sha256) return `${f.path} differs from the manifest`;
  }
  return undefined;
}

async function killedBuilds(o: FaultsBenchOptions): Promise<string[]> {
  const root = path.join(o.work, 'faults');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const out = path.join(root, 'target');
  const build = (): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [o.cli, 'build', '--repo', o.corpus, '--out', out], { stdio: 'ignore' });
  // A whole artifact to start from, and how long a build takes (the kills land within it).
  let t = performance.now();
  if (build().status !== 0) throw new Error(`universe build --repo ${o.corpus} failed`);
  const buildMs = performance.now() - t;
  const stop = new SharedArrayBuffer(4);
  const reader = new Worker(READER, { eval: true, workerData: { file: path.join(out, 'index.json'), stop } });
  const counted = new Promise<ReaderCounts>((resolve) => reader.once('message', resolve));
  let notWhole = 0;
  let missingAfterKill = 0;
  const problems = new Set<string>();
  t = performance.now();
  for (let i = 0; i < o.kills; i++) {
    const child = spawn(process.execPath, [o.cli, 'build', '--repo', o.corpus, '--out', out], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise((r) => setTimeout(r, Math.random() * buildMs));
    child.kill('SIGKILL');
    await exited;
    if (!fs.existsSync(out)) {
      // Killed between the two renames of the swap: the next build (or serve) puts it back.
      missingAfterKill++;
      continue;
    }
    const problem = wholeArtifact(out);
    if (problem) {
      notWhole++;
      problems.add(problem);
    }
  }
  const killMs = performance.now() - t;
  // One build that runs to its end: it repairs and cleans up after the dead ones.
  const last = build();
  Atomics.store(new Int32Array(stop), 0, 1);
  const reads = await counted;
  await reader.terminate();
  // The CLI deletes the replaced artifact in the background after it returns: give it time.
  const besideOut = (): string[] => fs.readdirSync(root).filter((n) => n !== 'target');
  for (let i = 0; i < 300 && besideOut().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  const beside = besideOut();
  const whole = wholeArtifact(out);
  fs.rmSync(root, { recursive: true, force: true });
  return [
    `killed builds: ${o.kills} builds of ${o.corpus} into one --out, each killed (SIGKILL) at a random moment within a build's ${Math.round(buildMs)} ms, ${(killMs / 1000).toFixed(1)} s in all`,
    `  a thread reading index.json meanwhile: ${reads.reads.toLocaleString('en-US')} reads, ${reads.missing} found no file, ${reads.torn} found a torn file, ${reads.other} failed otherwise`,
    `  after a kill: ${o.kills - notWhole - missingAfterKill} whole artifacts, ${notWhole} not whole${problems.size ? ` (${[...problems].slice(0, 3).join('; ')})` : ''}, ${missingAfterKill} set aside mid-swap (put back by the next build)`,
    `  the last build: exit ${last.status}, artifact ${whole ? `NOT whole: ${whole}` : 'whole'}, beside --out once its background deletion ended: ${beside.length === 0 ? 'nothing' : beside.join(', ')}`,
  ];
}

async function slowClients(o: FaultsBenchOptions): Promise<string[]> {
  const root = path.join(o.work, 'faults-serve');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const out = path.join(root, 'target');
  if (spawnSync(process.execPath, [o.cli, 'build', '--repo', o.corpus, '--out', out], { stdio: 'ignore' }).status !== 0) throw new Error('universe build failed');
  const server = spawn(process.execPath, [o.cli, 'serve', '--dir', out, '--port', '0', '--workers', '1', '--quiet'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /on http:\/\/[^:]+:(\d+)/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    server.once('exit', (code) => reject(new Error(`universe serve exited (${code})`)));
  });
  const started = performance.now();
  let refused = 0;
  let other = 0;
  const heldFor: number[] = [];
  const sockets: net.Socket[] = [];
  const done: Array<Promise<void>> = [];
  for (let i = 0; i < o.slowClients; i++) {
    const s = net.connect(port, '127.0.0.1');
    sockets.push(s);
    let answer = '';
    let drip: NodeJS.Timeout | undefined;
    done.push(
      new Promise((resolve) => {
        s.on('connect', () => {
          s.write('GET /index.json HTTP/1.1\r\nHost: x\r\nX-Slow: ');
          drip = setInterval(() => s.write('a'), 2000);
        });
        s.on('data', (d: Buffer) => (answer += d.toString('latin1')));
        s.on('error', () => undefined);
        s.on('close', () => {
          clearInterval(drip);
          const ms = performance.now() - started;
          if (answer.startsWith('HTTP/1.1 503')) refused++;
          else if (answer === '' || answer.startsWith('HTTP/1.1 408')) heldFor.push(ms);
          else other++;
          resolve();
        });
      }),
    );
  }
  // Every socket ends: refused at once, or cut off by the header timeout (a guard for a hang).
  const guard = setTimeout(() => sockets.forEach((s) => s.destroy()), 60_000);
  await Promise.all(done);
  clearTimeout(guard);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(root, { recursive: true, force: true });
  heldFor.sort((a, b) => a - b);
  const s = (ms: number | undefined): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);
  return [
    `slow clients: ${o.slowClients} connections to universe serve (headers timeout 10 s, cap 1,000 connections), each sending one header byte every 2 s`,
    `  refused with 503 at once: ${refused}; held, then closed by the server: ${heldFor.length} (first after ${s(heldFor[0])}, median ${s(heldFor[Math.floor(heldFor.length / 2)])}, last ${s(heldFor[heldFor.length - 1])}; target: within the timeout + 2 s); other answers: ${other}`,
  ];
}

/** The section's report lines, or one line saying why it is skipped. */
export async function benchFaults(o: FaultsBenchOptions): Promise<string[]> {
  if (!fs.existsSync(path.join(o.corpus, 'packages'))) return [`## faults: skipped, ${o.corpus} not found`, ''];
  return ['## faults: what readers and clients see on a bad day', ...(await killedBuilds(o)), ...(await slowClients(o)), ''];
}
