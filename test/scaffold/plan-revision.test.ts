import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planScaffold, type ScaffoldError, type ScaffoldPlan } from '../../scripts/lib/ops/scaffold.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { RULES } from '../../scripts/lib/rules/registry.js';
import { check, revisionFiles } from '../helpers/repo.js';
import { asRecord, catalogOf } from './helpers.js';

async function plan(files: Record<string, MemoryFile>, name: string): Promise<ScaffoldPlan | ScaffoldError> {
  const { catalog, analysis } = await catalogOf(files);
  return planScaffold(catalog, analysis, name);
}

async function planNext(files: Record<string, MemoryFile>, name: string): Promise<ScaffoldPlan> {
  const p = await plan(files, name);
  assert.ok(!('error' in p), 'error' in p ? p.error : '');
  return p;
}

function packageJsonOf(p: ScaffoldPlan): Record<string, unknown> {
  return JSON.parse(p.files.find((f) => f.path.endsWith('/package.json'))!.content);
}

test('an existing package gets the next revision after the highest, copied from it', async () => {
  const files = {
    ...revisionFiles('alpha', 0),
    ...revisionFiles('alpha', 2, { packageJson: { version: '1.2.0' }, files: { 'command.json': undefined } }),
  };
  const p = await planNext(files, 'alpha');
  assert.equal(p.created, 'revision');
  assert.equal(p.revision, 3);
  assert.deepEqual(
    p.files.map((f) => f.path),
    ['config.json', 'marathon.json.mustache', 'package.json', 'resource.json'].map((f) => `packages/A/alpha/3/${f}`),
  );
  const out = asRecord(p.files);
  const src = files as Record<string, string>;
  assert.equal(out['packages/A/alpha/3/marathon.json.mustache'], src['packages/A/alpha/2/marathon.json.mustache']);
  assert.deepEqual(JSON.parse(out['packages/A/alpha/3/config.json']!), JSON.parse(src['packages/A/alpha/2/config.json']!));
  const pkg = packageJsonOf(p);
  assert.equal(pkg.version, '1.2.0', 'the version is left for the user to bump');
  assert.deepEqual(pkg.upgradesFrom, ['1.2.0']);
  assert.ok(p.notes.some((n) => n.includes('1.2.0') && n.includes('1.2.1')), 'the notes flag the version and suggest a bump');
});

test('upgradesFrom keeps its place and gains the previous version once', async () => {
  const cases: Array<[unknown, unknown]> = [
    [['1.0.0'], ['1.0.0', '1.1.0']],
    [['1.1.0'], ['1.1.0']],
    [['*'], ['*']],
  ];
  for (const [before, after] of cases) {
    const files = revisionFiles('beta', 0, { packageJson: { version: '1.1.0', upgradesFrom: before, downgradesTo: ['1.0.0'] } });
    const p = await planNext(files, 'beta');
    const pkg = packageJsonOf(p);
    assert.deepEqual(pkg.upgradesFrom, after);
    assert.deepEqual(Object.keys(pkg).slice(-2), ['upgradesFrom', 'downgradesTo']);
    assert.ok(p.notes.some((n) => n.includes('downgradesTo')));
  }
});

test('a new upgradesFrom goes after minDcosReleaseVersion when there is one', async () => {
  const files = revisionFiles('beta', 0, { packageJson: { minDcosReleaseVersion: '1.10', website: 'https://example.com' } });
  const keys = Object.keys(packageJsonOf(await planNext(files, 'beta')));
  assert.equal(keys[keys.indexOf('minDcosReleaseVersion') + 1], 'upgradesFrom');
});

test('packaging versions without upgradesFrom get no upgradesFrom', async () => {
  for (const packagingVersion of ['2.0', '3.0']) {
    const files = revisionFiles('gamma', 0, { packageJson: { packagingVersion } });
    const pkg = packageJsonOf(await planNext(files, 'gamma'));
    assert.equal('upgradesFrom' in pkg, false, packagingVersion);
  }
});

test('6.0 members, deprecation and other files are copied, with notes', async () => {
  const files = revisionFiles('delta', 4, {
    packageJson: { packagingVersion: '6.0', version: '2.0.0', deprecated: { message: 'Use epsilon instead.' }, dependencies: { alpha: '^1.0.0' }, lastUpdated: 1 },
    files: { 'job.aurora.mustache': 'jobs = [Job(name = "{{service.name}}")]\n', 'marathon.json.mustache': undefined },
  });
  const { catalog, analysis } = await catalogOf(files);
  const p = planScaffold(catalog, analysis, 'delta', { lastUpdated: 1700000000 });
  assert.ok(!('error' in p));
  assert.equal(p.revision, 5);
  const out = asRecord(p.files);
  assert.equal(out['packages/D/delta/5/job.aurora.mustache'], 'jobs = [Job(name = "{{service.name}}")]\n');
  assert.equal('packages/D/delta/5/marathon.json.mustache' in out, false);
  const pkg = packageJsonOf(p);
  assert.deepEqual(pkg.deprecated, { message: 'Use epsilon instead.' });
  assert.deepEqual(pkg.dependencies, { alpha: '^1.0.0' });
  assert.equal(pkg.lastUpdated, 1700000000);
  assert.ok(p.notes.some((n) => n.includes('deprecated')));
});

test('unsafe keys in the copied package.json stay plain data', async () => {
  const text = '{"packagingVersion":"4.0","name":"eta","version":"1.0.0","maintainer":"m@example.com","description":"d","tags":["t"],"__proto__":{"polluted":true}}';
  const p = await planNext({ 'packages/E/eta/0/package.json': text }, 'eta');
  const pkg = packageJsonOf(p);
  assert.deepEqual(Object.getOwnPropertyDescriptor(pkg, '__proto__')?.value, { polluted: true });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('a latest revision that cannot be copied is an error naming the file', async () => {
  const broken: Array<[string, Record<string, MemoryFile>]> = [
    ['package.json', revisionFiles('theta', 0, { files: { 'package.json': '{"name": ' } })],
    ['package.json', revisionFiles('theta', 0, { files: { 'package.json': '[1]' } })],
    ['config.json', revisionFiles('theta', 0, { files: { 'config.json': '{,}' } })],
    ['resource.json', revisionFiles('theta', 0, { files: { 'resource.json': new Uint8Array([0x7b, 0xff, 0x7d]) } })],
  ];
  for (const [file, files] of broken) {
    const p = await plan(files, 'theta');
    assert.ok('error' in p, file);
    assert.match(p.error, new RegExp(file.replace('.', '\\.')));
    assert.match(p.error, /revision 0 of theta/);
  }
});

test('the next revision of a scaffolded package validates, apart from the version left to bump', async () => {
  const { catalog, analysis } = await catalogOf({});
  const first = planScaffold(catalog, analysis, 'zeta');
  assert.ok(!('error' in first));
  const next = await planNext(asRecord(first.files), 'zeta');
  const diagnostics = await check({ ...asRecord(first.files), ...asRecord(next.files) }, RULES);
  assert.deepEqual(diagnostics.filter((d) => d.code !== 'duplicate-version' && d.code !== 'scaffold-placeholder'), []);
});
