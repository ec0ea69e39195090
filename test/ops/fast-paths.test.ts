/**
 * The fast paths (fast-parse.ts, fast-validate.ts, draft04-check.ts) must never change what
 * validation says: the same diagnostics, in the same order, and the same renders for the build,
 * with each of them on and off (off is what the benchmark measures them against).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FAST_PATHS, setFastPaths, type FastPaths } from '../../scripts/lib/ops/fast-paths.js';
import { validateSnapshot, type ValidationResult } from '../../scripts/lib/ops/validate.js';
import { renderWithDefaults } from '../../scripts/lib/index/spec-render.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import type { Snapshot } from '../../scripts/lib/snapshot/types.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { CORPUS_DIR, NO_CORPUS, hasCorpus } from '../helpers/paths.js';
import { revisionFiles } from '../helpers/repo.js';

const ALL_ON: FastPaths = { 'fast-parse': true, 'fast-validate': true, 'draft04-check': true };

async function validateWith(paths: Partial<FastPaths>, snapshot: () => Snapshot): Promise<ValidationResult> {
  setFastPaths({ ...ALL_ON, ...paths });
  try {
    return await validateSnapshot(snapshot(), undefined, { keepRenders: true });
  } finally {
    setFastPaths(ALL_ON);
  }
}

/** What a build takes from validation for every revision: spec.json's renders. */
function renders(v: ValidationResult): unknown[] {
  const ctx = { catalog: v.catalog, settings: v.settings, analysis: v.analysis };
  return v.catalog.packages.flatMap((p) => p.revisions.map((r) => ({ dir: r.dir, ...renderWithDefaults(r, ctx) })));
}

/** Each fast path off alone, then all of them off. */
const VARIANTS: Array<[string, Partial<FastPaths>]> = [
  ...FAST_PATHS.map((name): [string, Partial<FastPaths>] => [name, { [name]: false }]),
  ['all', { 'fast-parse': false, 'fast-validate': false, 'draft04-check': false }],
];

async function assertSame(snapshot: () => Snapshot, minDiagnostics: number): Promise<void> {
  const on = await validateWith({}, snapshot);
  assert.ok(on.diagnostics.length >= minDiagnostics, `${on.diagnostics.length} diagnostics`);
  for (const [name, paths] of VARIANTS) {
    const off = await validateWith(paths, snapshot);
    assert.deepEqual(off.diagnostics, on.diagnostics, `${name} off`);
    assert.deepEqual(renders(off), renders(on), `${name} off`);
  }
}

const json = (v: unknown): string => JSON.stringify(v, null, 2);
const CONFIG = { type: 'object', properties: { service: { type: 'object', properties: { name: { type: 'string', default: 'widget' } } } } };

/** Revisions whose config.json, resource.json or templates are broken in every way the analysis distinguishes. */
function brokenUniverse(): Record<string, MemoryFile> {
  const files: Record<string, MemoryFile> = { 'repository.json': json({ formatVersion: '1.0', name: 'fast-paths-test' }) };
  const variants: Array<Record<string, MemoryFile | undefined>> = [
    {},
    { 'config.json': '{"type": "object",' },
    { 'config.json': '[1, 2]' },
    { 'config.json': '\ufeff' + json(CONFIG) },
    { 'config.json': '['.repeat(3000) + ']'.repeat(3000) },
    { 'config.json': json({ type: 'object', properties: { a: { type: 'strnig', default: 'x' } } }) },
    { 'config.json': json({ type: 'object', properties: { a: { type: 'integer', default: 'x' } } }) },
    { 'config.json': json({ type: 'object', properties: { a: { type: 'string', pattern: '(' } } }) },
    { 'config.json': json({ type: 'object', properties: { a: { type: 'string', enum: [{ x: 1 }, { x: 1 }], default: 'b' } } }) },
    { 'config.json': json({ type: 'object', properties: { a: { type: 'string', format: 'uri', default: 'not a uri' }, b: { type: 'integer', minimum: 3, exclusiveMinimum: true, default: 3 } } }) },
    { 'config.json': json({ type: 'object', properties: { service: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } }) },
    { 'config.json': json({ type: 'object', properties: { a: { $ref: '#/definitions/x' } }, definitions: { x: { type: 'string', default: 5 } } }) },
    { 'resource.json': '{"assets": ' },
    { 'marathon.json.mustache': '{"id": "{{service.name}"}' },
    { 'marathon.json.mustache': '{"id": "{{#service}}{{name}}"}' },
    { 'marathon.json.mustache': '{"id": "{{> partial}}"}' },
    { 'marathon.json.mustache': '{"id": "{{servce.name}}", "cmd": "x"}' },
    { 'marathon.json.mustache': '{{=<% %>=}}{"id": "<% service.name %>"}' },
    { 'marathon.json.mustache': '{\n  {{#service}}\n  "id": "{{{name}}}",\n  {{/service}}\n  {{! a comment }}\n  "cmd": "x"\n}\n' },
    { 'marathon.json.mustache': '{"id": {{service.name}}}' },
    { 'marathon.json.mustache': undefined, 'job.aurora.mustache': 'jobs = [Job(name="{{service.name}}")]\n' },
  ];
  variants.forEach((override, i) => {
    for (const [k, v] of Object.entries(revisionFiles(`widget-${i}`, 0, { files: override }))) files[k] = v;
  });
  return files;
}

test('fast paths on or off: the same diagnostics and renders on malformed revisions', async () => {
  const files = brokenUniverse();
  await assertSame(() => new MemorySnapshot(files), 15);
});

test('fast paths on or off: the same diagnostics and renders on the DC/OS sample', { skip: hasCorpus() ? false : NO_CORPUS }, async () => {
  await assertSame(() => new WorktreeSnapshot(path.join(CORPUS_DIR, 'universe-sample')), 1);
});
