import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DCOS_FILES, includedIn, inclusionMask } from '../../scripts/lib/index/dcos-versions.js';
import { DCOS_VERSIONS, FIRST_DCOS_VERSION, MEDIA_PACKAGING_VERSIONS, isDcosReleaseVersion, mediaOf, servedPackagingVersion } from '../../scripts/lib/schema/dcos-media.js';

test('minDcosReleaseVersion filtering follows Python LooseVersion on DC/OS release versions', () => {
  assert.equal(includedIn(undefined, '1.8'), true, 'missing counts as 0.0');
  assert.equal(includedIn('1.8', '1.8'), true);
  assert.equal(includedIn('1.9', '1.8'), false);
  assert.equal(includedIn('1.10', '1.9'), false, '1.10 is newer than 1.9 (integers, not decimals)');
  assert.equal(includedIn('1.10', '1.10'), true);
  assert.equal(includedIn('1.8.0', '1.8'), false, 'LooseVersion: [1, 8, 0] > [1, 8]');
  assert.equal(includedIn('1.7', '1.8'), true);
  assert.equal(includedIn('2.0', '1.13'), false);
  assert.equal(includedIn('1.13.1', '1.13'), false);
  assert.equal(includedIn('1.13.1', '2.0'), true);
  assert.equal(includedIn('1', '1.8'), true, 'LooseVersion: [1] < [1, 8]');
  assert.equal(includedIn('0.0', '1.8'), true);
  // Not a DC/OS release version (schema-package reports it): in no filtered file.
  for (const bad of ['1.x', '1.8-dev', '01.8', '1..8', '', 'latest']) assert.equal(includedIn(bad, '2.0'), false, bad);
  assert.equal(includedIn(1.8, '2.0'), false);
  assert.equal(includedIn(null, '2.0'), false);
  assert.ok(isDcosReleaseVersion('1.10.2') && isDcosReleaseVersion('0') && !isDcosReleaseVersion('1.'));
});

test('the DC/OS files, their forms and media types', () => {
  assert.deepEqual(
    DCOS_FILES.map((f) => [f.base, f.form, f.contentType.slice(-2), f.media]),
    [
      ['universe', 'modern', 'v5', 5],
      ['repo-up-to-1.8', 'legacy', 'v3', 3],
      ['repo-up-to-1.9', 'legacy', 'v3', 3],
      ['repo-up-to-1.10', 'v4', 'v4', 4],
      ['repo-up-to-1.11', 'v4', 'v4', 4],
      ['repo-up-to-1.12', 'modern', 'v5', 5],
      ['repo-up-to-1.13', 'modern', 'v5', 5],
      ['repo-up-to-2.0', 'modern', 'v5', 5],
    ],
  );
  assert.equal(DCOS_FILES[0]!.contentType, 'application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5');
  const names = (mask: number) => DCOS_FILES.filter((f) => mask & f.bit).map((f) => f.base);
  assert.deepEqual(names(inclusionMask('1.11')), ['universe', 'repo-up-to-1.11', 'repo-up-to-1.12', 'repo-up-to-1.13', 'repo-up-to-2.0']);
  assert.deepEqual(names(inclusionMask('9.9')), ['universe'], 'universe.json is unfiltered');
});

test('what the build serves each media type: downgrades where safe, nothing with manager before v5', () => {
  const table: Array<[string, boolean, Record<number, string | undefined>]> = [
    ['2.0', false, { 3: '2.0', 4: '2.0', 5: '2.0' }],
    ['3.0', false, { 3: '3.0', 4: '3.0', 5: '3.0' }],
    ['4.0', false, { 3: '3.0', 4: '4.0', 5: '4.0' }],
    ['5.0', false, { 3: '3.0', 4: '4.0', 5: '5.0' }],
    ['5.0', true, { 3: undefined, 4: undefined, 5: '5.0' }],
    ['6.0', false, { 3: '3.0', 4: '4.0', 5: '4.0' }],
    ['6.0', true, { 3: undefined, 4: undefined, 5: '5.0' }],
  ];
  for (const [pv, manager, want] of table) {
    for (const m of [3, 4, 5] as const) {
      const served = servedPackagingVersion(pv, manager, m);
      assert.equal(served, want[m], `${pv}${manager ? ' with manager' : ''} for v${m}`);
      if (served !== undefined) assert.ok(MEDIA_PACKAGING_VERSIONS[m].includes(served), `v${m} carries ${served}`);
    }
  }
  assert.deepEqual(DCOS_VERSIONS.map(mediaOf), [3, 3, 4, 4, 5, 5, 5]);
  for (const m of [3, 4, 5] as const) assert.equal(mediaOf(FIRST_DCOS_VERSION[m]), m);
  assert.equal(mediaOf(DCOS_VERSIONS[DCOS_VERSIONS.indexOf(FIRST_DCOS_VERSION[5]) - 1]!), 4, '1.12 is the first v5 version');
});
