/**
 * Upstreams on loopback for the layers tests: two small universes built with the CLI (one served
 * as a universe, one through its DC/OS repository JSON), and servers that fail in each way an
 * upstream can: HTTP 500, no answer at all, invalid JSON, no index.json.
 */
import { after, before } from 'node:test';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, writeTree } from '../helpers/cli.js';
import { revisionFiles } from '../helpers/repo.js';

/** The upstream universes, built and served. */
export interface Upstreams {
  /** A temporary folder holding everything below. */
  root: string;
  /** The built staging universe (acme-db, acme-secret, kafka). */
  stagingDir: string;
  /** The built public universe (acme-db, acme-secret, kafka, spark, at higher versions). */
  publicDir: string;
  /** Serves `root`: `${url}staging/` is a universe, `${url}public/dcos/repo-up-to-2.0.json` a DC/OS repository. */
  url: string;
  /** Answers every request with HTTP 500. */
  broken: string;
  /** Accepts connections and never answers. */
  hanging: string;
  /** Answers every request with 200 and a body that is not JSON. */
  garbage: string;
  /** How many requests the hanging server has received. */
  hangs: () => number;
  close: () => Promise<void>;
}

/** Builds a universe of the given packages (name → version) into `out` with the CLI. */
async function buildUniverse(packages: Record<string, string>, out: string): Promise<void> {
  const files = Object.fromEntries(Object.entries(packages).flatMap(([name, version]) => Object.entries(revisionFiles(name, 0, { packageJson: { version } }))));
  const repo = writeTree(files, 'universe-layers-repo-');
  try {
    const r = await runCli(['build', '--repo', repo, '--out', out, '--no-gzip']);
    if (r.code !== 0) throw new Error(`build failed: ${r.stdout}${r.stderr}`);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
}

/** A loopback server; `close` ends every connection it holds, the hanging ones included. */
async function listen(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Builds the two universes and starts the four servers. */
async function startUpstreams(): Promise<Upstreams> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-layers-'));
  const stagingDir = path.join(root, 'staging');
  const publicDir = path.join(root, 'public');
  await buildUniverse({ 'acme-db': '1.0.0', 'acme-secret': '1.0.0', kafka: '2.0.0' }, stagingDir);
  await buildUniverse({ 'acme-db': '9.0.0', 'acme-secret': '9.0.0', kafka: '3.0.0', spark: '1.0.0' }, publicDir);

  const files = await listen((req, res) => {
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const file = path.join(root, ...rel.split('/').filter((s) => s !== '' && s !== '..'));
    fs.readFile(file, (err, body) => {
      if (err) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      else res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
    });
  });
  const broken = await listen((_req, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error'));
  let hangs = 0;
  const hanging = await listen(() => void hangs++);
  const garbage = await listen((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"packages": [ this is not json'));
  return {
    root,
    stagingDir,
    publicDir,
    url: files.url,
    broken: broken.url,
    hanging: hanging.url,
    garbage: garbage.url,
    hangs: () => hangs,
    close: async () => {
      await Promise.all([files.close(), broken.close(), hanging.close(), garbage.close()]);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A local universe holding `packages` (revision 0 each) and this repository.json. */
function localUniverse(packages: string[], settings: Record<string, unknown>): string {
  const files = Object.fromEntries(packages.flatMap((name) => Object.entries(revisionFiles(name, 0))));
  // An empty packages/ folder holds a placeholder file, as universe init leaves it.
  return writeTree({ 'packages/.gitkeep': '', ...files, 'repository.json': JSON.stringify({ formatVersion: '1.0', name: 'acme', ...settings }, null, 2) + '\n' }, 'universe-layers-local-');
}

/**
 * For a test file: starts the upstream servers before its tests and stops them after, and makes
 * local universes (see {@link localUniverse}) that are deleted after. `ctx.up` is the servers.
 */
export function withUpstreams(): { readonly up: Upstreams; local(packages: string[], settings: Record<string, unknown>): string } {
  let servers: Upstreams | undefined;
  const made: string[] = [];
  before(async () => {
    servers = await startUpstreams();
  });
  after(async () => {
    await servers?.close();
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    get up(): Upstreams {
      if (!servers) throw new Error('the upstream servers start before the tests');
      return servers;
    },
    local(packages, settings) {
      const dir = localUniverse(packages, settings);
      made.push(dir);
      return dir;
    },
  };
}
