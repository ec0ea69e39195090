import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyUnsatisfiable } from '../../scripts/lib/rules/dependency-unsatisfiable.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const W = 'packages/W/widget/0/package.json';
const widget = (dependencies: unknown) => revisionFiles('widget', 0, { packageJson: { packagingVersion: '6.0', version: '1.0.0', dependencies } });
const gadget = (n: number, version: string, pv = '6.0') => revisionFiles('gadget', n, { packageJson: { packagingVersion: pv, version } });
const gadgets = { ...gadget(0, '1.4.0'), ...gadget(1, '2.1.0'), ...gadget(2, '3.0.0-rc.1') };

const cases: Array<{ name: string; deps: unknown; expected: boolean }> = [
  { name: 'caret range satisfied by an older revision', deps: { gadget: '^1.2.0' }, expected: false },
  { name: 'exact version', deps: { gadget: '2.1.0' }, expected: false },
  { name: 'any version', deps: { gadget: '*' }, expected: false },
  { name: 'range naming the pre-release', deps: { gadget: '>=3.0.0-rc.0' }, expected: false },
  { name: 'nothing in range', deps: { gadget: '^2.2.0' }, expected: true },
  { name: 'range admitting pre-releases of 3.0.0', deps: { gadget: '>=3.0.0-0 <3.0.0 || ^3.0.0' }, expected: false },
  { name: 'pre-release excluded from a plain range', deps: { gadget: '>2.1.0' }, expected: true },
  { name: 'invalid range', deps: { gadget: 'not a range!' }, expected: true },
  // Unknown packages and non-string ranges belong to dependency-unknown-package and schema-package.
  { name: 'unknown package', deps: { sprocket: '^9.0.0' }, expected: false },
  { name: 'range not a string', deps: { gadget: 2 }, expected: false },
];

for (const c of cases) {
  test(`dependency-unsatisfiable: ${c.name}`, async () => {
    const diags = await check({ ...widget(c.deps), ...gadgets }, [dependencyUnsatisfiable]);
    const name = Object.keys(c.deps as object)[0]!;
    assert.deepEqual(triples(diags), c.expected ? [['dependency-unsatisfiable', W, `/dependencies/${name}`]] : []);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}

test('dependency-unsatisfiable: the message says an invalid range is invalid', async () => {
  const [d] = await check({ ...widget({ gadget: 'not a range!' }), ...gadgets }, [dependencyUnsatisfiable]);
  assert.match(d!.message, /not a valid semver range/);
});

test('dependency-unsatisfiable: versions of legacy revisions count, non-semver ones never match', async () => {
  const files = { ...widget({ gadget: '^1.0.0' }), ...gadget(0, '1.0.0-2.0', '4.0'), ...gadget(1, 'v1-stable', '4.0') };
  assert.deepEqual(triples(await check(files, [dependencyUnsatisfiable])), [['dependency-unsatisfiable', W, '/dependencies/gadget']]);
  const ok = { ...widget({ gadget: '^1.0.0' }), ...gadget(0, '1.3.0', '4.0') };
  assert.deepEqual(triples(await check(ok, [dependencyUnsatisfiable])), []);
});
