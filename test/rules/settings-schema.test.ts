import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles, triples } from '../helpers/repo.js';
import { settingsSchema } from '../../scripts/lib/rules/settings-schema.js';

const withSettings = (settings: unknown) => ({ ...revisionFiles('hello', 0), 'repository.json': JSON.stringify(settings, null, 2) });
const BASE = { formatVersion: '1.0', name: 'acme-universe' };

const valid: Array<[string, unknown]> = [
  ['the minimum', BASE],
  [
    'every member',
    {
      $schema: 'https://universe.dev/schema/repository.schema.json',
      ...BASE,
      description: 'Packages of ACME.',
      categories: [{ id: 'databases', title: 'Databases', description: 'Stateful services.' }, { id: 'ci-cd', title: 'CI/CD' }],
      policy: { rules: { 'schema-package': 'warning', 'layout-stray-file': 'off' }, legacyRules: { 'schema-config-draft04': 'info' }, legacyPackagingVersions: ['2.0', '3.0'] },
      limits: { maxFileBytes: 2097152, maxJsonDepth: 32 },
      terminating: ['acme-*'],
      upstreams: [{ name: 'public', url: 'https://universe.example.com/dcos/repo-up-to-2.0.json', include: ['*'], exclude: ['beta-*'], terminating: ['kafka'] }],
    },
  ],
];

const invalid: Array<[string, unknown, string[]]> = [
  ['a missing name', { formatVersion: '1.0' }, ['']],
  ['an unsupported format version', { ...BASE, formatVersion: '2.0' }, ['/formatVersion']],
  ['an unknown member', { ...BASE, mirrors: [] }, ['/mirrors']],
  ['an upstream named local', { ...BASE, upstreams: [{ name: 'local', url: 'https://a.example/' }] }, ['/upstreams/0/name']],
  ['a category without a title', { ...BASE, categories: [{ id: 'databases' }] }, ['/categories/0']],
  ['a category id that is not kebab-case', { ...BASE, categories: [{ id: 'Data Bases', title: 'Databases' }] }, ['/categories/0/id']],
  ['a category declared twice', { ...BASE, categories: [{ id: 'db', title: 'A' }, { id: 'db', title: 'B' }] }, ['/categories/1/id']],
  ['an unknown severity', { ...BASE, policy: { rules: { 'schema-package': 'fatal' } } }, ['/policy/rules/schema-package']],
  ['a rule id that is not kebab-case', { ...BASE, policy: { legacyRules: { SchemaPackage: 'off' } } }, ['/policy/legacyRules/SchemaPackage']],
  ['an unknown legacy packaging version', { ...BASE, policy: { legacyPackagingVersions: ['1.0'] } }, ['/policy/legacyPackagingVersions/0']],
  ['a file size limit above 64 MiB', { ...BASE, limits: { maxFileBytes: 1e9 } }, ['/limits/maxFileBytes']],
  ['a depth limit of zero', { ...BASE, limits: { maxJsonDepth: 0 } }, ['/limits/maxJsonDepth']],
  ['settings that are not an object', [], ['']],
];

for (const [name, settings] of valid) {
  test(`settings-schema accepts ${name}`, async () => {
    assert.deepEqual(await check(withSettings(settings), [settingsSchema]), []);
  });
}

for (const [name, settings, pointers] of invalid) {
  test(`settings-schema reports ${name}`, async () => {
    const diags = await check(withSettings(settings), [settingsSchema]);
    assert.deepEqual(triples(diags), pointers.map((p) => ['settings-schema', 'repository.json', p]));
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}

test('settings-schema is silent without repository.json or when it does not parse', async () => {
  assert.deepEqual(await check(revisionFiles('hello', 0), [settingsSchema]), []);
  assert.deepEqual(await check({ ...revisionFiles('hello', 0), 'repository.json': '{"name":' }, [settingsSchema]), []);
});

test('settings-schema locates the finding in repository.json', async () => {
  const [d] = await check(withSettings({ ...BASE, formatVersion: '2.0' }), [settingsSchema]);
  assert.ok(d);
  assert.equal(d.line, 2);
});
