import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { openIndex } from '../../scripts/lib/consume/source.js';
import { CannotRunError } from '../../scripts/lib/diagnostics/errors.js';
import { sampleArtifact, serveFolder } from './artifact.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-source-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cannotRun = (re: RegExp) => (e: unknown) => e instanceof CannotRunError && re.test(e.message);

/** A copy of the sample artifact's index and package documents, to break at will. */
function copyArtifact(dir: string, name: string): string {
  const to = path.join(tmp, name);
  fs.cpSync(dir, to, { recursive: true });
  return to;
}

test('a folder: index.json at once, package documents on demand and cached', async () => {
  const dir = await sampleArtifact();
  const s = await openIndex(dir);
  assert.equal(s.label, dir);
  assert.deepEqual(s.index.packages.map((p) => p.name).slice(0, 3), ['bucketgate', 'emberkv', 'forge-runner']);
  const doc = await s.packageDocument('emberkv');
  assert.deepEqual(doc?.revisions.map((r) => r.revision), [0, 1, 2]);
  assert.equal(await s.packageDocument('emberkv'), doc, 'cached');
  assert.equal(await s.packageDocument('nope'), undefined);
  assert.equal(await s.packageDocument('../index'), undefined, 'never a path outside packages/');
  assert.equal((await openIndex(path.join(dir, 'index.json'))).index.packages.length, s.index.packages.length, 'the index.json file itself names its folder');
});

test('summaries: packages.json when the artifact has one, else the same derived from index.json and the documents', async () => {
  const dir = await sampleArtifact();
  const copy = copyArtifact(dir, 'no-packages-json');
  fs.rmSync(path.join(copy, 'packages.json'), { force: true });
  const derived = await (await openIndex(copy)).summaries();
  assert.deepEqual(derived.map((p) => p.name), (await openIndex(dir)).index.packages.map((p) => p.name));
  assert.equal(derived.find((p) => p.name === 'logship')?.maintainer, 'observability@example.com');
  if (fs.existsSync(path.join(dir, 'packages.json'))) assert.deepEqual(await (await openIndex(dir)).summaries(), derived, 'the build writes the same summaries');
});

test('a folder that is not an artifact, or a broken one: clear CannotRunErrors', async () => {
  await assert.rejects(openIndex(path.join(tmp, 'missing')), cannotRun(/missing does not exist/));
  await assert.rejects(openIndex(tmp), cannotRun(/holds no index\.json: point at a folder written by universe build/));
  const dir = await sampleArtifact();
  const broken = copyArtifact(dir, 'broken');
  fs.writeFileSync(path.join(broken, 'index.json'), '{"formatVersion": "1.0", "packages": [');
  await assert.rejects(openIndex(broken, undefined, 'broken'), cannotRun(/^broken: index\.json is not valid JSON .*rebuild it/));
  fs.writeFileSync(path.join(broken, 'index.json'), '{"formatVersion": "9.0", "packages": []}');
  await assert.rejects(openIndex(broken), cannotRun(/has format version "9\.0", but this tool reads 1\.0/));
  fs.writeFileSync(path.join(broken, 'index.json'), '{"formatVersion": "1.0", "packages": [{"name": "x"}]}');
  await assert.rejects(openIndex(broken), cannotRun(/malformed package entry \(x\)/));
  fs.copyFileSync(path.join(dir, 'index.json'), path.join(broken, 'index.json'));
  fs.rmSync(path.join(broken, 'packages', 'emberkv.json'));
  fs.writeFileSync(path.join(broken, 'packages', 'logship.json'), '{"name": "other", "revisions": []}');
  const s = await openIndex(broken);
  await assert.rejects(s.packageDocument('emberkv'), cannotRun(/lists emberkv but packages\/emberkv\.json is missing/));
  await assert.rejects(s.packageDocument('logship'), cannotRun(/is not the package document of logship/));
  await assert.rejects(openIndex(dir, { timeoutMs: 1000, maxBytes: 100 }), cannotRun(/more than the 100 accepted/));
});

test('over HTTP: the same index and documents, fetched on demand', async () => {
  const dir = await sampleArtifact();
  const server = await serveFolder(dir);
  try {
    const s = await openIndex(server.url.replace(/\/$/, ''));
    assert.deepEqual(s.index, (await openIndex(dir)).index);
    assert.deepEqual(server.requests, ['/index.json']);
    assert.deepEqual(await s.packageDocument('relaymq'), await (await openIndex(dir)).packageDocument('relaymq'));
    assert.deepEqual(server.requests, ['/index.json', '/packages/relaymq.json']);
    const viaFile = await openIndex(`${server.url}index.json`);
    assert.equal(viaFile.index.packages.length, s.index.packages.length);
    await assert.rejects(openIndex(`${server.url}nothing/`), cannotRun(/nothing\/ holds no index\.json/));
    await assert.rejects(openIndex(server.url, { timeoutMs: 5000, maxBytes: 64 }), cannotRun(/more than the 64 accepted/));
  } finally {
    await server.close();
  }
});

test('over HTTP: server errors, refused connections and silent servers are CannotRunErrors', async () => {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    if (req.url === '/err/index.json') res.writeHead(500, 'Boom').end();
    // /slow/ never answers.
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await assert.rejects(openIndex(`${base}/err/`), cannotRun(/cannot fetch .*\/err\/index\.json: the server answered HTTP 500 Boom/));
    await assert.rejects(openIndex(`${base}/slow/`, { timeoutMs: 300, maxBytes: 1000 }), cannotRun(/no complete answer within 300 ms/));
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  // A port nothing listens on (the client's pool may still hold sockets to the one above).
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  await assert.rejects(openIndex(closed), cannotRun(/cannot fetch .*ECONNREFUSED/));
});
