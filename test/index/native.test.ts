import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { RevisionParts } from '../../scripts/lib/index/dcos-object.js';
import { indexPackage, nativeEntry } from '../../scripts/lib/index/native.js';
import type { RevisionData } from '../../scripts/lib/index/revision-data.js';
import { revisionData } from '../helpers/revision-data.js';

const data = revisionData;

const PKG = { packagingVersion: '6.0', name: 'web', version: '1.0.0', maintainer: 'm', description: 'Web.', tags: ['a'] };

test('a package document entry: the canonical document plus its digest, verifiable by cutting the digest off', () => {
  const d = data(2, PKG, { config: {}, resource: { images: {} }, marathon: { text: 'm "t"\n', bom: false }, aurora: { text: 'jobs = []\n', bom: false } });
  const e = nativeEntry(new RevisionParts(d));
  const bytes = Buffer.concat(e.pieces).toString();
  const entry = JSON.parse(bytes) as Record<string, unknown>;
  assert.deepEqual(Object.keys(entry), ['revision', 'package', 'config', 'resource', 'marathonTemplate', 'auroraTemplate', 'digest']);
  assert.equal(entry.marathonTemplate, 'm "t"\n');
  assert.equal(entry.digest, e.digest);
  const suffix = `,"digest":"${e.digest}"}`;
  assert.ok(bytes.endsWith(suffix));
  const canonical = bytes.slice(0, -suffix.length) + '}';
  assert.equal(`sha256-${createHash('sha256').update(canonical).digest('hex')}`, e.digest);
  // An empty config.json is still part of the document (unlike in DC/OS objects).
  assert.deepEqual(entry.config, {});
});

test('the index entry: metadata and categories from the latest revision, deprecation per version', () => {
  const revs = [
    data(0, { ...PKG, packagingVersion: '4.0', version: '0.9', description: 'Old.', minDcosReleaseVersion: '1.10' }),
    data(1, { ...PKG, categories: ['db', 'web'], deprecated: { message: 'Use web2.', replacement: 'web2', extra: 1 } }),
  ].map((d) => ({ parts: new RevisionParts(d), digest: `sha256-${'0'.repeat(64)}` }));
  const p = indexPackage('web', revs);
  assert.deepEqual(p, {
    name: 'web',
    description: 'Web.',
    tags: ['a'],
    categories: ['db', 'web'],
    latest: { version: '1.0.0', revision: 1 },
    versions: [
      { version: '0.9', revision: 0, packagingVersion: '4.0', digest: revs[0]!.digest, minDcosReleaseVersion: '1.10' },
      { version: '1.0.0', revision: 1, packagingVersion: '6.0', digest: revs[1]!.digest, deprecated: { message: 'Use web2.', replacement: 'web2' } },
    ],
  });
});
