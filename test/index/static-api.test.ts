/**
 * The static directory API written by `universe build` (schema/static-api.schema.json):
 * categories.json, packages.json, packages-<category>.json, packages/<name>/versions.json and
 * packages/<name>/<version>/spec.json. The web catalogue's copy: web-files.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import { buildArtifact } from '../../scripts/lib/ops/build.js';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { templateFacts } from '../../scripts/lib/rules/shared/template-analysis.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { CORPUS_DIR, NO_CORPUS, PROJECT_ROOT, hasCorpus, listFiles } from '../helpers/paths.js';
import { revisionFiles } from '../helpers/repo.js';
import { readTree, tempDir } from '../build/helpers.js';

type Json = Record<string, any>;

const SCHEMA_ID = 'https://universe.dev/schema/static-api.schema.json';
let ajv: Ajv | undefined;
/** The validator of one definition of schema/static-api.schema.json (all schemas loaded, strict). */
function validator(def: 'categories' | 'packages' | 'versions' | 'spec'): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ strict: true, allowUnionTypes: true, formats: { regex: true } });
    const dir = path.join(PROJECT_ROOT, 'schema');
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as object);
  }
  return ajv.getSchema(`${SCHEMA_ID}#/definitions/${def}`)!;
}

const read = (out: string, f: string): Json => JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')) as Json;

/** Every static API file of an artifact, by kind. */
function staticFiles(out: string): Record<'categories' | 'packages' | 'versions' | 'spec', string[]> {
  const files = listFiles(out).filter((f) => f.endsWith('.json'));
  return {
    categories: files.filter((f) => f === 'categories.json'),
    packages: files.filter((f) => /^packages(-[^/]+)?\.json$/.test(f)),
    versions: files.filter((f) => /^packages\/[^/]+\/versions\.json$/.test(f)),
    spec: files.filter((f) => /^packages\/[^/]+\/[^/]+\/spec\.json$/.test(f)),
  };
}

/** Asserts every static API file matches its schema definition; returns the files. */
function assertSchemas(out: string): ReturnType<typeof staticFiles> {
  const files = staticFiles(out);
  for (const [def, list] of Object.entries(files) as Array<[keyof typeof files, string[]]>) {
    const v = validator(def);
    for (const f of list) assert.ok(v(read(out, f)), `${f}: ${JSON.stringify(v.errors)}`);
  }
  return files;
}

const NEEDS_SECRET = JSON.stringify({
  type: 'object',
  properties: {
    service: {
      type: 'object',
      properties: { name: { type: 'string', default: 'secretive' }, secret: { type: 'string', description: 'The secret to use.' } },
      required: ['secret'],
    },
  },
});

/** A universe with every case the static API must handle. */
function fixture(): Record<string, MemoryFile> {
  return {
    'repository.json': JSON.stringify({
      formatVersion: '1.0',
      name: 'fixture',
      categories: [
        { id: 'web', title: 'Web' },
        { id: 'db', title: 'Databases', description: 'Data stores.' },
        { id: 'empty', title: 'Nothing yet' },
      ],
    }),
    // Revisions 0 and 1 share a version: its spec is revision 1's.
    ...revisionFiles('shared', 0, { packageJson: { version: '1.0.0', description: 'First.' } }),
    ...revisionFiles('shared', 1, { packageJson: { version: '1.0.0', description: 'Second.' } }),
    ...revisionFiles('shared', 3, { packageJson: { version: '1.1.0', maintainer: 'shared@example.com' } }),
    // Versions that need encoding, and one that cannot be a folder.
    ...revisionFiles('odd', 0, { packageJson: { packagingVersion: '2.0', version: '1.0 beta/2' } }),
    ...revisionFiles('odd', 1, { packageJson: { packagingVersion: '2.0', version: '..' } }),
    // Aurora only: DC/OS clients would reject the '+' (the build refuses to serve it them).
    ...revisionFiles('odd', 2, {
      packageJson: { packagingVersion: '6.0', version: '2.0.0+build.7', categories: ['web'] },
      files: { 'marathon.json.mustache': undefined, 'job.aurora.mustache': 'jobs = [Job(name = "{{service.name}}")]\n' },
    }),
    // No config.json: defaults {}, the template still renders.
    ...revisionFiles('plain', 0, {
      packageJson: { selected: true },
      files: {
        'config.json': undefined,
        'marathon.json.mustache': '{"id": "/plain", "cmd": "sleep 1", "cpus": 0.1, "mem": 32}',
        'resource.json': JSON.stringify({ images: { 'icon-large': 'https://example.com/l.png', 'icon-small': 'https://example.com/s.png' } }),
      },
    }),
    // A required option without a default: the package needs the user's options.
    ...revisionFiles('secretive', 0, { files: { 'config.json': NEEDS_SECRET, 'marathon.json.mustache': '{"id": "/s", "env": {"SECRET": "{{service.secret}}"}}' } }),
    // A template the defaults break.
    ...revisionFiles('broken', 0, { files: { 'marathon.json.mustache': '{"id": {{service.name}}}' } }),
    // Aurora only, in two categories, deprecated.
    ...revisionFiles('jobs', 0, {
      packageJson: { packagingVersion: '6.0', version: '1.0.0', categories: ['db', 'web'], deprecated: { message: 'Use shared.', replacement: 'shared' } },
      files: { 'marathon.json.mustache': undefined, 'job.aurora.mustache': 'jobs = [Job(name = "{{service.name}}")]\n' },
    }),
  };
}

/** Validates (every rule, keeping renders unless told) and builds an in-memory universe. */
async function build(files: Record<string, MemoryFile>, options: { keepRenders?: boolean; gzip?: boolean; mutate?: (v: Awaited<ReturnType<typeof validateSnapshot>>) => void } = {}): Promise<string> {
  const v = await validateSnapshot(new MemorySnapshot(files), undefined, { keepRenders: options.keepRenders ?? true });
  options.mutate?.(v);
  const out = path.join(tempDir('universe-static-'), 'target');
  await buildArtifact(v.catalog, v.analysis, { outDir: out, commit: null, ...(options.gzip === false ? { gzip: false } : {}) });
  return out;
}

let fixtureBuild: Promise<string> | undefined;
const built = (): Promise<string> => (fixtureBuild ??= build(fixture()));

test('static API: every file follows its schema, and the package lists are sorted summaries', async () => {
  const out = await built();
  const files = assertSchemas(out);
  assert.deepEqual(files.packages, ['packages-db.json', 'packages-empty.json', 'packages-web.json', 'packages.json']);
  const all = read(out, 'packages.json').packages as Json[];
  assert.deepEqual(all.map((p) => p.name), ['broken', 'jobs', 'odd', 'plain', 'secretive', 'shared']);
  const by = new Map(all.map((p) => [p.name as string, p]));
  assert.deepEqual(by.get('shared'), {
    name: 'shared',
    description: 'The shared package.',
    tags: ['example'],
    categories: [],
    maintainer: 'shared@example.com',
    icon: 'https://example.com/s.png',
    latest: { version: '1.1.0', revision: 3, packagingVersion: '4.0' },
    versions: 3,
  });
  // icon-medium, else icon-small, else icon-large; selected when package.json says so.
  assert.equal(by.get('plain')!.icon, 'https://example.com/s.png');
  assert.equal(by.get('plain')!.selected, true);
  assert.deepEqual(by.get('jobs')!.deprecated, { message: 'Use shared.', replacement: 'shared' });
  assert.deepEqual(by.get('jobs')!.categories, ['db', 'web']);
  assert.deepEqual(Object.keys(by.get('jobs')!), ['name', 'description', 'tags', 'categories', 'maintainer', 'icon', 'latest', 'versions', 'deprecated']);
});

test('static API: categories.json lists every declared category by id with its package count; empty ones get an empty list', async () => {
  const out = await built();
  assert.deepEqual(read(out, 'categories.json'), {
    categories: [
      { id: 'db', title: 'Databases', description: 'Data stores.', packages: 1 },
      { id: 'empty', title: 'Nothing yet', packages: 0 },
      { id: 'web', title: 'Web', packages: 2 },
    ],
  });
  assert.deepEqual(read(out, 'packages-empty.json'), { packages: [] });
  assert.deepEqual((read(out, 'packages-web.json').packages as Json[]).map((p) => p.name), ['jobs', 'odd']);
  // The same summaries as packages.json.
  const all = read(out, 'packages.json').packages as Json[];
  assert.deepEqual(read(out, 'packages-db.json').packages, all.filter((p) => p.name === 'jobs'));
});

test('static API: versions.json lists every revision, highest first; the highest revision of a shared version owns its spec', async () => {
  const out = await built();
  const versions = read(out, 'packages/shared/versions.json');
  assert.deepEqual(versions, {
    name: 'shared',
    versions: [
      { version: '1.1.0', revision: 3, packagingVersion: '4.0' },
      { version: '1.0.0', revision: 1, packagingVersion: '4.0' },
      { version: '1.0.0', revision: 0, packagingVersion: '4.0' },
    ],
  });
  const spec = read(out, 'packages/shared/1.0.0/spec.json');
  assert.equal(spec.revision, 1);
  assert.equal(spec.package.description, 'Second.');
  assert.deepEqual(Object.keys(spec), ['name', 'version', 'revision', 'packagingVersion', 'package', 'config', 'resource', 'marathonTemplate', 'defaults', 'rendered']);
  assert.deepEqual(spec.defaults, { service: { name: 'shared' } });
  assert.deepEqual(spec.rendered, { marathon: { id: 'shared', cmd: 'sleep 1000', cpus: 0.1, mem: 32 } });
  assert.deepEqual(listFiles(path.join(out, 'packages/shared')).filter((f) => f.endsWith('.json')), ['1.0.0/spec.json', '1.1.0/spec.json', 'versions.json']);
});

test('static API: a version folder is encodeURIComponent(version); a version that cannot be a folder has no spec', async () => {
  const out = await built();
  const specs = staticFiles(out).spec.filter((f) => f.startsWith('packages/odd/'));
  assert.deepEqual(specs, ['packages/odd/1.0%20beta%2F2/spec.json', 'packages/odd/2.0.0%2Bbuild.7/spec.json']);
  for (const f of specs) {
    const folder = f.split('/')[2]!;
    assert.equal(encodeURIComponent(read(out, f).version as string), folder);
  }
  assert.deepEqual((read(out, 'packages/odd/versions.json').versions as Json[]).map((v) => v.version), ['2.0.0+build.7', '..', '1.0 beta/2']);
});

test('static API: spec.json renders with the defaults, or says in one sentence why it cannot', async () => {
  const out = await built();
  const plain = read(out, 'packages/plain/1.0.0/spec.json');
  assert.equal(plain.config, undefined);
  assert.deepEqual(plain.defaults, {});
  assert.deepEqual(plain.rendered, { marathon: { id: '/plain', cmd: 'sleep 1', cpus: 0.1, mem: 32 } });

  const secretive = read(out, 'packages/secretive/1.0.0/spec.json');
  assert.deepEqual(secretive.defaults, { service: { name: 'secretive' } });
  assert.deepEqual(Object.keys(secretive.rendered), ['error']);
  assert.match(secretive.rendered.error as string, /^the package needs options from the user before it can be rendered: .*'service\.secret'/);

  const broken = read(out, 'packages/broken/1.0.0/spec.json');
  assert.deepEqual(Object.keys(broken.rendered), ['error']);
  assert.match(broken.rendered.error as string, /^marathon\.json\.mustache does not render with the default options: /);

  const jobs = read(out, 'packages/jobs/1.0.0/spec.json');
  assert.equal(jobs.auroraTemplate, 'jobs = [Job(name = "{{service.name}}")]\n');
  assert.deepEqual(jobs.rendered, { aurora: 'jobs = [Job(name = "jobs")]\n' });
  for (const f of staticFiles(out).spec) {
    const e = read(out, f).rendered.error as string | undefined;
    if (e !== undefined) assert.ok(!e.includes('\n') && !/\.\s+\S/.test(e.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '')), `${f}: one sentence: ${e}`);
  }
});

test('static API: the build reuses the validation renders (kept text), and builds with and without them are identical', async () => {
  const files = fixture();
  let kept: string | undefined;
  const reused = await build(files, {
    mutate: (v) => {
      const rev = v.catalog.packages.find((p) => p.name === 'plain')!.revisions[0]!;
      const facts = templateFacts(rev, { catalog: v.catalog, settings: v.settings, analysis: v.analysis }, 'marathon.json.mustache');
      kept = facts?.render?.ok ? facts.render.text : undefined;
      // Changed after validation: a build that rendered again would show "/changed".
      rev.files['marathon.json.mustache']!.text = '{"id": "/changed"}';
    },
  });
  assert.equal(kept, '{"id": "/plain", "cmd": "sleep 1", "cpus": 0.1, "mem": 32}');
  assert.equal(read(reused, 'packages/plain/1.0.0/spec.json').rendered.marathon.id, '/plain');

  const withRenders = readTree(await build(files));
  const without = readTree(await build(files, { keepRenders: false }));
  const again = readTree(await build(files));
  assert.deepEqual([...withRenders.keys()], [...without.keys()]);
  for (const [f, bytes] of withRenders) {
    assert.ok(bytes.equals(without.get(f)!), `${f}: the same with or without kept renders`);
    assert.ok(bytes.equals(again.get(f)!), `${f}: byte-identical on a second build`);
  }
});

test('static API: the manifest lists every new file; the lists have .gz siblings, the per-package files none; --no-gzip writes none', async () => {
  const out = await built();
  const manifest = read(out, 'manifest.json').files as Array<{ path: string }>;
  const listed = new Set(manifest.map((f) => f.path));
  const files = staticFiles(out);
  const all = Object.values(files).flat();
  assert.equal(all.length, 1 + 4 + 6 + 8);
  for (const f of [...files.categories, ...files.packages]) {
    assert.ok(listed.has(f) && listed.has(`${f}.gz`), f);
    assert.ok(zlib.gunzipSync(fs.readFileSync(path.join(out, `${f}.gz`))).equals(fs.readFileSync(path.join(out, f))), f);
  }
  for (const f of [...files.versions, ...files.spec]) {
    assert.ok(listed.has(f), f);
    assert.ok(!fs.existsSync(path.join(out, `${f}.gz`)), `${f} has no .gz sibling`);
  }
  const plain = await build(fixture(), { gzip: false });
  assert.deepEqual(listFiles(plain).filter((f) => f.endsWith('.gz')), []);
  assert.ok(fs.existsSync(path.join(plain, 'packages/shared/1.0.0/spec.json')));
});

test('static API on the sample repo/: schemas, one versions.json per package, one spec per version', async () => {
  const v = await validateSnapshot(new WorktreeSnapshot(path.join(PROJECT_ROOT, 'repo')), undefined, { keepRenders: true });
  assert.equal(v.summary.errors, 0);
  const out = path.join(tempDir('universe-static-'), 'target');
  await buildArtifact(v.catalog, v.analysis, { outDir: out, commit: null });
  const files = assertSchemas(out);
  const index = read(out, 'index.json').packages as Json[];
  assert.deepEqual(files.versions, index.map((p) => `packages/${p.name}/versions.json`));
  const specs = index.flatMap((p) => [...new Set((p.versions as Json[]).map((x) => x.version as string))].map((ver) => `packages/${p.name}/${encodeURIComponent(ver)}/spec.json`));
  assert.deepEqual(files.spec, specs.sort());
  const cats = read(out, 'categories.json').categories as Json[];
  assert.ok(cats.some((c) => c.packages === 0), 'the sample declares categories no package uses yet');
  for (const c of cats) assert.equal((read(out, `packages-${c.id}.json`).packages as Json[]).length, c.packages);
  // A package without config.json has defaults {}.
  const tidectl = read(out, 'packages/tidectl/1.0.0/spec.json');
  assert.deepEqual([tidectl.defaults, tidectl.rendered], [{}, {}]);
  // Every latest revision of the sample renders with its defaults.
  for (const p of index) {
    const spec = read(out, `packages/${p.name}/${encodeURIComponent(p.latest.version as string)}/spec.json`);
    assert.equal(spec.rendered.error, undefined, `${p.name}: ${spec.rendered.error}`);
    assert.equal(spec.marathonTemplate !== undefined, spec.rendered.marathon !== undefined, p.name);
    assert.equal(spec.auroraTemplate !== undefined, spec.rendered.aurora !== undefined, p.name);
  }
});

test('static API on the corpus: schemas, sorting, one spec per version, renders where the defaults allow', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const v = await validateSnapshot(new WorktreeSnapshot(path.join(CORPUS_DIR, 'universe-sample')), undefined, { keepRenders: true });
  const out = path.join(tempDir('universe-static-'), 'target');
  await buildArtifact(v.catalog, v.analysis, { outDir: out, commit: null });
  const files = assertSchemas(out);
  const index = read(out, 'index.json').packages as Json[];
  assert.equal(index.length, 47);
  assert.deepEqual((read(out, 'packages.json').packages as Json[]).map((p) => p.name), index.map((p) => p.name));
  let specs = 0;
  let rendered = 0;
  for (const p of index) {
    const versions = read(out, `packages/${p.name}/versions.json`).versions as Json[];
    const revisions = versions.map((x) => x.revision as number);
    assert.deepEqual(revisions, [...revisions].sort((a, b) => b - a), p.name);
    assert.equal(versions.length, (p.versions as Json[]).length, p.name);
    for (const ver of new Set(versions.map((x) => x.version as string))) {
      const spec = read(out, `packages/${p.name}/${encodeURIComponent(ver)}/spec.json`);
      specs++;
      assert.equal(spec.revision, versions.find((x) => x.version === ver)!.revision, `${p.name}@${ver}: the highest revision`);
      if (spec.rendered.marathon !== undefined) rendered++;
      else assert.ok(spec.marathonTemplate === undefined || typeof spec.rendered.error === 'string', `${p.name}@${ver}`);
    }
  }
  assert.equal(files.spec.length, specs);
  // Most corpus revisions render with their defaults (some need the user's options).
  assert.ok(rendered > specs * 0.8, `${rendered} of ${specs}`);
});
