/**
 * Helpers for the consume and render-cmd tests: the sample repo/ built once into a temporary
 * artifact folder, a loopback static server over a folder, and a fake Io.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Io } from '../../scripts/cli/io.js';
import { buildArtifact } from '../../scripts/lib/ops/build.js';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

/** The sample universe of the project. */
export const SAMPLE_REPO = path.join(PROJECT_ROOT, 'repo');

let built: Promise<string> | undefined;

/** The sample repo/ built (no gzip, no workers) into a fresh temporary folder, once per test file. */
export function sampleArtifact(): Promise<string> {
  return (built ??= (async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'universe-consume-')), 'target');
    const result = await validateSnapshot(new WorktreeSnapshot(SAMPLE_REPO));
    await buildArtifact(result.catalog, result.analysis, { outDir: out, repoDir: SAMPLE_REPO, commit: null, gzip: false, workers: 0 });
    return out;
  })());
}

/** A static file server on 127.0.0.1 over `dir` (404 for anything missing); `requests` lists the paths asked for. */
export async function serveFolder(dir: string): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(url);
    const file = path.join(dir, ...url.split('/').filter((s) => s !== '' && s !== '..'));
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An Io that records what a command prints. */
export function fakeIo(cwd = PROJECT_ROOT): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    color: false,
    cwd,
    stdout: () => out,
    stderr: () => err,
  };
}
