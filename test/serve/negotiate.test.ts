import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseAccept } from '../../scripts/lib/serve/accept.js';
import { negotiateRepo, type ServedRepo } from '../../scripts/lib/serve/negotiate.js';
import { startServer, type ServerHandle } from '../../scripts/lib/serve/server.js';
import { buildArtifactDir, json, request } from './helpers.js';

const T = 'application/vnd.dcos.universe.repo+json';
const COSMOS = `${T};charset=utf-8;version=v5,${T};charset=utf-8;version=v4;q=0.9,${T};charset=utf-8;version=v3;q=0.8`;
const SERVED: ServedRepo[] = [
  ['1.8', 3], ['1.9', 3], ['1.10', 4], ['1.11', 4], ['1.12', 5], ['1.13', 5], ['2.0', 5],
].map(([dcos, format]) => ({ dcos: dcos as string, format: format as number, contentType: `${T};charset=utf-8;version=v${format}` }));

test('parseAccept: ranges, parameters (quoted too) and q-values; malformed ranges are left out', () => {
  assert.deepEqual(
    parseAccept(`${T};charset=utf-8;version=v5, */*;q=0.1`).map((r) => [r.type, r.subtype, Object.fromEntries(r.params), r.q]),
    [['application', 'vnd.dcos.universe.repo+json', { charset: 'utf-8', version: 'v5' }, 1], ['*', '*', {}, 0.1]],
  );
  assert.equal(parseAccept(`${T};version="v4"`)[0]!.params.get('version'), 'v4');
  assert.equal(parseAccept(`${T};version="v,4"`).length, 1, 'a comma inside quotes does not split');
  for (const bad of ['garbage', ';;;', ',,,', `${T};q=abc`, `${T};q=2`, '*/json', 'a/b;noequals', `${T};version`]) {
    assert.deepEqual(parseAccept(bad), [], bad);
  }
  assert.equal(parseAccept('garbage, text/html').length, 1);
  assert.deepEqual(parseAccept('x'.repeat(5000) + '/y'), []);
});

test('Accept: the most specific range that matches a format decides; q=0 excludes', () => {
  // One repository served, in format n, to a client new enough for it: served or refused.
  const accepts = (accept: string | undefined, n: number): boolean => negotiateRepo([{ dcos: '1.8', format: n, contentType: `${T};version=v${n}` }], accept, 'dcos/2.0').ok;
  assert.equal(accepts(COSMOS, 4), true);
  assert.equal(accepts(`${T};version=v5;q=0, */*`, 5), false);
  assert.equal(accepts(`${T};version=v5;q=0, */*`, 4), true);
  assert.equal(accepts(`${T}`, 3), true);
  assert.equal(accepts('application/*;q=0.5', 3), true);
  assert.equal(accepts('application/*;q=0.5, application/vnd.dcos.universe.repo+json;q=0', 3), false, 'the more specific range decides');
  assert.equal(accepts('text/html', 3), false);
  assert.equal(accepts(`${T};version=V4`, 4), true, 'the version value is case-insensitive');
  assert.equal(accepts(undefined, 5), true);
  assert.equal(accepts('garbage', 5), true, 'no usable Accept accepts everything');
});

test('the User-Agent\'s dcos/X.Y (anywhere in it, and only that) picks the newest repository up to that version', () => {
  // Without a DC/OS version in the User-Agent, the client is taken for DC/OS 2.0.
  const table: Array<[string | undefined, string]> = [
    ['dcos/1.12.0', '1.12'],
    ['cosmos/0.6.0 dcos/1.13.1', '1.13'],
    ['dcos-cli/0.8.0 dcos/1.10 python/3.7', '1.10'],
    ['Mozilla/5.0 (dcos/1.11)', '1.11'],
    ['DCOS/1.9', '1.9'],
    ['dcos/1.13-dev', '1.13'],
    ['dcos/1.12.0-beta1', '1.12'],
    ['dcos/99999999999999999999.1', '2.0'],
    ['dcos/1', '2.0'],
    ['dcos-cli/1.2.0', '2.0'],
    ['mydcos/1.9', '2.0'],
    ['curl/8.5.0', '2.0'],
    [undefined, '2.0'],
  ];
  for (const [ua, want] of table) {
    const n = negotiateRepo(SERVED, undefined, ua);
    assert.equal(n.ok ? n.repo.dcos : n.message, want, String(ua));
  }
});

test('negotiateRepo without dcos outputs is a 404; older DC/OS than served is a 406', () => {
  assert.equal((negotiateRepo([], undefined, undefined) as { status: number }).status, 404);
  const old = negotiateRepo(SERVED, undefined, 'dcos/1.7.0');
  assert.equal(old.ok, false);
  assert.match((old as { message: string }).message, /older/);
});

let dir: string;
let server: ServerHandle;
before(async () => {
  dir = await buildArtifactDir();
  server = await startServer({ dir, port: 0 });
});
after(async () => {
  await server.close();
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

/** (Accept, User-Agent) → the repo-up-to version answered, or the status of the refusal. */
const TABLE: Array<[string | undefined, string | undefined, string | number]> = [
  [COSMOS, 'cosmos/0.6.0 dcos/1.12.0', '1.12'],
  [COSMOS, 'dcos/1.13.1', '1.13'],
  [COSMOS, 'dcos/2.0.0', '2.0'],
  [COSMOS, 'dcos/2.1.0', '2.0'],
  [COSMOS, 'dcos/1.11.4', '1.11'],
  [COSMOS, 'dcos-cli/0.5 dcos/1.10.0 python/3', '1.10'],
  [COSMOS, 'dcos/1.9.7', '1.9'],
  [COSMOS, 'dcos/1.8.8', '1.8'],
  [COSMOS, 'dcos/1.13-dev', '1.13'],
  [COSMOS, 'dcos/1.10.0-rc1', '1.10'],
  [COSMOS, 'dcos/2', '2.0'],
  [COSMOS, 'dcos/99999999999999999999.1', '2.0'],
  [COSMOS, undefined, '2.0'],
  [COSMOS, 'curl/8.5.0', '2.0'],
  [`${T};charset=utf-8;version=v3`, 'dcos/1.12.0', '1.9'],
  [`${T};charset=utf-8;version=v4`, 'dcos/2.0', '1.11'],
  [`${T};version=v4;q=0,${T};version=v3`, 'dcos/1.11.0', '1.9'],
  [`${T};version=v5;q=0, */*`, 'dcos/2.0', '1.11'],
  [`${T};version="v4"`, undefined, '1.11'],
  [`${T}`, 'dcos/1.9.0', '1.9'],
  ['*/*', 'dcos/1.10.2', '1.10'],
  ['application/*', undefined, '2.0'],
  ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', undefined, '2.0'],
  [undefined, 'dcos/1.12.0', '1.12'],
  [undefined, undefined, '2.0'],
  // Malformed Accept headers (nothing parses) get the default: the highest the DC/OS version supports.
  [';;;', 'dcos/1.11', '1.11'],
  ['garbage', undefined, '2.0'],
  [`${T};q=abc`, 'dcos/1.9', '1.9'],
  // Well-formed but nothing acceptable: 406.
  ['text/html', undefined, 406],
  ['garbage, text/html', undefined, 406],
  [`${T};version=v9`, undefined, 406],
  [`${T};version=v5`, 'dcos/1.9.0', 406],
  [`${T};version=v5;q=0`, 'dcos/2.0', 406],
  [COSMOS, 'dcos/1.7.0', 406],
];

test('GET /repo: every (Accept, User-Agent) pair gets the right file with its exact Content-Type', async () => {
  for (const [accept, ua, want] of TABLE) {
    const headers: Record<string, string> = {};
    if (accept !== undefined) headers.accept = accept;
    if (ua !== undefined) headers['user-agent'] = ua;
    const label = `Accept: ${accept} / User-Agent: ${ua}`;
    const a = await request(server.url, '/repo', { headers });
    if (typeof want === 'number') {
      assert.equal(a.status, want, label);
      const body = json(a);
      assert.equal(body.served.length, 7, label);
      assert.match(a.headers['content-type']!, /^application\/json/, label);
      continue;
    }
    assert.equal(a.status, 200, label);
    const file = path.join(dir, 'dcos', `repo-up-to-${want}.json`);
    assert.equal(a.headers['content-type'], fs.readFileSync(path.join(dir, 'dcos', `repo-up-to-${want}.content_type`), 'utf8').trim(), label);
    assert.ok(a.body.equals(fs.readFileSync(file)), `${label}: body of repo-up-to-${want}.json`);
    assert.equal(a.headers.vary, 'Accept, User-Agent, Accept-Encoding', label);
  }
});

test('GET /repo with gzip accepted answers the precompressed file, same content', async () => {
  const a = await request(server.url, '/repo', { headers: { accept: COSMOS, 'user-agent': 'dcos/1.10.0', 'accept-encoding': 'gzip' } });
  assert.equal(a.status, 200);
  assert.equal(a.headers['content-encoding'], 'gzip');
  assert.equal(a.headers.vary, 'Accept, User-Agent, Accept-Encoding');
  assert.ok(gunzipSync(a.body).equals(fs.readFileSync(path.join(dir, 'dcos/repo-up-to-1.10.json'))));
});

test('GET /package/<name>: the slice of the negotiated DC/OS version, with its repository media type', async () => {
  const table: Array<[string, string | undefined, string, string | number]> = [
    ['emberkv', 'dcos/1.12.0', COSMOS, '1.12'],
    ['emberkv', 'dcos/1.11.0', COSMOS, '1.11'],
    ['emberkv', undefined, COSMOS, '2.0'],
    ['logship', 'dcos/1.8.0', COSMOS, '1.8'],
    ['logship', 'dcos/2.0', `${T};version=v3`, '1.9'],
  ];
  for (const [name, ua, accept, want] of table) {
    const headers: Record<string, string> = { accept };
    if (ua) headers['user-agent'] = ua;
    const a = await request(server.url, `/package/${name}`, { headers });
    assert.equal(a.status, 200, `${name} ${ua}`);
    assert.ok(a.body.equals(fs.readFileSync(path.join(dir, 'dcos', String(want), 'package', `${name}.json`))), `${name} ${ua}`);
    assert.equal(a.headers['content-type'], fs.readFileSync(path.join(dir, 'dcos', `repo-up-to-${want}.content_type`), 'utf8').trim());
  }
  // bucketgate needs DC/OS 1.11: no slice for 1.10 clients; unknown names and bad names are 404s.
  assert.equal((await request(server.url, '/package/bucketgate', { headers: { 'user-agent': 'dcos/1.10.0' } })).status, 404);
  const unknown = await request(server.url, '/package/emberk');
  assert.equal(unknown.status, 404);
  assert.match(json(unknown).message, /emberkv/, 'suggests a close name');
  assert.equal((await request(server.url, '/package/..%2f..%2fetc%2fpasswd')).status, 400);
  assert.equal((await request(server.url, '/package/Bad_Name!')).status, 404);
  assert.equal((await request(server.url, '/package/emberkv', { headers: { accept: 'text/html' } })).status, 406);
});

test('GET /repo-empty-v3.json is the health check', async () => {
  const a = await request(server.url, '/repo-empty-v3.json');
  assert.equal(a.status, 200);
  assert.deepEqual(json(a), { packages: [] });
  assert.equal(a.headers['content-type'], `${T};charset=utf-8;version=v3`);
});
