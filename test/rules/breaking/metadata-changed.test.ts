import { test } from 'node:test';
import assert from 'node:assert/strict';
import { W, at, breakingCodes, commitCheck, only, related, repoWith, widget, widgetPackageJson } from './fixture.js';

const CODE = 'breaking/metadata-changed';
const P = W(0, 'package.json');
const REPOSITORY = (metadata: Record<string, string[]>): string => JSON.stringify({ formatVersion: '1.0', name: 'test', policy: { metadata } }, null, 2);

test('metadata-changed: an edited description is info at the member, related to the published value', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, { [P]: widgetPackageJson(0, { description: 'Now with more detail.' }) });
  assert.deepEqual(at(report, CODE), [[P, '/description']]);
  const d = only(report, CODE)[0]!;
  assert.equal(d.severity, 'info');
  assert.deepEqual(related(d), [[P, '/description']]);
  assert.deepEqual(breakingCodes(report), [CODE]);
  assert.equal(report.summary.errors, 0);
});

test('metadata-changed: tags edited element by element, and a tag appended', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { packageJson: { tags: ['a', 'b'] } }));
  const report = await commitCheck(repo, base, { [P]: widgetPackageJson(0, { tags: ['a', 'c'] }) });
  assert.deepEqual(at(report, CODE), [[P, '/tags/1']]);
  // A longer array is one change of the whole member.
  const longer = await commitCheck(repo, base, { [P]: widgetPackageJson(0, { tags: ['a', 'b', 'c'] }) });
  assert.deepEqual(at(longer, CODE), [[P, '/tags']]);
});

test('metadata-changed: an added member points at it, related to its parent; a removed one points at its parent', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { packageJson: { website: 'https://example.com' } }));
  const report = await commitCheck(repo, base, { [P]: widgetPackageJson(0, { website: undefined, licenses: [{ name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }] }) });
  const diags = only(report, CODE).sort((a, b) => a.pointer.localeCompare(b.pointer));
  assert.deepEqual(
    diags.map((d) => [d.file, d.pointer, related(d)]),
    [
      [P, '', [[P, '/website']]], // removed: the object that held it, related to the published member
      [P, '/licenses', [[P, '']]], // added: the base has only the parent
    ],
  );
});

test('metadata-changed: resource.json images are metadata, assets are not', async (t) => {
  const resource = (icon: string, jar: string): string => JSON.stringify({ assets: { uris: { jar } }, images: { 'icon-small': icon } }, null, 2);
  const { repo, base } = await repoWith(t, widget(0, { files: { 'resource.json': resource('https://example.com/s.png', 'https://example.com/w.jar') } }));
  const images = await commitCheck(repo, base, { [W(0, 'resource.json')]: resource('https://example.com/small.png', 'https://example.com/w.jar') });
  assert.deepEqual(at(images, CODE), [[W(0, 'resource.json'), '/images/icon-small']]);
  assert.deepEqual(at(images, 'breaking/revision-changed'), []);
  const both = await commitCheck(repo, base, { [W(0, 'resource.json')]: resource('https://example.com/small.png', 'https://example.com/w2.jar') });
  assert.deepEqual(at(both, CODE), [[W(0, 'resource.json'), '/images/icon-small']]);
  assert.deepEqual(at(both, 'breaking/revision-changed'), [[W(0, 'resource.json'), '/assets/uris/jar']]);
});

test('metadata-changed: repository.json policy.metadata replaces the list (tags no longer metadata → revision-changed)', async (t) => {
  const { repo, base } = await repoWith(t, { 'repository.json': REPOSITORY({ 'package.json': ['description'] }), ...widget(0) });
  const report = await commitCheck(repo, base, { [P]: widgetPackageJson(0, { description: 'Edited.', tags: ['changed'] }) });
  assert.deepEqual(at(report, CODE), [[P, '/description']]);
  assert.deepEqual(at(report, 'breaking/revision-changed'), [[P, '/tags/0']]);
});

test('metadata-changed: policy.metadata can make a deploying member metadata (here minDcosReleaseVersion)', async (t) => {
  const { repo, base } = await repoWith(t, { 'repository.json': REPOSITORY({ 'package.json': ['description', 'minDcosReleaseVersion'] }), ...widget(0) });
  const report = await commitCheck(repo, base, { [P]: widgetPackageJson(0, { minDcosReleaseVersion: '1.10' }) });
  assert.deepEqual(at(report, CODE), [[P, '/minDcosReleaseVersion']]);
  assert.deepEqual(at(report, 'breaking/revision-changed'), []);
});

test('metadata-changed: a policy for one file leaves the defaults of the others', async (t) => {
  const { repo, base } = await repoWith(t, { 'repository.json': REPOSITORY({ 'resource.json': [] }), ...widget(0) });
  const report = await commitCheck(repo, base, {
    [P]: widgetPackageJson(0, { description: 'Edited.' }),
    [W(0, 'resource.json')]: JSON.stringify({ images: { 'icon-small': 'https://example.com/other.png' } }),
  });
  assert.deepEqual(at(report, CODE), [[P, '/description']]);
  assert.deepEqual(at(report, 'breaking/revision-changed'), [[W(0, 'resource.json'), '/images/icon-small']]);
});

test('metadata-changed: a reformatted file with no edit reports nothing', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, { [P]: widgetPackageJson(0, {}, 8) });
  assert.deepEqual(at(report, CODE), []);
});

test('metadata-changed: found in the working tree and in the staged changes', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  repo.write({ [P]: widgetPackageJson(0, { description: 'Working tree.' }) });
  assert.deepEqual(at(await repo.check({ base }), CODE), [[P, '/description']]);
  assert.deepEqual(at(await repo.check({ staged: true }), CODE), []); // nothing staged yet
  await repo.stageAll();
  assert.deepEqual(at(await repo.check({ staged: true }), CODE), [[P, '/description']]);
});

test('metadata-changed: deprecating a published 6.0 revision in place is metadata', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { packageJson: { packagingVersion: '6.0' } }));
  const pkg = JSON.parse(widgetPackageJson(0, { packagingVersion: '6.0' })) as Record<string, unknown>;
  const report = await commitCheck(repo, base, { [P]: JSON.stringify({ ...pkg, deprecated: { message: 'Use a newer revision.' } }, null, 2) });
  assert.deepEqual(at(report, CODE), [[P, '/deprecated']]);
  assert.deepEqual(at(report, 'breaking/revision-changed'), []);
});

test('metadata-changed: a resource.json holding only images, added to a published revision, is metadata', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { files: { 'resource.json': undefined } }));
  const report = await commitCheck(repo, base, { [W(0, 'resource.json')]: JSON.stringify({ images: { 'icon-small': 'https://example.com/s.png' } }) });
  assert.deepEqual(at(report, 'breaking/revision-changed'), []);
  assert.deepEqual(at(report, CODE), [[W(0, 'resource.json'), '/images']]);
});
