import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marathonTemplateRequired } from '../../scripts/lib/rules/marathon-template-required.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';

const cases: Array<{ pv: string; template: boolean; expected: boolean }> = [
  { pv: '2.0', template: true, expected: false },
  { pv: '2.0', template: false, expected: true },
  { pv: '3.0', template: false, expected: false },
  { pv: '4.0', template: false, expected: false },
  { pv: '5.0', template: false, expected: false },
];

for (const c of cases) {
  test(`marathon-template-required: ${c.pv} ${c.template ? 'with' : 'without'} a template`, async () => {
    const files = revisionFiles('widget', 0, { packageJson: { packagingVersion: c.pv }, files: c.template ? {} : { 'marathon.json.mustache': undefined } });
    const diags = await check(files, [marathonTemplateRequired]);
    assert.deepEqual(triples(diags), c.expected ? [['marathon-template-required', `${R}/marathon.json.mustache`, '']] : []);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}
