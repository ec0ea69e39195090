import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upgradesUnknownVersion } from '../../scripts/lib/rules/upgrades-unknown-version.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const P = (n: number): string => `packages/W/widget/${n}/package.json`;
const rev = (n: number, version: string, extra: Record<string, unknown> = {}) => revisionFiles('widget', n, { packageJson: { version, ...extra } });

const cases: Array<{ name: string; files: Record<string, unknown>; expected: Array<[string, string, string]> }> = [
  { name: 'known versions and *', files: { ...rev(0, '1.0.0'), ...rev(1, '1.1.0', { upgradesFrom: ['1.0.0', '*'], downgradesTo: ['*'] }) }, expected: [] },
  { name: 'a version of a later revision', files: { ...rev(0, '1.0.0', { downgradesTo: ['1.1.0'] }), ...rev(1, '1.1.0') }, expected: [] },
  {
    name: 'unknown upgradesFrom entry',
    files: { ...rev(0, '1.0.0'), ...rev(1, '1.1.0', { upgradesFrom: ['1.0.0', '0.9.0'] }) },
    expected: [['upgrades-unknown-version', P(1), '/upgradesFrom/1']],
  },
  {
    name: 'unknown downgradesTo entries',
    files: { ...rev(0, '1.0.0'), ...rev(1, '1.1.0', { downgradesTo: ['', '{{downgrades-to}}'] }) },
    expected: [['upgrades-unknown-version', P(1), '/downgradesTo/0'], ['upgrades-unknown-version', P(1), '/downgradesTo/1']],
  },
  { name: 'a version of another package does not count', files: { ...rev(0, '1.0.0', { upgradesFrom: ['2.0.0'] }), ...revisionFiles('gadget', 0, { packageJson: { version: '2.0.0' } }) }, expected: [['upgrades-unknown-version', P(0), '/upgradesFrom/0']] },
  { name: 'not an array is left to the schema', files: { ...rev(0, '1.0.0', { upgradesFrom: '0.9.0' }) }, expected: [] },
];

for (const c of cases) {
  test(`upgrades-unknown-version: ${c.name}`, async () => {
    const diags = await check(c.files as Parameters<typeof check>[0], [upgradesUnknownVersion]);
    assert.deepEqual(triples(diags), c.expected);
    for (const d of diags) assert.equal(d.severity, 'warning');
  });
}
