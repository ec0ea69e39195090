import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles, triples } from '../helpers/repo.js';
import { schemaPackage } from '../../scripts/lib/rules/schema-package.js';

const FILE = 'packages/H/hello/0/package.json';
const V6 = { packagingVersion: '6.0', version: '1.0.0' };

const valid: Array<[string, Record<string, unknown>]> = [
  ['a minimal 4.0 package', {}],
  ['2.0 with a free-form version', { packagingVersion: '2.0', version: 'latest build' }],
  ['3.0 with minDcosReleaseVersion and lastUpdated', { packagingVersion: '3.0', minDcosReleaseVersion: '1.10', lastUpdated: 1504903511, hasKnownIssues: false }],
  ['4.0 with upgrades, including an empty version string (real DC/OS data)', { upgradesFrom: ['*', ''], downgradesTo: [] }],
  ['5.0 with a manager', { packagingVersion: '5.0', manager: { packageName: 'kubernetes', minPackageVersion: '2.0.0-1.12' } }],
  ['licenses with http(s) URLs', { licenses: [{ name: 'Apache License Version 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }] }],
  ['a fractional 3.0 lastUpdated (the DC/OS schema said number)', { packagingVersion: '3.0', lastUpdated: 1504903511.5 }],
  ['6.0 with every 6.0 member', { ...V6, categories: ['databases'], dependencies: { zookeeper: '^3.4.0' }, deprecated: { message: 'Use hello2.', replacement: 'hello2' } }],
  ['6.0 with a prerelease version', { ...V6, version: '2.0.0-beta.1' }],
];

const invalid: Array<[string, Record<string, unknown>, string[]]> = [
  ['an unknown member', { tag: ['x'] }, ['/tag']],
  ['a missing required member', { maintainer: undefined }, ['']],
  ['a tag with whitespace', { tags: ['ok', 'big data'] }, ['/tags/1']],
  ['a 3.0 version with a space', { packagingVersion: '3.0', version: '1.0 beta' }, ['/version']],
  ['a dotted version with a leading zero', { packagingVersion: '3.0', minDcosReleaseVersion: '1.08' }, ['/minDcosReleaseVersion']],
  ['a licence URL that is not http(s)', { licenses: [{ name: 'MIT', url: 'ftp://example.com/mit' }] }, ['/licenses/0/url']],
  ['a licence without a URL', { licenses: [{ name: 'MIT' }] }, ['/licenses/0']],
  ['a non-boolean framework', { framework: 'yes' }, ['/framework']],
  ['minDcosReleaseVersion in 2.0', { packagingVersion: '2.0', minDcosReleaseVersion: '1.8' }, ['/minDcosReleaseVersion']],
  ['releaseVersion (the build adds it; package.json must not)', { releaseVersion: 3 }, ['/releaseVersion']],
  ['upgradesFrom in 3.0', { packagingVersion: '3.0', upgradesFrom: ['*'] }, ['/upgradesFrom']],
  ['a manager in 4.0', { manager: { packageName: 'kubernetes' } }, ['/manager']],
  ['a manager without packageName', { packagingVersion: '5.0', manager: {} }, ['/manager']],
  ['categories before 6.0', { categories: ['databases'] }, ['/categories']],
  ['an unknown packaging version', { packagingVersion: '7.0' }, ['/packagingVersion']],
  ['a 6.0 version that is not semver', { ...V6, version: '1.0' }, ['/version']],
  ['a 6.0 version with build metadata', { ...V6, version: '1.0.0+build.5' }, ['/version']],
  ['duplicate 6.0 categories', { ...V6, categories: ['databases', 'databases'] }, ['/categories/1']],
  ['a 6.0 dependency on an invalid package name', { ...V6, dependencies: { ZooKeeper: '^3.4.0' } }, ['/dependencies/ZooKeeper']],
  ['a 6.0 dependency with an empty range', { ...V6, dependencies: { zookeeper: '' } }, ['/dependencies/zookeeper']],
  ['a 6.0 deprecation without a message', { ...V6, deprecated: { replacement: 'hello2' } }, ['/deprecated']],
  ['a 6.0 deprecation with an unknown member', { ...V6, deprecated: { message: 'x', since: '1.0.0' } }, ['/deprecated/since']],
  ['a fractional 6.0 lastUpdated', { ...V6, lastUpdated: 1.5 }, ['/lastUpdated']],
];

for (const [name, packageJson] of valid) {
  test(`schema-package accepts ${name}`, async () => {
    assert.deepEqual(triples(await check(revisionFiles('hello', 0, { packageJson }), [schemaPackage])), []);
  });
}

for (const [name, packageJson, pointers] of invalid) {
  test(`schema-package reports ${name}`, async () => {
    const diags = await check(revisionFiles('hello', 0, { packageJson }), [schemaPackage]);
    assert.deepEqual(triples(diags), pointers.map((p) => ['schema-package', FILE, p]));
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}

test('schema-package reports a package.json that is not an object once, at the root', async () => {
  const diags = await check(revisionFiles('hello', 0, { files: { 'package.json': '["hello"]' } }), [schemaPackage]);
  assert.deepEqual(triples(diags), [['schema-package', FILE, '']]);
});

test('schema-package skips missing and unparsable package.json (other rules report them)', async () => {
  assert.deepEqual(await check(revisionFiles('hello', 0, { files: { 'package.json': '{"name": ' } }), [schemaPackage]), []);
  assert.deepEqual(await check(revisionFiles('hello', 0, { files: { 'package.json': undefined } }), [schemaPackage]), []);
});

test('schema-package locates the offending member', async () => {
  const [d] = await check(revisionFiles('hello', 0, { packageJson: { tags: ['a b'] } }), [schemaPackage]);
  assert.ok(d);
  assert.equal(d.line, 8);
  assert.match(d.message, /'tags\/0' must not contain whitespace/);
});
