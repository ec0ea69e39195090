import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles } from '../helpers/paths.js';
import { fixture } from './fixture.js';
import { buildFiles, dcosPackages, ids } from './helpers.js';

const VERSIONS = ['1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '2.0'];

test('repo-up-to-<V> keeps revisions whose minDcosReleaseVersion <= V; universe.json keeps all; sorted by name then revision', async () => {
  const { out } = await buildFiles(fixture());
  assert.deepEqual(ids(dcosPackages(out, 'universe.json')), ['alpha/0', 'alpha/1', 'alpha/2', 'alpha/5', 'beta/0', 'beta/1', 'delta/0', 'delta/1', 'delta/2', 'gamma/0']);
  assert.deepEqual(ids(dcosPackages(out, 'repo-up-to-1.8.json')), ['alpha/0', 'beta/0', 'delta/1', 'delta/2', 'gamma/0']);
  assert.deepEqual(ids(dcosPackages(out, 'repo-up-to-1.9.json')), ['alpha/0', 'alpha/1', 'beta/0', 'delta/1', 'delta/2', 'gamma/0']);
  assert.deepEqual(ids(dcosPackages(out, 'repo-up-to-1.11.json')), ['alpha/0', 'alpha/1', 'alpha/2', 'beta/0', 'delta/1', 'delta/2', 'gamma/0']);
  assert.deepEqual(ids(dcosPackages(out, 'repo-up-to-1.12.json')), ['alpha/0', 'alpha/1', 'alpha/2', 'alpha/5', 'beta/0', 'beta/1', 'delta/0', 'delta/1', 'delta/2', 'gamma/0']);
  assert.deepEqual(dcosPackages(out, 'repo-empty-v3.json'), []);
  const ct = (f: string) => fs.readFileSync(path.join(out, 'dcos', f), 'utf8');
  assert.equal(ct('repo-up-to-1.9.content_type'), 'application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3');
  assert.equal(ct('repo-up-to-1.11.content_type'), 'application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4');
  assert.equal(ct('repo-up-to-1.12.content_type'), 'application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5');
  assert.equal(ct('repo-empty-v3.content_type'), 'application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3');
});

test('before 1.10: packaging 3.0 without upgradesFrom, config quotes escaped once per file', async () => {
  const { out } = await buildFiles(fixture());
  const find = (file: string, id: string) => dcosPackages(out, file).find((p) => `${String(p.name)}/${String(p.releaseVersion)}` === id)!;
  const labels = (p: Record<string, unknown>) => (p.config as { properties: { service: { properties: { labels: Record<string, string> } } } }).properties.service.properties.labels;
  const service = (p: Record<string, unknown>) => (p.config as { properties: { service: Record<string, unknown> } }).properties.service;
  const a1 = find('repo-up-to-1.9.json', 'alpha/1');
  assert.equal(a1.packagingVersion, '3.0');
  assert.equal('upgradesFrom' in a1, false);
  assert.equal(labels(a1).default, '{\\"team\\": \\"web\\"}');
  assert.equal(labels(a1).description, 'Labels as JSON, e.g. {\\"a\\": \\"b\\"}.');
  assert.equal(service(a1).description, 'The \\"service\\" section.');
  // In 1.8 and 1.9 alike (escaped once per file, not twice), untouched from 1.10 on.
  for (const file of ['repo-up-to-1.8.json', 'repo-up-to-1.9.json']) assert.equal(labels(find(file, 'delta/1')).default, '{\\"team\\": \\"web\\"}', file);
  assert.equal(labels(find('repo-up-to-1.10.json', 'delta/1')).default, '{"team": "web"}');
  const modern = find('repo-up-to-1.10.json', 'alpha/1');
  assert.equal(modern.packagingVersion, '4.0');
  assert.deepEqual(modern.upgradesFrom, ['*']);
  assert.equal(labels(modern).default, '{"team": "web"}');
  assert.equal(find('repo-up-to-1.9.json', 'alpha/5') ?? null, null);
  assert.equal(find('universe.json', 'alpha/5').packagingVersion, '5.0');
});

test('packaging 6.0 in DC/OS outputs: downgraded, and left out without a Marathon template', async () => {
  const { out } = await buildFiles(fixture());
  const gamma = dcosPackages(out, 'universe.json').filter((p) => p.name === 'gamma');
  assert.deepEqual(ids(gamma), ['gamma/0']);
  const g = gamma[0]!;
  assert.equal(g.packagingVersion, '4.0');
  for (const k of ['categories', 'dependencies', 'deprecated']) assert.equal(k in g, false, k);
  assert.equal(dcosPackages(out, 'repo-up-to-1.8.json').find((p) => p.name === 'gamma')!.packagingVersion, '3.0');
  for (const f of listFiles(path.join(out, 'dcos'))) {
    if (f.endsWith('.json')) assert.ok(!fs.readFileSync(path.join(out, 'dcos', f), 'utf8').includes('jobs = ['), f);
  }
  // The native documents keep everything.
  const doc = JSON.parse(fs.readFileSync(path.join(out, 'packages/gamma.json'), 'utf8')) as { revisions: Array<Record<string, unknown>> };
  assert.deepEqual(doc.revisions.map((r) => r.revision), [0, 1]);
  assert.equal(doc.revisions[1]!.auroraTemplate, 'jobs = [Job(name = "{{service.name}}")]\n');
});

test('slices hold each package\'s revisions of the matching file; none for a package without any', async () => {
  const { out } = await buildFiles(fixture());
  for (const v of VERSIONS) {
    const all = dcosPackages(out, `repo-up-to-${v}.json`);
    const names = [...new Set(all.map((p) => String(p.name)))];
    assert.deepEqual(listFiles(path.join(out, 'dcos', v, 'package')).filter((f) => f.endsWith('.json')), names.map((n) => `${n}.json`).sort(), v);
    for (const n of names) assert.deepEqual(dcosPackages(out, `${v}/package/${n}.json`), all.filter((p) => p.name === n), `${v}/${n}`);
  }
});

test('identical files are hard links of one written file', async () => {
  const { out, report } = await buildFiles(fixture());
  const ino = (f: string) => fs.statSync(path.join(out, 'dcos', f)).ino;
  // Every revision has minDcosReleaseVersion <= 1.12: 1.12, 1.13, 2.0 and universe.json are one file.
  assert.equal(ino('repo-up-to-1.13.json'), ino('repo-up-to-1.12.json'));
  assert.equal(ino('repo-up-to-2.0.json.gz'), ino('repo-up-to-1.12.json.gz'));
  assert.equal(ino('universe.json'), ino('repo-up-to-1.12.json'));
  assert.notEqual(ino('repo-up-to-1.11.json'), ino('repo-up-to-1.12.json'));
  assert.equal(ino('2.0/package/alpha.json'), ino('1.12/package/alpha.json'));
  assert.ok(report.linked > 0);
});
