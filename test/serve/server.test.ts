import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CannotRunError } from '../../scripts/lib/diagnostics/errors.js';
import { formatAccess } from '../../scripts/lib/serve/access-log.js';
import { startServer, type ServerHandle } from '../../scripts/lib/serve/server.js';
import { buildArtifactDir, json, raw, request } from './helpers.js';

let dir: string;
let server: ServerHandle;
const lines: string[] = [];
let manifest: { files: Array<{ path: string; sha256: string; size: number }> };
const sha = (p: string): string => manifest.files.find((f) => f.path === p)!.sha256;

before(async () => {
  dir = await buildArtifactDir();
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  server = await startServer({ dir, port: 0, log: (l) => lines.push(l) });
});
after(async () => {
  await server.close();
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

test('/index.json: strong ETag from the manifest, Cache-Control, CORS, identity without Accept-Encoding', async () => {
  const a = await request(server.url, '/index.json');
  assert.equal(a.status, 200);
  assert.ok(a.body.equals(fs.readFileSync(path.join(dir, 'index.json'))));
  assert.equal(a.headers.etag, `"${sha('index.json')}"`);
  assert.equal(a.headers['content-type'], 'application/json');
  assert.equal(a.headers['content-length'], String(a.body.length));
  assert.equal(a.headers['cache-control'], 'no-cache');
  assert.equal(a.headers['access-control-allow-origin'], '*');
  assert.equal(a.headers['access-control-expose-headers'], 'ETag');
  assert.equal(a.headers.vary, 'Accept-Encoding');
  assert.equal(a.headers['content-encoding'], undefined);
});

test('If-None-Match → 304 without a body (exact, weak, in a list, *); another ETag → 200', async () => {
  const etag = `"${sha('index.json')}"`;
  for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
    const a = await request(server.url, '/index.json', { headers: { 'if-none-match': inm } });
    assert.equal(a.status, 304, inm);
    assert.equal(a.body.length, 0);
    assert.equal(a.headers.etag, etag);
    assert.equal(a.headers['cache-control'], 'no-cache');
  }
  assert.equal((await request(server.url, '/index.json', { headers: { 'if-none-match': '"other"' } })).status, 200);
  // The gzip form is another representation with its own ETag (the .gz file's digest).
  const gz = await request(server.url, '/index.json', { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers.etag, `"${sha('index.json.gz')}"`);
  const again = await request(server.url, '/index.json', { headers: { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.etag! } });
  assert.equal(again.status, 304);
});

test('gzip: the precompressed sibling when accepted, not when refused', async () => {
  const plain = fs.readFileSync(path.join(dir, 'packages/emberkv.json'));
  for (const ae of ['gzip', 'gzip, deflate, br', 'br;q=1, gzip;q=0.5', '*']) {
    const a = await request(server.url, '/packages/emberkv.json', { headers: { 'accept-encoding': ae } });
    assert.equal(a.headers['content-encoding'], 'gzip', ae);
    assert.ok(a.body.equals(fs.readFileSync(path.join(dir, 'packages/emberkv.json.gz'))), ae);
    assert.ok(gunzipSync(a.body).equals(plain));
  }
  for (const ae of ['identity', 'gzip;q=0', 'deflate, br', '*;q=0', 'br, *;q=0']) {
    const a = await request(server.url, '/packages/emberkv.json', { headers: { 'accept-encoding': ae } });
    assert.equal(a.headers['content-encoding'], undefined, ae);
    assert.ok(a.body.equals(plain), ae);
  }
});

test('HEAD: the headers of GET, no body', async () => {
  const get = await request(server.url, '/index.json', { headers: { 'accept-encoding': 'gzip' } });
  const head = await request(server.url, '/index.json', { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  for (const h of ['content-type', 'content-length', 'etag', 'content-encoding', 'cache-control', 'vary']) assert.equal(head.headers[h], get.headers[h], h);
  const repo = await request(server.url, '/repo', { method: 'HEAD' });
  assert.equal(repo.status, 200);
  assert.equal(repo.body.length, 0);
  assert.equal((await request(server.url, '/nope', { method: 'HEAD' })).status, 404);
});

test('CORS preflight (OPTIONS) → 204; other methods → 405 with Allow', async () => {
  const pre = await request(server.url, '/index.json', { method: 'OPTIONS', headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers['access-control-allow-origin'], '*');
  assert.match(pre.headers['access-control-allow-methods']!, /GET/);
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const a = await request(server.url, '/index.json', { method });
    assert.equal(a.status, 405, method);
    assert.equal(a.headers.allow, 'GET, HEAD, OPTIONS');
    assert.equal(json(a).status, 405);
  }
});

test('every file of the manifest is served with its digest; DC/OS files with their .content_type', async () => {
  for (const f of manifest.files.filter((x) => !x.path.endsWith('.gz'))) {
    const a = await request(server.url, `/${f.path.split('/').map(encodeURIComponent).join('/')}`);
    assert.equal(a.status, 200, f.path);
    assert.equal(a.headers.etag, `"${f.sha256}"`, f.path);
    assert.equal(a.body.length, f.size, f.path);
  }
  const up = await request(server.url, '/dcos/repo-up-to-1.9.json');
  assert.equal(up.headers['content-type'], 'application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3');
  assert.equal((await request(server.url, '/index.json.gz')).headers['content-type'], 'application/gzip');
  assert.equal((await request(server.url, '/manifest.json')).status, 200);
});

test('static directory API files are served when the artifact has them', async (t) => {
  if (!fs.existsSync(path.join(dir, 'packages.json'))) return t.skip('the build writes no static API yet');
  for (const p of ['/categories.json', '/packages.json', '/packages/emberkv/versions.json', '/packages/emberkv/1.0.0/spec.json']) {
    const a = await request(server.url, p);
    assert.equal(a.status, 200, p);
    JSON.parse(a.body.toString());
  }
});

test('GET / is the web catalogue when the artifact has one, else a description of the endpoints', async () => {
  const a = await request(server.url, '/');
  assert.equal(a.status, 200);
  if (fs.existsSync(path.join(dir, 'index.html'))) assert.match(a.headers['content-type']!, /^text\/html/);
  else assert.equal(json(a).endpoints.dcosRepository, '/repo');
});

test('GET /packages: every package with its latest version; ?recency=n the n newest (highest first)', async () => {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  const one = json(await request(server.url, '/packages'));
  assert.deepEqual(one.packages.map((p: { name: string }) => p.name), index.packages.map((p: { name: string }) => p.name));
  for (const p of one.packages) {
    assert.equal(p.versions.length, 1);
    const entry = index.packages.find((e: { name: string }) => e.name === p.name);
    assert.equal(p.versions[0].revision, entry.latest.revision, p.name);
    assert.equal(p.versions[0].version, entry.latest.version, p.name);
    assert.equal(p.versionCount, entry.versions.length);
    assert.equal(p.url, `/packages/${p.name}`);
  }
  const two = json(await request(server.url, '/packages?recency=2'));
  const ember = two.packages.find((p: { name: string }) => p.name === 'emberkv');
  assert.deepEqual(ember.versions.map((v: { revision: number }) => v.revision), [...index.packages.find((e: { name: string }) => e.name === 'emberkv').versions.map((v: { revision: number }) => v.revision)].sort((a, b) => b - a).slice(0, 2));
  const all = json(await request(server.url, '/packages?recency=1000')); // above the cap (100): capped, not refused
  for (const p of all.packages) assert.equal(p.versions.length, p.versionCount);
  for (const bad of ['0', '-1', 'abc', '1.5', '']) {
    const a = await request(server.url, `/packages?recency=${bad}`);
    assert.equal(a.status, 400, bad);
  }
});

test('GET /packages/<name>: versions newest first with spec links, documents; unknown → 404', async () => {
  const a = await request(server.url, '/packages/emberkv');
  assert.equal(a.status, 200);
  const body = json(a);
  assert.equal(body.name, 'emberkv');
  const revisions = body.versions.map((v: { revision: number }) => v.revision);
  assert.deepEqual(revisions, [...revisions].sort((x: number, y: number) => y - x));
  assert.equal(body.documents.package, '/packages/emberkv.json');
  for (const v of body.versions) {
    assert.match(v.digest, /^sha256-/);
    if (v.spec) assert.equal((await request(server.url, v.spec)).status, 200, v.spec);
  }
  for (const [, p] of Object.entries(body.documents.dcos ?? {})) assert.equal((await request(server.url, p as string)).status, 200);
  const unknown = await request(server.url, '/packages/nope-nope');
  assert.equal(unknown.status, 404);
  assert.match(json(unknown).message, /no package named "nope-nope"/);
});

test('GET /search: free text ranked, filters, bad parameters → 400', async () => {
  const kv = json(await request(server.url, '/search?q=emberkv'));
  assert.equal(kv.results[0].name, 'emberkv');
  assert.equal(kv.count, kv.results.length);
  assert.deepEqual(kv.query, { q: 'emberkv' });
  const none = json(await request(server.url, '/search?q=zzzzzz-nothing'));
  assert.equal(none.count, 0);
  const tagged = json(await request(server.url, '/search?tag=database'));
  assert.ok(tagged.results.every((r: { tags: string[] }) => r.tags.map((t) => t.toLowerCase()).includes('database')));
  assert.ok(tagged.count > 0);
  const all = json(await request(server.url, '/search'));
  assert.equal(all.count, JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')).packages.length);
  assert.equal((await request(server.url, `/search?q=${'x'.repeat(300)}`)).status, 400);
  assert.equal((await request(server.url, '/search?q=a&q=b')).status, 400);
});

test('traversal attempts never reach a file outside the artifact (raw, encoded, double-encoded)', async () => {
  const attempts: Array<[string, number]> = [
    ['/packages/../../etc/passwd', 400],
    ['/../../../../etc/passwd', 400],
    ['/packages/%2e%2e/%2e%2e/etc/passwd', 400],
    ['/packages/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', 400],
    ['/..%2f..%2f..%2fetc%2fpasswd', 400],
    ['/dcos/../manifest.json', 400],
    ['/./index.json', 400],
    ['/index.json%00', 400],
    ['/index.json%00.png', 400],
    ['/packages%5c..%5c..%5cetc%5cpasswd', 400],
    ['//etc/passwd', 400],
    ['/%', 400],
    ['/%zz', 400],
    ['/packages/%252e%252e/%252e%252e/etc/passwd', 404],
    ['/%252e%252e%252f%252e%252e%252fetc%252fpasswd', 404],
    ['/etc/passwd', 404],
    ['/packages/emberkv.json/../../index.json', 400],
  ];
  for (const [target, status] of attempts) {
    const a = await request(server.url, target);
    assert.equal(a.status, status, target);
    assert.doesNotMatch(a.body.toString(), /root:/, target);
    assert.match(a.headers['content-type']!, /^application\/json/, target);
  }
  // Targets a client library would not send: absolute form, a backslash, a bare NUL.
  for (const target of ['http://example.com/etc/passwd', '/packages\\..\\..\\etc\\passwd', '*']) {
    const out = await raw(server.url, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.match(out, /^HTTP\/1\.1 4\d\d /, target);
    assert.doesNotMatch(out, /root:/, target);
  }
});

test('oversized request headers → 431; garbage → 400; never a crash', async () => {
  const big = await request(server.url, '/index.json', { headers: { 'x-big': 'a'.repeat(20_000) } }).catch((e: Error) => e);
  if (big instanceof Error) assert.fail(`the client saw ${big.message} instead of a 431`);
  assert.equal(big.status, 431);
  const longTarget = await raw(server.url, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  assert.match(longTarget, /^HTTP\/1\.1 431 /);
  const garbage = await raw(server.url, 'NOT HTTP AT ALL\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400 /);
  // Still serving.
  assert.equal((await request(server.url, '/index.json')).status, 200);
});

test('CONNECT and Upgrade requests are answered 405 with Allow, never left hanging', async () => {
  const connect = await raw(server.url, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
  assert.match(connect, /^HTTP\/1\.1 405 /);
  assert.match(connect, /\r\nAllow: GET, HEAD, OPTIONS\r\n/);
  const upgrade = await raw(server.url, 'GET /index.json HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
  assert.match(upgrade, /^HTTP\/1\.1 405 /);
  assert.equal((await request(server.url, '/index.json')).status, 200);
});

test('connections beyond the cap are answered 503 and closed; the ones within it are served', async () => {
  const d = await buildArtifactDir();
  const capped = await startServer({ dir: d, port: 0, limits: { maxConnections: 2 } });
  const url = new URL(capped.url);
  const idle: net.Socket[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      idle.push(await new Promise<net.Socket>((resolve) => {
        const s = net.connect(Number(url.port), url.hostname, () => resolve(s));
      }));
    }
    const third = await raw(capped.url, 'GET /index.json HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(third, /^HTTP\/1\.1 503 /);
    assert.match(third, /\r\nRetry-After: 1\r\n/);
    for (const s of idle) s.destroy();
    // Once they are gone, new connections are served again.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await request(capped.url, '/index.json')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(status, 200);
  } finally {
    for (const s of idle) s.destroy();
    await capped.close();
    fs.rmSync(path.dirname(d), { recursive: true, force: true });
  }
});

test('a client that never finishes its headers is cut off soon after the header timeout, not 30 s later', async () => {
  const d = await buildArtifactDir();
  const slow = await startServer({ dir: d, port: 0, limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 } });
  try {
    const url = new URL(slow.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(url.port), url.hostname, () => socket.write('GET /index.json HTTP/1.1\r\nHost: x\r\n'));
      let out = '';
      socket.on('data', (b: Buffer) => (out += b.toString('latin1')));
      socket.on('close', () => resolve(out));
      socket.on('error', () => resolve(out));
      // A bound for the test itself: Node's default check interval (30 s) would blow it.
      setTimeout(() => socket.destroy(), 10_000).unref();
    });
    const waited = Date.now() - started;
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.ok(waited < 1_000 + 2_000, `closed after ${waited} ms`);
  } finally {
    await slow.close();
    fs.rmSync(path.dirname(d), { recursive: true, force: true });
  }
});

test('malformed Accept on /repo gets the default repository (see negotiate.ts)', async () => {
  for (const accept of [';;;', 'garbage', `application/vnd.dcos.universe.repo+json;q=2`, '"']) {
    const a = await request(server.url, '/repo', { headers: { accept } });
    assert.equal(a.status, 200, accept);
    assert.match(a.headers['content-type']!, /version=v5$/, accept);
  }
});

test('unknown paths and packages are JSON 404s', async () => {
  for (const p of ['/nope', '/packages/nope.json', '/dcos/9.9/package/x.json', '/package/', '/packages/x/y/z']) {
    const a = await request(server.url, p);
    assert.equal(a.status, 404, p);
    assert.equal(json(a).status, 404);
  }
});

test('the access log has one line per request: method, target, status, bytes, ms (escaped)', async () => {
  lines.length = 0;
  await request(server.url, '/index.json');
  await raw(server.url, 'GET /nope?a="b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^\S+Z 127\.0\.0\.1 GET \/index\.json 200 \d+ \d+\.\dms$/);
  assert.match(lines[1]!, /GET \/nope\?a=%22b%22 404 \d+ /);
  const line = formatAccess({ remote: '10.0.0.1', method: 'GET', target: '/a b\n"c"\u00e9\u2028', status: 404, bytes: 0, ms: 0 });
  assert.match(line, / 10\.0\.0\.1 GET \/a%20b%0A%22c%22%E9%E2%80%A8 404 0 0\.0ms$/);
});

test('a missing or invalid artifact is a CannotRunError saying what to do', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-serve-bad-'));
  try {
    const cases: Array<[string, RegExp, () => void]> = [
      [path.join(tmp, 'missing'), /does not exist.*universe build/, () => {}],
      [tmp, /no manifest\.json.*universe build --out/, () => {}],
      [tmp, /not a valid artifact manifest/, () => fs.writeFileSync(path.join(tmp, 'manifest.json'), '{nope')],
      [tmp, /no index\.json/, () => fs.writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify({ files: [] }))],
      [tmp, /unsafe|empty, \. or \.\. segment/, () => fs.writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify({ files: [{ path: '../x', size: 1, sha256: 'a'.repeat(64) }] }))],
      [tmp, /index\.json is missing/, () => fs.writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify({ files: [{ path: 'index.json', size: 2, sha256: 'a'.repeat(64) }] }))],
      [tmp, /another sha256/, () => fs.writeFileSync(path.join(tmp, 'index.json'), '{}')],
    ];
    for (const [d, message, setup] of cases) {
      setup();
      await assert.rejects(startServer({ dir: d, port: 0 }), (e: unknown) => e instanceof CannotRunError && message.test(e.message), String(message));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('a port in use is a CannotRunError', async () => {
  await assert.rejects(startServer({ dir, port: server.port }), (e: unknown) => e instanceof CannotRunError && /already in use/.test(e.message));
});
