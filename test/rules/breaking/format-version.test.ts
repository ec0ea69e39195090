import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestRepo } from '../../helpers/git.js';
import { PROJECT_ROOT } from '../../helpers/paths.js';
import { at, breakingCodes, commitCheck, only, widget } from './fixture.js';

const CODE = 'breaking/format-version';
/** Where findings name the schema folder: relative to the universe folder (repo/). */
const SCHEMA = '../schema';
const COPIED = ['package-4.0.schema.json', 'repository.schema.json', 'index.schema.json', 'resource-3.0.schema.json'];

type Json = Record<string, unknown>;
const schemaOf = (name: string): Json => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'schema', name), 'utf8')) as Json;
const text = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** A repository whose first commit holds a widget and, at its top, a copy of some of this project's schemas. */
async function withSchemas(t: TestContext): Promise<{ repo: TestRepo; base: string }> {
  const repo = await TestRepo.create();
  t.after(() => repo.remove());
  repo.writeTop(Object.fromEntries(COPIED.map((n) => [`schema/${n}`, fs.readFileSync(path.join(PROJECT_ROOT, 'schema', n), 'utf8')])));
  repo.write(widget(0));
  return { repo, base: await repo.commit('initial') };
}

/** package-4.0.schema.json with more required members. */
function requiring(...names: string[]): string {
  const s = schemaOf('package-4.0.schema.json');
  return text({ ...s, required: [...(s.required as string[]), ...names] });
}

/** repository.schema.json with formatVersion's enum replaced. */
function formatVersions(...versions: string[]): string {
  const s = schemaOf('repository.schema.json') as { properties: Json & { formatVersion: Json } };
  return text({ ...s, properties: { ...s.properties, formatVersion: { ...s.properties.formatVersion, enum: versions } } });
}

async function commitTop(repo: TestRepo, base: string, files: Record<string, string | undefined>) {
  repo.writeTop(files);
  const head = await repo.commit('schema change');
  return repo.check({ base, head });
}

test('format-version: a package schema that now requires a member is an error at the change', async (t) => {
  const { repo, base } = await withSchemas(t);
  const report = await commitTop(repo, base, { 'schema/package-4.0.schema.json': requiring('website') });
  const required = (schemaOf('package-4.0.schema.json').required as string[]).length;
  assert.deepEqual(at(report, CODE), [[`${SCHEMA}/package-4.0.schema.json`, `/required/${required}`]]);
  const d = only(report, CODE)[0]!;
  assert.equal(d.severity, 'error');
  assert.ok(d.line > 1, 'located in the schema text');
  assert.deepEqual(report.changes, { packages: [], files: [] }); // nothing in the universe changed
});

test('format-version: the same with a higher formatVersion in repository.schema.json is fine', async (t) => {
  const { repo, base } = await withSchemas(t);
  const report = await commitTop(repo, base, { 'schema/package-4.0.schema.json': requiring('website'), 'schema/repository.schema.json': formatVersions('1.0', '1.1') });
  assert.deepEqual(at(report, CODE), []);
  assert.deepEqual(breakingCodes(report), []);
});

test('format-version: a lower or equal formatVersion does not count as raised', async (t) => {
  const { repo, base } = await withSchemas(t);
  const report = await commitTop(repo, base, { 'schema/package-4.0.schema.json': requiring('website'), 'schema/repository.schema.json': formatVersions('0.9', '1.0') });
  assert.deepEqual(at(report, CODE).map(([f]) => f), [`${SCHEMA}/package-4.0.schema.json`]);
});

test('format-version: a change to index.schema.json changes the index format: an error on that file', async (t) => {
  const { repo, base } = await withSchemas(t);
  const s = schemaOf('index.schema.json');
  const report = await commitTop(repo, base, { 'schema/index.schema.json': text({ ...s, required: [...(s.required as string[]), 'generatedBy'] }) });
  assert.deepEqual(at(report, CODE), [[`${SCHEMA}/index.schema.json`, '']]);
  const raised = await commitTop(repo, base, { 'schema/repository.schema.json': formatVersions('1.0', '2.0') });
  assert.deepEqual(at(raised, CODE), []);
});

test('format-version: compatible schema changes (an optional member, prose, reformatting) are fine', async (t) => {
  const { repo, base } = await withSchemas(t);
  const s = schemaOf('package-4.0.schema.json') as Json & { properties: Json };
  const report = await commitTop(repo, base, {
    'schema/package-4.0.schema.json': JSON.stringify({ ...s, description: 'Reworded.', properties: { ...s.properties, homepage: { type: 'string' } } }),
    'schema/resource-3.0.schema.json': JSON.stringify(schemaOf('resource-3.0.schema.json')), // reformatted only
  });
  assert.deepEqual(at(report, CODE), []);
});

test('format-version: a removed schema is an error on repository.schema.json; a new one is fine', async (t) => {
  const { repo, base } = await withSchemas(t);
  const report = await commitTop(repo, base, { 'schema/resource-3.0.schema.json': undefined, 'schema/extra.schema.json': text({ type: 'object' }) });
  assert.deepEqual(at(report, CODE), [[`${SCHEMA}/repository.schema.json`, '']]);
});

test('format-version: found in the working tree and in the staged changes', async (t) => {
  const { repo, base } = await withSchemas(t);
  repo.writeTop({ 'schema/package-4.0.schema.json': requiring('website') });
  assert.deepEqual(at(await repo.check({ base }), CODE).map(([f]) => f), [`${SCHEMA}/package-4.0.schema.json`]);
  assert.deepEqual(at(await repo.check({ staged: true }), CODE), []);
  await repo.stageAll();
  assert.deepEqual(at(await repo.check({ staged: true }), CODE).map(([f]) => f), [`${SCHEMA}/package-4.0.schema.json`]);
});

test('format-version: a universe edit alongside the schema change is checked too', async (t) => {
  const { repo, base } = await withSchemas(t);
  repo.writeTop({ 'schema/package-4.0.schema.json': requiring('website') });
  const report = await commitCheck(repo, base, widget(1));
  assert.deepEqual(breakingCodes(report), [CODE]);
  assert.deepEqual(report.changes.packages.map((p) => p.name), ['widget']);
});

test('format-version: requiring a member that has a default still rejects packages without it', async (t) => {
  const { repo, base } = await withSchemas(t);
  const report = await commitTop(repo, base, { 'schema/package-4.0.schema.json': requiring('selected') });
  assert.equal(at(report, CODE).length, 1);
});

test('format-version: prose-only edits of index.schema.json do not change the index format', async (t) => {
  const { repo, base } = await withSchemas(t);
  const report = await commitTop(repo, base, { 'schema/index.schema.json': text({ ...schemaOf('index.schema.json'), description: 'Reworded.' }) });
  assert.deepEqual(at(report, CODE), []);
});
