import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Ajv } from 'ajv';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { buildArtifact } from '../../scripts/lib/ops/build.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { Analysis } from '../../scripts/lib/rules/analysis.js';
import { MemorySnapshot } from '../../scripts/lib/snapshot/memory.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { writeTree } from '../helpers/cli.js';
import { PROJECT_ROOT, listFiles } from '../helpers/paths.js';
import { revisionFiles } from '../helpers/repo.js';
import { fixture } from './fixture.js';
import { buildFiles, readTree, removeLater, tempDir } from './helpers.js';

test('the artifact holds the native index, the DC/OS outputs, .gz siblings and the manifest', async () => {
  const { out, report } = await buildFiles(fixture());
  const files = listFiles(out);
  for (const f of ['index.json', 'index.json.gz', 'manifest.json', 'packages/alpha.json', 'packages/gamma.json.gz', 'dcos/universe.json', 'dcos/universe.content_type', 'dcos/repo-empty-v3.json', 'dcos/repo-empty-v3.content_type', 'dcos/repo-up-to-1.8.json.gz', 'dcos/1.8/package/alpha.json', 'dcos/2.0/package/gamma.json.gz']) {
    assert.ok(files.includes(f), f);
  }
  assert.ok(!files.includes('manifest.json.gz'));
  assert.equal(report.files, files.length);
  assert.deepEqual([report.packages, report.revisions, report.dcosRevisions, report.skipped.length], [4, 11, 10, 0]);
  assert.equal(report.bytes + report.gzBytes, files.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0));
  // Every JSON file but the manifest and the small per-package static API files has a .gz
  // sibling that decompresses to exactly its bytes.
  const perPackage = /^packages\/[^/]+\/(versions\.json|[^/]+\/spec\.json)$/;
  for (const f of files.filter((f) => f.endsWith('.json') && f !== 'manifest.json' && !perPackage.test(f))) {
    assert.deepEqual(zlib.gunzipSync(fs.readFileSync(path.join(out, `${f}.gz`))), fs.readFileSync(path.join(out, f)), f);
  }
});

test('builds are byte-identical, whether compression runs on workers or inline', async () => {
  const a = readTree((await buildFiles(fixture())).out);
  const b = readTree((await buildFiles(fixture())).out);
  const c = readTree((await buildFiles(fixture(), { workers: 0 })).out);
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [f, bytes] of a) {
    assert.ok(bytes.equals(b.get(f)!), f);
    assert.ok(bytes.equals(c.get(f)!), f);
  }
});

test('the manifest lists every other file, sorted, with its size and sha256; the commit is stamped', async () => {
  const commit = 'a'.repeat(40);
  const { out } = await buildFiles(fixture(), { commit });
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { formatVersion: string; commit: string; files: Array<{ path: string; size: number; sha256: string }> };
  assert.equal(manifest.formatVersion, '1.0');
  assert.equal(manifest.commit, commit);
  assert.deepEqual(manifest.files.map((f) => f.path), listFiles(out).filter((f) => f !== 'manifest.json'));
  for (const f of manifest.files) {
    const bytes = fs.readFileSync(path.join(out, f.path));
    assert.equal(f.size, bytes.length, f.path);
    assert.equal(f.sha256, createHash('sha256').update(bytes).digest('hex'), f.path);
  }
  const index = JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8')) as { commit: string };
  assert.equal(index.commit, commit);
});

test('index.json and packages/*.json follow their schemas, and digests match the documents', async () => {
  const { out } = await buildFiles(fixture());
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, formats: { regex: true } });
  const dir = path.join(PROJECT_ROOT, 'schema');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as object);
  const index = JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8')) as { packages: Array<{ name: string; versions: Array<{ revision: number; digest: string }> }> };
  const vIndex = ajv.getSchema('https://universe.dev/schema/index.schema.json')!;
  assert.ok(vIndex(index), JSON.stringify(vIndex.errors));
  assert.deepEqual(index.packages.map((p) => p.name), ['alpha', 'beta', 'delta', 'gamma']);
  const vDoc = ajv.getSchema('https://universe.dev/schema/package-document.schema.json')!;
  for (const p of index.packages) {
    const text = fs.readFileSync(path.join(out, 'packages', `${p.name}.json`), 'utf8');
    const doc = JSON.parse(text) as { revisions: Array<{ revision: number; digest: string }> };
    assert.ok(vDoc(doc), `${p.name}: ${JSON.stringify(vDoc.errors)}`);
    assert.deepEqual(doc.revisions.map((r) => [r.revision, r.digest]), p.versions.map((v) => [v.revision, v.digest]));
  }
  const gamma = index.packages.find((p) => p.name === 'gamma') as unknown as Record<string, unknown>;
  assert.deepEqual(gamma.categories, ['db']);
  assert.deepEqual((gamma.versions as Array<Record<string, unknown>>)[0]!.deprecated, { message: 'Use gamma 1.1.', replacement: 'alpha' });
});

test('without gzip there are no .gz files', async () => {
  const { out, report } = await buildFiles(fixture(), { gzip: false });
  assert.deepEqual(listFiles(out).filter((f) => f.endsWith('.gz')), []);
  assert.equal(report.gzBytes, 0);
});

test('unusable revisions and packages are skipped and listed, never a crash', async () => {
  const files = {
    ...revisionFiles('good', 0),
    ...revisionFiles('good', 1, { files: { 'config.json': '{"type": "object",' } }),
    ...revisionFiles('good', 2, { files: { 'marathon.json.mustache': new Uint8Array([0x7b, 0xff, 0x7d]) } }),
    ...revisionFiles('array', 0),
    'packages/A/array/0/package.json': '[1, 2]',
    ...revisionFiles('good', 3),
    'packages/G/good/x1/package.json': '{}',
    'packages/B/bad name/0/package.json': JSON.stringify({ packagingVersion: '4.0', name: 'bad name', version: '1', maintainer: 'm', description: 'd', tags: [] }),
  };
  const { out, report } = await buildFiles(files);
  assert.deepEqual(report.skipped, ['packages/A/array/0', 'packages/B/bad name', 'packages/G/good/1', 'packages/G/good/2', 'packages/G/good/x1']);
  const index = JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8')) as { packages: Array<{ name: string; versions: Array<{ revision: number }> }> };
  assert.deepEqual(index.packages.map((p) => [p.name, p.versions.map((v) => v.revision)]), [['good', [0, 3]]]);
});

test('a failed build leaves the previous artifact untouched and no staging folder behind', async () => {
  const root = tempDir();
  const outDir = path.join(root, 'target');
  await buildFiles(fixture(), { outDir });
  const before = readTree(outDir);
  const catalog = await loadCatalog(new MemorySnapshot(fixture()));
  const analysis = new Analysis(catalog, defaultSettings());
  // A value that cannot be serialized stands for any failure half-way through writing.
  const rev = catalog.packages[2]!.revisions[1]!;
  (rev.files['config.json']!.json!.value as Record<string, unknown>).toJSON = () => {
    throw new Error('boom');
  };
  await assert.rejects(buildArtifact(catalog, analysis, { outDir, commit: null }), /boom/);
  const after = readTree(outDir);
  assert.deepEqual([...after.keys()], [...before.keys()]);
  for (const [f, b] of before) assert.ok(b.equals(after.get(f)!), f);
  assert.deepEqual(fs.readdirSync(root), ['target']);
});

test('the out folder may not be the repository, hold it, or be an unrelated folder', async () => {
  const repo = removeLater(writeTree(revisionFiles('web', 0)));
  const catalog = await loadCatalog(new WorktreeSnapshot(repo));
  const analysis = new Analysis(catalog, defaultSettings());
  for (const outDir of [repo, path.dirname(repo)]) {
    await assert.rejects(buildArtifact(catalog, analysis, { outDir, commit: null }), (e: Error) => e.name === 'CannotRunError' && /repository/.test(e.message));
  }
  assert.ok(fs.existsSync(path.join(repo, 'packages/W/web/0/package.json')));
  const unrelated = tempDir();
  fs.writeFileSync(path.join(unrelated, 'notes.txt'), 'keep me');
  await assert.rejects(buildArtifact(catalog, analysis, { outDir: unrelated, commit: null, repoDir: repo }), /no manifest\.json/);
  assert.equal(fs.readFileSync(path.join(unrelated, 'notes.txt'), 'utf8'), 'keep me');
  // Beside the repository is fine, and rebuilding over an earlier artifact replaces it.
  const outDir = path.join(repo, 'target');
  await buildArtifact(catalog, analysis, { outDir, commit: null });
  const report = await buildArtifact(catalog, analysis, { outDir, commit: null });
  assert.equal(report.skipped.length, 0);
  assert.ok(fs.existsSync(path.join(outDir, 'dcos/universe.json')));
});
