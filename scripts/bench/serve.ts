/**
 * `npm run bench:serve`: builds the sample universe (repo/) once, then serves the same built files
 * with `universe serve` and with Debian's nginx, and drives both on loopback with wrk, one after
 * the other: `/index.json` answered 200, answered 304 (If-None-Match with the server's own ETag),
 * and one DC/OS `/repo` request (nginx serves the matching file statically: it cannot negotiate).
 * Prints requests/s and p99 latency side by side and the ratio universe ÷ nginx.
 *
 * Needs `nginx` and `wrk` (apt-get install nginx wrk). BENCH_SECONDS sets each run's duration
 * (default 5), BENCH_CONNECTIONS the open connections (default 64).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '../../..');
const cli = path.join(project, 'dist/scripts/cli/main.js');
const work = path.join(os.tmpdir(), 'universe-bench-serve');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const cores = os.cpus().length;

const REPO_ACCEPT = 'application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5,application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4;q=0.9';
const REPO_AGENT = 'dcos-cli/1.0 dcos/2.0.0';

interface Result {
  rps: number;
  p99ms: number;
  non2xx: number;
}

function need(bin: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  const found = r.stdout.trim();
  if (r.status !== 0 || !found) {
    process.stderr.write(`bench:serve needs ${bin}: apt-get install ${bin === 'nginx' ? 'nginx' : bin}\n`);
    process.exit(2);
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr()}`);
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer: ${stderr()}`);
}

/** Runs wrk and reads requests/s, the 99th percentile and non-2xx/3xx answers from its report. */
function wrk(url: string, headers: Record<string, string>): Result {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1) : NaN;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  return { rps, p99ms, non2xx };
}

function nginxConfig(root: string, port: number, prefix: string): string {
  return `daemon off;
master_process on;
worker_processes ${cores};
user root;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  types { application/json json; text/html html; text/css css; application/javascript js; }
  default_type application/octet-stream;
  gzip_static on;
  etag on;
  server {
    listen 127.0.0.1:${port} reuseport;
    root ${root};
    location = /repo {
      default_type "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5";
      alias ${root}/dcos/repo-up-to-2.0.json;
    }
  }
}
`;
}

async function main(): Promise<void> {
  need('nginx');
  need('wrk');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const target = path.join(work, 'target');
  execFileSync(process.execPath, [cli, 'build', '--repo', path.join(project, 'repo'), '--out', target], { stdio: 'ignore' });

  const rows: string[] = [];
  const results: Record<string, Record<string, Result>> = {};
  const servers: Array<{ name: string; start: (port: number) => ChildProcess }> = [
    {
      name: 'universe',
      start: (port) => spawn(process.execPath, [cli, 'serve', '--dir', target, '--host', '127.0.0.1', '--port', String(port), '--quiet', '--workers', String(cores)], { stdio: ['ignore', 'ignore', 'pipe'] }),
    },
    {
      name: 'nginx',
      start: (port) => {
        const prefix = path.join(work, 'nginx');
        fs.mkdirSync(prefix, { recursive: true });
        const conf = path.join(prefix, 'nginx.conf');
        fs.writeFileSync(conf, nginxConfig(target, port, prefix));
        return spawn('nginx', ['-c', conf, '-p', prefix, '-e', path.join(prefix, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
      },
    },
  ];
  for (const s of servers) {
    const port = await freePort();
    const child = s.start(port);
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${base}/index.json`, child, () => err);
      const etag = (await fetch(`${base}/index.json`)).headers.get('etag');
      if (!etag) throw new Error(`${s.name} sent no ETag for /index.json`);
      results[s.name] = {
        '/index.json 200': wrk(`${base}/index.json`, { 'Accept-Encoding': 'gzip' }),
        '/index.json 304': wrk(`${base}/index.json`, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag }),
        '/repo (DC/OS 2.0, v5)': wrk(`${base}/repo`, { Accept: REPO_ACCEPT, 'User-Agent': REPO_AGENT, 'Accept-Encoding': 'gzip' }),
      };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
  const version = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  rows.push(`# universe serve vs ${(version.stderr || version.stdout).trim().replace(/^nginx version: /, '')}`);
  rows.push(`(node ${process.version}, ${cores} cores shared by server and wrk; wrk -t1 -c${connections} -d${seconds}s; both with ${cores} worker processes)`);
  rows.push('');
  rows.push(`| path | universe req/s | universe p99 | nginx req/s | nginx p99 | universe ÷ nginx |`);
  rows.push(`|---|---|---|---|---|---|`);
  for (const name of Object.keys(results.universe!)) {
    const u = results.universe![name]!;
    const n = results.nginx![name]!;
    const bad = u.non2xx || n.non2xx ? ` (non-2xx/3xx: universe ${u.non2xx}, nginx ${n.non2xx})` : '';
    rows.push(`| ${name} | ${u.rps.toFixed(0)} | ${u.p99ms.toFixed(2)} ms | ${n.rps.toFixed(0)} | ${n.p99ms.toFixed(2)} ms | ${(u.rps / n.rps).toFixed(2)}×${bad} |`);
  }
  rows.push('');
  rows.push('Targets: /index.json 200 and 304 at least 0.5× nginx, aim 0.8×.');
  process.stdout.write(rows.join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:serve: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
