/**
 * Shared by the server tests: a built copy of the sample repo/ in a temp folder, and HTTP
 * requests that send the target exactly as given (no client-side normalisation of `..`).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { rebuild } from '../../scripts/lib/serve/rebuild.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

/** Builds `repo` (default: the project's sample repo/) into a new temp folder; returns the folder. */
export async function buildArtifactDir(repo = path.join(PROJECT_ROOT, 'repo'), out?: string): Promise<string> {
  const dir = out ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'universe-serve-')), 'target');
  const r = await rebuild({ repo, out: dir, build: { workers: 0 } });
  if (!r.ok) throw new Error(`building ${repo} failed: ${r.message}`);
  return dir;
}

/** An HTTP answer. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request with the target as given; no keep-alive. */
export function request(base: string, target: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: target, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Writes raw bytes to the server and returns everything it answers before closing. */
export function raw(base: string, text: string): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.end(text));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
    socket.on('close', () => resolve(out));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve(out) : reject(e)));
  });
}

/** The JSON of an answer's body. */
export function json(a: Answer): any {
  return JSON.parse(a.body.toString('utf8'));
}
