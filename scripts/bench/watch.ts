/**
 * The `watch` section of `npm run bench`: how much `universe serve --watch` slows its answers
 * while it rebuilds. A copy of the sample corpus is served with --watch (one worker, then two);
 * this process keeps a fixed number of keep-alive connections busy with `GET /index.json`
 * (gzip), first with nothing changing (idle), then while one package file is edited again each
 * time the previous rebuild is served, so that a build is almost always running. The server's
 * events on stderr ("changed: rebuilding" … "now serving" or "build failed") mark when a build
 * ran; requests sent inside those spans are the "during a rebuild" sample. Load generator,
 * server and builds share the machine's cores, as they would on a small host.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

/** What the section needs. */
export interface WatchBenchOptions {
  /** A universe folder (it holds packages/): copied, then served and edited. */
  corpus: string;
  work: string;
  /** The compiled CLI. */
  cli: string;
  /** Seconds of load for each of the two samples. */
  seconds: number;
  /** Open connections of the load generator. */
  connections: number;
}

interface Sample {
  /** performance.now() when the request was sent. */
  at: number;
  ms: number;
}

interface Served {
  url: string;
  child: ChildProcess;
  /** Events (stderr lines) with the time they arrived. */
  events: Array<{ at: number; line: string }>;
}

async function startServe(cli: string, args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Served['events'] = [];
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const at = performance.now();
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) events.push({ at, line });
  });
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`universe serve printed no URL: ${stdout}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /on (http:\/\/\S+?)\/?\n/.exec(stdout);
      if (m) {
        clearTimeout(guard);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(guard);
      reject(new Error(`universe serve exited (${code}): ${events.map((e) => e.line).join('\n')}`));
    });
  });
  return { url, child, events };
}

async function stop(s: Served): Promise<void> {
  const exited = new Promise((resolve) => s.child.once('exit', resolve));
  s.child.kill('SIGTERM');
  await exited;
}

async function until(ok: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (!ok()) {
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Keeps `connections` requests in flight against `url` until `running()` turns false. */
async function load(url: string, connections: number, running: () => boolean): Promise<Sample[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const samples: Sample[] = [];
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const at = performance.now();
      const req = http.get(`${url}/index.json`, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
        res.resume();
        res.on('end', () => {
          samples.push({ at, ms: performance.now() - at });
          resolve();
        });
      });
      req.on('error', reject);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (running()) await one();
    }),
  );
  agent.destroy();
  return samples;
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** The spans in which a build ran, from the server's events. */
function buildSpans(events: Served['events']): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start: number | undefined;
  for (const e of events) {
    if (/changed: rebuilding/.test(e.line)) start ??= e.at;
    else if (start !== undefined && /now serving|build failed/.test(e.line)) {
      spans.push([start, e.at]);
      start = undefined;
    }
  }
  return spans;
}

async function measureOne(o: WatchBenchOptions, workers: number): Promise<string> {
  const repo = path.join(o.work, 'watch-repo');
  const out = path.join(o.work, 'watch-target');
  fs.rmSync(repo, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(o.corpus, repo, { recursive: true });
  const s = await startServe(o.cli, ['--dir', out, '--watch', '--repo', repo, '--port', '0', '--workers', String(workers), '--quiet']);
  try {
    await until(() => s.events.some((e) => /watching/.test(e.line)), 'the watcher');
    // Warm-up: the first requests pay for connections and JIT.
    let end = performance.now() + 1000;
    await load(s.url, o.connections, () => performance.now() < end);
    end = performance.now() + o.seconds * 1000;
    const idle = await load(s.url, o.connections, () => performance.now() < end);
    // One package file edited again as soon as the previous edit is served.
    const target = firstPackageJson(repo);
    const original = fs.readFileSync(target, 'utf8');
    let flip = false;
    let editing = true;
    const editor = (async () => {
      while (editing) {
        const before = s.events.filter((e) => /now serving|build failed/.test(e.line)).length;
        flip = !flip;
        fs.writeFileSync(target, flip ? `${original}\n` : original);
        await until(() => !editing || s.events.filter((e) => /now serving|build failed/.test(e.line)).length > before, 'a rebuild');
      }
    })();
    end = performance.now() + o.seconds * 1000;
    const busy = await load(s.url, o.connections, () => performance.now() < end);
    editing = false;
    await editor;
    const spans = buildSpans(s.events);
    const during = busy.filter((x) => spans.some(([a, b]) => x.at >= a && x.at <= b)).map((x) => x.ms);
    const idleMs = idle.map((x) => x.ms);
    const p99Idle = percentile(idleMs, 99);
    const p99Busy = percentile(during, 99);
    const failed = s.events.filter((e) => /build failed/.test(e.line)).length;
    // Each span runs from noticing the change to serving its build: the build's own time is in its event.
    const buildMs = s.events.map((e) => /revisions in (\d+) ms/.exec(e.line)?.[1]).filter((m) => m !== undefined).map(Number).slice(1);
    const spanMs = spans.map(([a, b]) => b - a);
    const ms = (n: number): string => `${n.toFixed(1)} ms`;
    const ratio = p99Busy / p99Idle;
    return [
      `--workers ${workers}: idle ${idleMs.length} requests, p50 ${ms(percentile(idleMs, 50))}, p99 ${ms(p99Idle)}`,
      `  during ${spans.length} rebuilds${failed ? ` (${failed} failed)` : ''} (each ${Math.round(percentile(buildMs, 50))} ms of building, median; ${Math.round(percentile(spanMs, 50))} ms from noticing the change to serving it): ${during.length} requests, p50 ${ms(percentile(during, 50))}, p99 ${ms(p99Busy)}`,
      `  p99 during rebuilds ÷ idle = ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? 'ok' : 'NOT MET'})`,
    ].join('\n');
  } finally {
    await stop(s);
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** The package.json of the first revision of the first package, in name order. */
function firstPackageJson(repo: string): string {
  const first = (dir: string): string => path.join(dir, fs.readdirSync(dir).filter((n) => !n.startsWith('.')).sort()[0]!);
  return path.join(first(first(first(path.join(repo, 'packages')))), 'package.json');
}

/** The section's report lines, or one line saying why it is skipped. */
export async function benchWatch(o: WatchBenchOptions): Promise<string[]> {
  if (!fs.existsSync(path.join(o.corpus, 'packages'))) return [`## watch: skipped, ${o.corpus} not found`, ''];
  const lines = [
    `## watch: universe serve --watch on ${o.corpus}, ${o.connections} keep-alive connections asking GET /index.json (gzip), ${o.seconds} s idle then ${o.seconds} s of back-to-back rebuilds`,
  ];
  for (const workers of [1, 2]) lines.push(await measureOne(o, workers));
  lines.push('');
  return lines;
}
