import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planScaffold, type ScaffoldPlan } from '../../scripts/lib/ops/scaffold.js';
import { RULES } from '../../scripts/lib/rules/registry.js';
import { check, revisionFiles } from '../helpers/repo.js';
import { asRecord, catalogOf, defaultsOf, renderMarathon } from './helpers.js';

async function planNew(name: string, files = revisionFiles('alpha', 0)): Promise<ScaffoldPlan> {
  const { catalog, analysis } = await catalogOf(files);
  const plan = planScaffold(catalog, analysis, name);
  assert.ok(!('error' in plan), 'error' in plan ? plan.error : '');
  return plan;
}

test('a new name plans revision 0 of a 6.0 package with the four files', async () => {
  const plan = await planNew('zeta-service');
  assert.equal(plan.created, 'package');
  assert.equal(plan.revision, 0);
  assert.deepEqual(
    plan.files.map((f) => f.path),
    ['config.json', 'marathon.json.mustache', 'package.json', 'resource.json'].map((f) => `packages/Z/zeta-service/0/${f}`),
  );
  const pkg = JSON.parse(asRecord(plan.files)['packages/Z/zeta-service/0/package.json']!);
  assert.equal(pkg.packagingVersion, '6.0');
  assert.equal(pkg.name, 'zeta-service');
  assert.equal(pkg.version, '0.1.0');
  assert.deepEqual(pkg.tags, ['zeta-service']);
  assert.equal(typeof pkg.maintainer, 'string');
  assert.equal(typeof pkg.description, 'string');
  assert.ok(plan.notes.length > 0);
});

test('the new package files are ASCII, 2-space JSON with a trailing newline', async () => {
  const plan = await planNew('zeta-service');
  for (const f of plan.files) {
    assert.match(f.content, /^[\x00-\x7f]*$/, f.path);
    assert.ok(f.content.endsWith('\n') && !f.content.endsWith('\n\n'), f.path);
    if (f.path.endsWith('.json')) assert.equal(JSON.stringify(JSON.parse(f.content), null, 2) + '\n', f.content, f.path);
  }
});

test('the new Marathon template renders with the config defaults into an app that uses them', async () => {
  const files = asRecord((await planNew('zeta-service')).files);
  const dir = 'packages/Z/zeta-service/0';
  const config = JSON.parse(files[`${dir}/config.json`]!);
  const resource = JSON.parse(files[`${dir}/resource.json`]!);
  const app = renderMarathon(files[`${dir}/marathon.json.mustache`]!, { ...defaultsOf(config), resource }) as Record<string, unknown>;
  assert.equal(app.id, '/zeta-service');
  assert.equal(app.cpus, 0.5);
  assert.equal(app.mem, 512);
  assert.deepEqual(app.container, { type: 'MESOS', docker: { image: 'registry.example.com/zeta-service:0.1.0' } });
});

test('a new package is planned into an empty repository and into a package folder without revisions', async () => {
  const empty = await planNew('solo', {});
  assert.equal(empty.files[0]!.path.startsWith('packages/S/solo/0/'), true);
  const bare = await planNew('bare', { 'packages/B/bare/notes.txt': 'x' });
  assert.equal(bare.created, 'package');
  assert.ok(bare.files.every((f) => f.path.startsWith('packages/B/bare/0/')));
});

test('options replace the placeholder maintainer and description', async () => {
  const { catalog, analysis } = await catalogOf({});
  const plan = planScaffold(catalog, analysis, 'zeta', { maintainer: 'ops@example.org', description: 'Zeta does things.', lastUpdated: 1700000000 });
  assert.ok(!('error' in plan));
  const pkg = JSON.parse(plan.files.find((f) => f.path.endsWith('package.json'))!.content);
  assert.equal(pkg.maintainer, 'ops@example.org');
  assert.equal(pkg.description, 'Zeta does things.');
  assert.equal(pkg.lastUpdated, 1700000000);
});

test('notes list the categories declared in repository.json', async () => {
  const settings = JSON.stringify({ formatVersion: '1.0', name: 'u', categories: [{ id: 'storage', title: 'Storage' }, { id: 'databases', title: 'Databases' }] });
  const plan = await planNew('zeta', { 'repository.json': settings });
  assert.ok(plan.notes.some((n) => n.includes('databases, storage')));
});

test('the new package validates with the registered rules, apart from the placeholders left to replace (warnings)', async () => {
  const plan = await planNew('zeta-service');
  const diagnostics = await check({ ...revisionFiles('alpha', 0), ...asRecord(plan.files) }, RULES);
  const mine = diagnostics.filter((d) => d.file.startsWith('packages/Z/'));
  assert.deepEqual([...new Set(mine.map((d) => `${d.code} ${d.severity}`))], ['scaffold-placeholder warning']);
  assert.deepEqual(mine.map((d) => d.pointer), ['/maintainer', '/description', '/images/icon-small', '/images/icon-medium', '/images/icon-large', '/assets/container/docker/zeta-service']);
});
