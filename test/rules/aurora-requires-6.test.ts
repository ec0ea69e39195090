import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auroraRequires6 } from '../../scripts/lib/rules/aurora-requires-6.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const AURORA = 'jobs = [Job(name = "{{service.name}}")]\n';

const cases: Array<{ pv: unknown; aurora: boolean; expected: boolean }> = [
  { pv: '6.0', aurora: true, expected: false },
  { pv: '2.0', aurora: true, expected: true },
  { pv: '3.0', aurora: true, expected: true },
  { pv: '4.0', aurora: true, expected: true },
  { pv: '5.0', aurora: true, expected: true },
  { pv: '5.0', aurora: false, expected: false },
  { pv: 5, aurora: true, expected: false },
];

for (const c of cases) {
  test(`aurora-requires-6: ${JSON.stringify(c.pv)} ${c.aurora ? 'with' : 'without'} job.aurora.mustache`, async () => {
    const files = revisionFiles('widget', 0, { packageJson: { packagingVersion: c.pv }, files: c.aurora ? { 'job.aurora.mustache': AURORA } : {} });
    const diags = await check(files, [auroraRequires6]);
    assert.deepEqual(triples(diags), c.expected ? [['aurora-requires-6', `${R}/job.aurora.mustache`, '']] : []);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}
