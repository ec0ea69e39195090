import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dcosMediaType } from '../../scripts/lib/rules/dcos-media-type.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const MANAGER = { manager: { packageName: 'kubernetes' } };
const AURORA_ONLY = { 'marathon.json.mustache': undefined, 'job.aurora.mustache': 'jobs = [Job(name = "w")]\n' };

const cases: Array<{ name: string; pkg: Record<string, unknown>; files?: Record<string, string | undefined>; pointer?: string }> = [
  // Served to DC/OS before 1.12 with manager: rejected.
  { name: '5.0 with manager, no minDcosReleaseVersion', pkg: { packagingVersion: '5.0', ...MANAGER }, pointer: '/manager' },
  { name: '5.0 with manager for DC/OS 1.11', pkg: { packagingVersion: '5.0', minDcosReleaseVersion: '1.11', ...MANAGER }, pointer: '/minDcosReleaseVersion' },
  { name: '5.0 with manager for DC/OS 1.10.5', pkg: { packagingVersion: '5.0', minDcosReleaseVersion: '1.10.5', ...MANAGER }, pointer: '/minDcosReleaseVersion' },
  { name: '5.0 with manager for DC/OS 1.8', pkg: { packagingVersion: '5.0', minDcosReleaseVersion: '1.8', ...MANAGER }, pointer: '/minDcosReleaseVersion' },
  { name: '6.0 with manager for DC/OS 1.11 (served as 5.0)', pkg: { packagingVersion: '6.0', version: '1.0.0', minDcosReleaseVersion: '1.11', ...MANAGER }, pointer: '/minDcosReleaseVersion' },
  // Served only from DC/OS 1.12 (media type v5) on: fine.
  { name: '5.0 with manager for DC/OS 1.12', pkg: { packagingVersion: '5.0', minDcosReleaseVersion: '1.12', ...MANAGER } },
  { name: '5.0 with manager for DC/OS 2.0', pkg: { packagingVersion: '5.0', minDcosReleaseVersion: '2.0', ...MANAGER } },
  { name: '5.0 with manager for DC/OS 1.11.0 (LooseVersion: above 1.11, so only in v5 files)', pkg: { packagingVersion: '5.0', minDcosReleaseVersion: '1.11.0', ...MANAGER } },
  { name: '6.0 with manager for DC/OS 1.12', pkg: { packagingVersion: '6.0', version: '1.0.0', minDcosReleaseVersion: '1.12', ...MANAGER } },
  // Downgraded safely by the build: fine whatever DC/OS version.
  { name: '5.0 without manager for DC/OS 1.10 (served as 4.0)', pkg: { packagingVersion: '5.0', minDcosReleaseVersion: '1.10' } },
  { name: '5.0 without manager, no minDcosReleaseVersion (served as 3.0 before 1.10)', pkg: { packagingVersion: '5.0' } },
  { name: '4.0 for DC/OS 1.8 (served as 3.0)', pkg: { packagingVersion: '4.0', minDcosReleaseVersion: '1.8' } },
  { name: '6.0 without manager (served as 4.0)', pkg: { packagingVersion: '6.0', version: '1.0.0' } },
  { name: '2.0', pkg: { packagingVersion: '2.0' } },
  // Not in the DC/OS outputs, or left to other rules.
  { name: '6.0 with manager, Aurora only (not in the DC/OS outputs)', pkg: { packagingVersion: '6.0', version: '1.0.0', ...MANAGER }, files: AURORA_ONLY },
  { name: 'minDcosReleaseVersion not dotted integers (schema-package reports it)', pkg: { packagingVersion: '5.0', minDcosReleaseVersion: 'one', ...MANAGER } },
  { name: 'unknown packaging version (schema-package reports it)', pkg: { packagingVersion: '7.0', ...MANAGER } },
];

for (const c of cases) {
  test(`dcos-media-type: ${c.name}`, async () => {
    const diags = await check(revisionFiles('widget', 0, { packageJson: c.pkg, ...(c.files ? { files: c.files } : {}) }), [dcosMediaType]);
    assert.deepEqual(triples(diags), c.pointer ? [['dcos-media-type', `${R}/package.json`, c.pointer]] : []);
    for (const d of diags) {
      assert.equal(d.severity, 'error');
      assert.ok(d.line > 0, 'located in package.json');
    }
  });
}

test('dcos-media-type: the message names the DC/OS versions, the media types and what to set', async () => {
  const [d] = await check(revisionFiles('widget', 0, { packageJson: { packagingVersion: '5.0', minDcosReleaseVersion: '1.9', ...MANAGER } }), [dcosMediaType]);
  assert.equal(
    d!.message,
    'packaging 5.0 with manager cannot be served to DC/OS 1.9 to 1.11 (media types v3 and v4 have no manager), which minDcosReleaseVersion 1.9 includes: set minDcosReleaseVersion to "1.12" or later, or remove manager',
  );
  const [six] = await check(revisionFiles('widget', 0, { packageJson: { packagingVersion: '6.0', version: '1.0.0', minDcosReleaseVersion: '1.11', ...MANAGER } }), [dcosMediaType]);
  assert.match(six!.message, /^packaging 6\.0 with manager \(served to DC\/OS as 5\.0\) cannot be served to DC\/OS 1\.11 \(media type v4 has no manager\)/);
});
