import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planScaffold } from '../../scripts/lib/ops/scaffold.js';
import { catalogOf } from './helpers.js';

const VALID = ['ab', 'a1', 'zeta-service', 'x-1-y', 'kafka2', 'a'.repeat(100)];
const INVALID: Array<[string, RegExp | undefined]> = [
  ['', undefined],
  ['a', undefined],
  ['Bad_Name', /e\.g\. 'bad-name'/],
  ['MyService', /e\.g\. 'myservice'/],
  ['1password', /e\.g\. 'password'/],
  ['-lead', /e\.g\. 'lead'/],
  ['trail-', /e\.g\. 'trail'/],
  ['has space', /e\.g\. 'has-space'/],
  ['dots.in.name', /e\.g\. 'dots-in-name'/],
  ['../escape', /e\.g\. 'escape'/],
  ['caf\u00e9', undefined],
  [`${'A'.repeat(100)}!`, /\.\.\."/],
  ['a'.repeat(300), /300 characters long, use at most 128/],
];

test('valid names are accepted', async () => {
  const { catalog, analysis } = await catalogOf({});
  for (const name of VALID) {
    const plan = planScaffold(catalog, analysis, name);
    assert.ok(!('error' in plan), `${name}: ${'error' in plan ? plan.error : ''}`);
  }
});

test('invalid names are refused with a message naming them and a fix when there is one', async () => {
  const { catalog, analysis } = await catalogOf({});
  for (const [name, hint] of INVALID) {
    const plan = planScaffold(catalog, analysis, name);
    assert.ok('error' in plan, name);
    assert.ok(plan.error.includes(JSON.stringify(name.length > 80 ? name.slice(0, 80) : name).slice(0, -1)), plan.error);
    if (hint) assert.match(plan.error, hint);
  }
});
