import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyUnknownPackage } from '../../scripts/lib/rules/dependency-unknown-package.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const W = 'packages/W/widget/0/package.json';
const widget = (pv: string, dependencies: unknown) => revisionFiles('widget', 0, { packageJson: { packagingVersion: pv, dependencies } });
const gadget = revisionFiles('gadget', 0, { packageJson: { packagingVersion: '6.0', version: '2.1.0' } });

const cases: Array<{ name: string; files: Record<string, unknown>; expected: Array<[string, string, string]> }> = [
  { name: 'known package', files: { ...widget('6.0', { gadget: '^2.0.0' }), ...gadget }, expected: [] },
  { name: 'unknown package', files: { ...widget('6.0', { gadget: '^2.0.0', sprocket: '^1.0.0' }), ...gadget }, expected: [['dependency-unknown-package', W, '/dependencies/sprocket']] },
  { name: '__proto__ is just an unknown name', files: { ...revisionFiles('widget', 0, { files: { 'package.json': '{"packagingVersion": "6.0", "name": "widget", "dependencies": {"__proto__": "1"}}' } }) }, expected: [['dependency-unknown-package', W, '/dependencies/__proto__']] },
  { name: 'name with a slash is escaped in the pointer', files: { ...widget('6.0', { 'a/b': '1' }) }, expected: [['dependency-unknown-package', W, '/dependencies/a~1b']] },
  // Only 6.0 has dependencies: schema-package reports the member elsewhere.
  { name: 'legacy packaging version', files: { ...widget('5.0', { sprocket: '1' }) }, expected: [] },
  { name: 'not an object', files: { ...widget('6.0', ['sprocket']) }, expected: [] },
];

for (const c of cases) {
  test(`dependency-unknown-package: ${c.name}`, async () => {
    const diags = await check(c.files as Parameters<typeof check>[0], [dependencyUnknownPackage]);
    assert.deepEqual(triples(diags), c.expected);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}
