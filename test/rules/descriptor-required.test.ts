import { test } from 'node:test';
import assert from 'node:assert/strict';
import { descriptorRequired } from '../../scripts/lib/rules/descriptor-required.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const AURORA = 'jobs = [Job(name = "{{service.name}}")]\n';

const cases: Array<{ name: string; pv: string; files: Record<string, MemoryFile | undefined>; expected: boolean }> = [
  { name: '6.0 with a Marathon template', pv: '6.0', files: {}, expected: false },
  { name: '6.0 with an Aurora template only', pv: '6.0', files: { 'marathon.json.mustache': undefined, 'job.aurora.mustache': AURORA }, expected: false },
  { name: '6.0 with both', pv: '6.0', files: { 'job.aurora.mustache': AURORA }, expected: false },
  { name: '6.0 without a descriptor', pv: '6.0', files: { 'marathon.json.mustache': undefined }, expected: true },
  // CLI-only packages exist from 3.0 on in the DC/OS Universe.
  { name: '3.0 without a descriptor', pv: '3.0', files: { 'marathon.json.mustache': undefined }, expected: false },
  { name: '5.0 without a descriptor', pv: '5.0', files: { 'marathon.json.mustache': undefined }, expected: false },
];

for (const c of cases) {
  test(`descriptor-required: ${c.name}`, async () => {
    const files = revisionFiles('widget', 0, { packageJson: { packagingVersion: c.pv }, files: c.files });
    const diags = await check(files, [descriptorRequired]);
    assert.deepEqual(triples(diags), c.expected ? [['descriptor-required', `${R}/package.json`, '']] : []);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}
