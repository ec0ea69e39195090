import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles, triples } from '../helpers/repo.js';
import { schemaResource } from '../../scripts/lib/rules/schema-resource.js';

const FILE = 'packages/H/hello/0/resource.json';
const SHA = 'a'.repeat(64);
const binary = { url: 'https://example.com/cli.zip', kind: 'zip', contentHash: [{ algo: 'sha256', value: SHA }] };
const files = (resource: unknown, packagingVersion = '4.0') =>
  revisionFiles('hello', 0, { packageJson: { packagingVersion }, files: { 'resource.json': JSON.stringify(resource, null, 2) } });

const valid: Array<[string, unknown, string?]> = [
  ['images and assets', { images: { 'icon-small': 's.png', 'icon-medium': 'm.png', 'icon-large': 'l.png', screenshots: ['a.png'] }, assets: { uris: { jar: 'https://x/a.jar' }, container: { docker: { main: 'nginx:1' } } } }],
  ['an empty object', {}],
  ['CLI binaries in 3.0', { cli: { binaries: { linux: { 'x86-64': binary }, darwin: { 'x86-64': { ...binary, kind: 'executable' } } } } }, '3.0'],
  ['2.0 images and assets', { images: { 'icon-small': 's.png' }, assets: { uris: {} } }, '2.0'],
];

const invalid: Array<[string, unknown, string[], string?]> = [
  ['an unknown top-level member', { icons: {} }, ['/icons']],
  ['an unknown image', { images: { 'icon-huge': 'h.png' } }, ['/images/icon-huge']],
  ['a non-string URI', { assets: { uris: { jar: 1 } } }, ['/assets/uris/jar']],
  ['CLI binaries in 2.0', { cli: { binaries: { linux: { 'x86-64': binary } } } }, ['/cli'], '2.0'],
  ['no binaries', { cli: { binaries: {} } }, ['/cli/binaries']],
  ['an unknown operating system', { cli: { binaries: { freebsd: { 'x86-64': binary } } } }, ['/cli/binaries/freebsd']],
  ['a binary without a hash', { cli: { binaries: { linux: { 'x86-64': { ...binary, contentHash: [] } } } } }, ['/cli/binaries/linux/x86-64/contentHash']],
  ['an unsupported hash algorithm', { cli: { binaries: { linux: { 'x86-64': { ...binary, contentHash: [{ algo: 'md5', value: SHA }] } } } } }, ['/cli/binaries/linux/x86-64/contentHash/0/algo']],
  ['a hash that is not 64 hex digits', { cli: { binaries: { linux: { 'x86-64': { ...binary, contentHash: [{ algo: 'sha256', value: 'abc' }] } } } } }, ['/cli/binaries/linux/x86-64/contentHash/0/value']],
  ['an unknown kind', { cli: { binaries: { linux: { 'x86-64': { ...binary, kind: 'tar' } } } } }, ['/cli/binaries/linux/x86-64/kind']],
];

for (const [name, resource, pv] of valid) {
  test(`schema-resource accepts ${name}`, async () => {
    assert.deepEqual(await check(files(resource, pv), [schemaResource]), []);
  });
}

for (const [name, resource, pointers, pv] of invalid) {
  test(`schema-resource reports ${name}`, async () => {
    assert.deepEqual(triples(await check(files(resource, pv), [schemaResource])), pointers.map((p) => ['schema-resource', FILE, p]));
  });
}

test('schema-resource uses the 3.0 shape when package.json did not parse', async () => {
  const repo = { ...files({ cli: { binaries: { linux: { 'x86-64': binary } } } }), 'packages/H/hello/0/package.json': '{' };
  assert.deepEqual(await check(repo, [schemaResource]), []);
});

test('schema-resource skips absent and unparsable resource.json', async () => {
  assert.deepEqual(await check(revisionFiles('hello', 0, { files: { 'resource.json': undefined } }), [schemaResource]), []);
  assert.deepEqual(await check(revisionFiles('hello', 0, { files: { 'resource.json': '{"images": ' } }), [schemaResource]), []);
});
