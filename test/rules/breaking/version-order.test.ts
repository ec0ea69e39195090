import { test } from 'node:test';
import assert from 'node:assert/strict';
import { W, at, commitCheck, only, related, repoWith, widget } from './fixture.js';

const CODE = 'breaking/version-order';

const cases: Array<[name: string, version: string, bad: boolean]> = [
  ['lower', '0.9.0', true],
  ['lower patch', '1.0.0-rc.1', true],
  ['a prerelease of the latest', '1.0.1-beta.1', true],
  ['semver-equal (build metadata only)', '1.0.1+build.7', true],
  ['semver-equal with a v prefix', 'v1.0.1', true],
  ['greater patch', '1.0.2', false],
  ['greater major', '2.0.0', false],
  ['a prerelease of a greater version', '1.1.0-beta.1', false],
  ['not semver (version-not-semver judges it)', '1.1', false],
];

for (const [name, version, bad] of cases) {
  test(`version-order: ${name} (${version} after 1.0.1) ${bad ? 'is an error' : 'is fine'}`, async (t) => {
    const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
    const report = await commitCheck(repo, base, widget(2, { packageJson: { version } }));
    if (!bad) return assert.deepEqual(at(report, CODE), []);
    assert.deepEqual(at(report, CODE), [[W(2, 'package.json'), '/version']]);
    const d = only(report, CODE)[0]!;
    assert.equal(d.severity, 'error');
    assert.deepEqual(related(d), [[W(1, 'package.json'), '/version']]);
  });
}

test('version-order: compares with the highest-numbered revision, not the highest version', async (t) => {
  // A hotfix line: revision 1 published 0.9.5 after revision 0 published 1.0.0.
  const { repo, base } = await repoWith(t, { ...widget(0, { packageJson: { version: '1.0.0' } }), ...widget(1, { packageJson: { version: '0.9.5' } }) });
  assert.deepEqual(at(await commitCheck(repo, base, widget(2, { packageJson: { version: '0.9.6' } })), CODE), []);
});

test('version-order: the latest version not semver: nothing to compare with', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { packageJson: { version: '1.0' } }));
  assert.deepEqual(at(await commitCheck(repo, base, widget(1, { packageJson: { version: '0.1.0' } })), CODE), []);
});

test('version-order: found in the working tree', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write(widget(2, { packageJson: { version: '0.1.0' } }));
  assert.deepEqual(at(await repo.check({ base }), CODE), [[W(2, 'package.json'), '/version']]);
});
