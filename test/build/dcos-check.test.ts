import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { buildArtifact, DcosRejectedError } from '../../scripts/lib/ops/build.js';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { Analysis } from '../../scripts/lib/rules/analysis.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { CORPUS_DIR, NO_CORPUS, PROJECT_ROOT, hasCorpus, listFiles } from '../helpers/paths.js';
import { revisionFiles } from '../helpers/repo.js';
import { assertDcosFilesValid, dcosValid } from './dcos-schemas.js';
import { fixture } from './fixture.js';
import { buildFiles, dcosPackages, ids, readTree, tempDir } from './helpers.js';

async function buildRepo(repo: string): Promise<string> {
  const v = await validateSnapshot(new WorktreeSnapshot(repo));
  assert.equal(v.summary.errors, 0, `${repo} validates`);
  const out = path.join(tempDir('universe-dcos-'), 'target');
  await buildArtifact(v.catalog, v.analysis, { outDir: out, repoDir: repo, commit: null, gzip: false, workers: 0 });
  return out;
}

test('the artifact of repo/: every DC/OS file and slice validates against the repository schema of its media type', async () => {
  const out = await buildRepo(path.join(PROJECT_ROOT, 'repo'));
  // universe.json, the empty repository, 7 repo-up-to files and the slices.
  assert.ok(assertDcosFilesValid(out) > 9 + 7);
  // The sample's 5.0 revisions reach DC/OS 1.10 and 1.11 as 4.0.
  const old = dcosPackages(out, 'repo-up-to-1.11.json');
  assert.ok(old.some((p) => p.name === 'bucketgate'));
  assert.ok(old.every((p) => p.packagingVersion !== '5.0'));
  assert.ok(dcosPackages(out, 'repo-up-to-1.12.json').some((p) => p.name === 'bucketgate' && p.packagingVersion === '5.0'));
});

test('the artifact of the universe sample corpus: every DC/OS file and slice validates', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const out = await buildRepo(path.join(CORPUS_DIR, 'universe-sample'));
  assert.ok(assertDcosFilesValid(out) > 100);
});

test('the build fixture validates too, and its 5.0 revision without manager is served as 4.0 to DC/OS 1.10 and 1.11', async () => {
  const { out } = await buildFiles(fixture());
  assertDcosFilesValid(out);
  const find = (file: string) => dcosPackages(out, file).find((p) => p.name === 'alpha' && p.releaseVersion === 2)!;
  const v5 = find('universe.json');
  assert.equal(v5.packagingVersion, '5.0');
  for (const file of ['repo-up-to-1.10.json', 'repo-up-to-1.11.json', '1.11/package/alpha.json']) {
    const v4 = find(file);
    assert.equal(v4.packagingVersion, '4.0', file);
    // Only the packaging version differs, members in place (upgradesFrom kept: 4.0 has it).
    assert.deepEqual(Object.keys(v4), Object.keys(v5), file);
    assert.deepEqual({ ...v4, packagingVersion: '5.0' }, v5, file);
  }
  for (const file of ['repo-up-to-1.12.json', '2.0/package/alpha.json']) assert.equal(find(file).packagingVersion, '5.0', file);
  // 5.0 with manager (alpha/5) is served from 1.12 on only, as it is.
  assert.deepEqual(ids(dcosPackages(out, '1.12/package/alpha.json')), ['alpha/0', 'alpha/1', 'alpha/2', 'alpha/5']);
  assert.deepEqual(ids(dcosPackages(out, '1.11/package/alpha.json')), ['alpha/0', 'alpha/1', 'alpha/2']);
});

test('a package without a distinct v4 object keeps v4 and v5 files linked when they hold the same revisions', async () => {
  const files = { ...revisionFiles('solo', 0, { packageJson: { minDcosReleaseVersion: '1.10' } }) };
  const { out } = await buildFiles(files);
  const ino = (f: string) => fs.statSync(path.join(out, 'dcos', f)).ino;
  assert.equal(ino('repo-up-to-1.10.json'), ino('repo-up-to-2.0.json'));
  assert.equal(ino('1.10/package/solo.json'), ino('2.0/package/solo.json'));
  // With a 5.0 revision they differ in packagingVersion, so they are separate files.
  const { out: out5 } = await buildFiles(revisionFiles('solo', 0, { packageJson: { packagingVersion: '5.0', minDcosReleaseVersion: '1.10' } }));
  const ino5 = (f: string) => fs.statSync(path.join(out5, 'dcos', f)).ino;
  assert.notEqual(ino5('repo-up-to-1.10.json'), ino5('repo-up-to-2.0.json'));
  assert.equal(ino5('repo-up-to-1.10.json'), ino5('repo-up-to-1.11.json'));
  assert.equal(dcosPackages(out5, 'repo-up-to-1.10.json')[0]!.packagingVersion, '4.0');
  assertDcosFilesValid(out5);
});

/** A revision DC/OS 1.10 and 1.11 cannot take: 5.0 with manager for DC/OS 1.10. */
const MANAGED: Record<string, MemoryFile> = revisionFiles('managed', 3, { packageJson: { packagingVersion: '5.0', minDcosReleaseVersion: '1.10', manager: { packageName: 'alpha' } } });

test('a revision a v4 client would reject makes the build refuse, naming the revision, the files, the media type and the fix', async () => {
  const files = { ...fixture(), ...MANAGED };
  // What the build would have served 1.10 clients is indeed invalid for them.
  const obj = { ...JSON.parse(MANAGED['packages/M/managed/3/package.json'] as string), releaseVersion: 3 };
  assert.equal(dcosValid({ packages: [obj] }, 4), false);
  assert.equal(dcosValid({ packages: [obj] }, 5), true);
  const err = await buildFiles(files).then(
    () => assert.fail('the build must refuse'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof DcosRejectedError);
  assert.equal(err.name, 'DcosRejectedError');
  assert.deepEqual(
    err.problems.map((p) => [p.dir, p.file, p.pointer, p.media, p.files]),
    [['packages/M/managed/3', 'packages/M/managed/3/package.json', '/packagingVersion', [4], ['repo-up-to-1.10.json', 'repo-up-to-1.11.json']]],
  );
  const message = err.problems[0]!.message;
  assert.match(message, /media type v4/);
  assert.match(message, /set minDcosReleaseVersion to "1\.12" or later/);
  assert.match(err.message, /^refusing to build: DC\/OS clients would reject 1 revision \(nothing was written\):\n {2}packages\/M\/managed\/3\/package\.json \/packagingVersion: DC\/OS would reject/);
});

test('a refused build writes nothing: no out folder, no staging folder; an earlier artifact stays as it was', async () => {
  const root = tempDir();
  const fresh = path.join(root, 'fresh');
  await assert.rejects(buildFiles({ ...fixture(), ...MANAGED }, { outDir: fresh }), DcosRejectedError);
  assert.deepEqual(fs.readdirSync(root), []);
  const outDir = path.join(root, 'target');
  await buildFiles(fixture(), { outDir });
  const before = readTree(outDir);
  await assert.rejects(buildFiles({ ...fixture(), ...MANAGED }, { outDir }), DcosRejectedError);
  assert.deepEqual(fs.readdirSync(root), ['target']);
  const after = readTree(outDir);
  assert.deepEqual([...after.keys()], [...before.keys()]);
  for (const [f, b] of before) assert.ok(b.equals(after.get(f)!), f);
});

test('any schema error is refused, in every media type it occurs, with the file and pointer of the revision to change', async () => {
  const files = {
    ...revisionFiles('spaced', 0, { packageJson: { packagingVersion: '3.0', tags: ['two words'] } }),
    ...revisionFiles('iconic', 0, { files: { 'resource.json': JSON.stringify({ images: { 'icon-tiny': 'https://example.com/t.png' } }) } }),
    ...revisionFiles('later', 0, { packageJson: { minDcosReleaseVersion: '1.12', licenses: [{ name: 'X', url: 'ftp://example.com/license' }] } }),
  };
  const catalog = await loadCatalog(new MemorySnapshot(files));
  const out = path.join(tempDir(), 'target');
  const err = await buildArtifact(catalog, new Analysis(catalog, defaultSettings()), { outDir: out, commit: null }).then(
    () => assert.fail('the build must refuse'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof DcosRejectedError);
  assert.deepEqual(
    err.problems.map((p) => [p.file, p.pointer, p.media]),
    [
      ['packages/I/iconic/0/resource.json', '/images/icon-tiny', [3, 4, 5]],
      ['packages/L/later/0/package.json', '/licenses/0/url', [5]],
      ['packages/S/spaced/0/package.json', '/tags/0', [3, 4, 5]],
    ],
  );
  assert.deepEqual(err.problems[2]!.files, ['universe.json', 'repo-up-to-1.8.json', 'repo-up-to-1.9.json', 'repo-up-to-1.10.json', 'repo-up-to-1.11.json', 'repo-up-to-1.12.json', 'repo-up-to-1.13.json', 'repo-up-to-2.0.json']);
  assert.match(err.problems[0]!.message, /icon-tiny/);
  assert.match(err.problems[0]!.message, /schema\/dcos\/v3-repo-schema\.json/);
  assert.ok(!fs.existsSync(out));
  assert.equal(listFiles(path.dirname(out)).length, 0);
});
