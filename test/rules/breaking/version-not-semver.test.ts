import { test } from 'node:test';
import assert from 'node:assert/strict';
import { revisionFiles } from '../../helpers/repo.js';
import { W, at, commitCheck, only, related, repoWith, widget } from './fixture.js';

const CODE = 'breaking/version-not-semver';

test('version-not-semver: a new version that is not semver is a warning at /version, related to the latest', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  const report = await commitCheck(repo, base, widget(2, { packageJson: { version: '1.1' } }));
  assert.deepEqual(at(report, CODE), [[W(2, 'package.json'), '/version']]);
  const d = only(report, CODE)[0]!;
  assert.equal(d.severity, 'warning');
  assert.deepEqual(related(d), [[W(1, 'package.json'), '/version']]);
  assert.equal(report.summary.errors, 0);
});

test('version-not-semver: a latest version that is not semver (as in the DC/OS corpus, 1.3-2.3.0-4.1.1)', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { packageJson: { version: '1.3-2.3.0-4.1.1' } }));
  const report = await commitCheck(repo, base, widget(1, { packageJson: { version: '1.3.0-2.6.0-5.1.2' } }));
  assert.deepEqual(at(report, CODE), [[W(1, 'package.json'), '/version']]);
  assert.deepEqual(related(only(report, CODE)[0]), [[W(0, 'package.json'), '/version']]);
});

test('version-not-semver: semver versions (including prerelease and build) are fine', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { packageJson: { version: '0.3.1-0.1' } }));
  assert.deepEqual(at(await commitCheck(repo, base, widget(1, { packageJson: { version: '0.4.0-0.1+dcos' } })), CODE), []);
});

test('version-not-semver: a reused version is version-reused only', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { packageJson: { version: '2.1' } }));
  const report = await commitCheck(repo, base, widget(1, { packageJson: { version: '2.1' } }));
  assert.deepEqual(at(report, CODE), []);
  assert.deepEqual(at(report, 'breaking/version-reused'), [[W(1, 'package.json'), '/version']]);
});

test('version-not-semver: a new package has nothing to compare with', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  assert.deepEqual(at(await commitCheck(repo, base, revisionFiles('gadget', 0, { packageJson: { version: 'latest' } })), CODE), []);
});

test('version-not-semver: found in the staged changes', async (t) => {
  const { repo } = await repoWith(t, widget(0));
  repo.write(widget(1, { packageJson: { version: '1.1' } }));
  await repo.stageAll();
  assert.deepEqual(at(await repo.check({ staged: true }), CODE), [[W(1, 'package.json'), '/version']]);
});
