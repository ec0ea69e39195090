/**
 * The template pool (template analysis on a worker thread) must never change what validation
 * says: the same diagnostics, in the same order, and the same renders for the build, with the
 * pool forced on (UNIVERSE_THREADS=1: a worker from the first package) and with it off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { TemplatePool } from '../../scripts/lib/ops/parallel/template-pool.js';
import { readSettings, validateSnapshot, type ValidationResult } from '../../scripts/lib/ops/validate.js';
import { Analysis } from '../../scripts/lib/rules/analysis.js';
import { RULES } from '../../scripts/lib/rules/registry.js';
import { runRules } from '../../scripts/lib/rules/run.js';
import { renderWithDefaults } from '../../scripts/lib/index/spec-render.js';
import { templateFacts } from '../../scripts/lib/rules/shared/template-analysis.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import type { Snapshot } from '../../scripts/lib/snapshot/types.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { CORPUS_DIR, NO_CORPUS, hasCorpus } from '../helpers/paths.js';
import { revisionFiles } from '../helpers/repo.js';

function validateWith(threads: 'off' | 'force', snapshot: Snapshot, keepRenders = false): Promise<ValidationResult> {
  return validateSnapshot(snapshot, undefined, { keepRenders, threads });
}

/** What a build takes from validation for every revision: spec.json's renders. */
function renders(v: ValidationResult): unknown[] {
  const ctx = { catalog: v.catalog, settings: v.settings, analysis: v.analysis };
  return v.catalog.packages.flatMap((p) => p.revisions.map((r) => ({ dir: r.dir, ...renderWithDefaults(r, ctx) })));
}

const json = (v: unknown): string => JSON.stringify(v, null, 2);
const W = 'packages/W/widget';
const CONFIG = { type: 'object', properties: { service: { type: 'object', properties: { name: { type: 'string', default: 'widget' } } } } };

/** Revisions whose config.json, resource.json or templates are broken in every way the analysis distinguishes. */
function brokenUniverse(): Record<string, MemoryFile> {
  const files: Record<string, MemoryFile> = { 'repository.json': json({ formatVersion: '1.0', name: 'pool-test' }) };
  const variants: Array<Record<string, MemoryFile | undefined>> = [
    {},
    { 'config.json': '{"type": "object",' },
    { 'config.json': '[1, 2]' },
    { 'config.json': '\ufeff' + json(CONFIG) },
    { 'config.json': Buffer.from([0x7b, 0xff, 0x7d]) },
    { 'config.json': '['.repeat(3000) + ']'.repeat(3000) },
    { 'config.json': json({ type: 'object', properties: { a: { type: 'strnig', default: 'x' } } }) },
    { 'config.json': json({ type: 'object', properties: { a: { type: 'integer', default: 'x' } } }) },
    { 'config.json': json({ type: 'object', properties: { a: { type: 'string', pattern: '(' } } }) },
    { 'config.json': json({ type: 'object', properties: { service: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } }) },
    { 'config.json': json({ type: 'object', __proto__: { polluted: true }, properties: {} }).replace('"properties"', '"__proto__": {"x": 1}, "properties"') },
    { 'config.json': undefined },
    { 'resource.json': '{"assets": ' },
    { 'resource.json': json({ assets: { uris: { jar: 'https://example.com/w.jar' } } }), 'marathon.json.mustache': '{"id": "{{service.name}}", "uris": ["{{resource.assets.uris.jar}}"], "cmd": "x"}' },
    { 'marathon.json.mustache': '{"id": "{{service.name}"}' },
    { 'marathon.json.mustache': '{"id": "{{#service}}{{name}}"}' },
    { 'marathon.json.mustache': '{"id": "{{> partial}}"}' },
    { 'marathon.json.mustache': '{"id": "{{servce.name}}", "cmd": "x"}' },
    { 'marathon.json.mustache': '["{{service.name}}"]' },
    { 'marathon.json.mustache': '{"id": {{service.name}}}' },
    { 'marathon.json.mustache': Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) },
    { 'marathon.json.mustache': '{"id": "{{#service}}{{#x}}{{/x}}{{/service}}"}' },
    { 'marathon.json.mustache': undefined, 'job.aurora.mustache': 'jobs = [Job(name="{{service.name}}")]\n' },
    { 'job.aurora.mustache': 'jobs = [Job(name="{{service.nam}}")]\n' },
  ];
  // One package per variant (two revisions each), so the worker and the main thread share them out.
  variants.forEach((override, i) => {
    for (const r of [0, 1]) {
      const rev = revisionFiles(`widget-${i}`, r, { files: override });
      for (const [k, v] of Object.entries(rev)) files[k] = v;
    }
  });
  return files;
}

test('the worker analyses every package it is handed, exactly as the main thread would', async () => {
  const files = brokenUniverse();
  const off = await validateWith('off', new MemorySnapshot(files));
  {
    const snapshot = new MemorySnapshot(files);
    const { settings, file } = await readSettings(snapshot);
    const pool = TemplatePool.start(settings.limits, settings, false, 'force');
    assert.ok(pool);
    const catalog = await loadCatalog(snapshot, settings.limits, file, pool);
    // Let the worker take everything before the main thread claims anything.
    const deadline = Date.now() + 30_000;
    while (pool.workerPosted() < catalog.packages.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const analysis = new Analysis(catalog, settings);
    const ctx = { catalog, settings, analysis };
    const stats = pool.finish(catalog, ctx);
    assert.equal(stats.error, undefined);
    assert.equal(stats.mainPackages, 0);
    assert.equal(stats.workerPackages, catalog.packages.length);
    assert.equal(stats.rejected, 0);
    assert.equal(stats.adopted, catalog.packages.reduce((n, p) => n + p.revisions.length, 0));
    const diagnostics = await runRules(catalog, settings, RULES, {}, analysis);
    assert.deepEqual(diagnostics, off.diagnostics);
  }
});

test('the template pool gives the same diagnostics and renders as one thread on malformed revisions', async () => {
  const files = brokenUniverse();
  const off = await validateWith('off', new MemorySnapshot(files), true);
  const on = await validateWith('force', new MemorySnapshot(files), true);
  assert.equal(off.threads, undefined);
  assert.ok(on.threads, 'the pool ran');
  assert.equal(on.threads.error, undefined);
  assert.equal(on.threads.rejected, 0);
  assert.ok(on.threads.posted > 0);
  assert.deepEqual(on.diagnostics, off.diagnostics);
  assert.ok(off.diagnostics.length >= 15, `the universe is broken in many ways (${off.diagnostics.length} diagnostics)`);
  assert.deepEqual(renders(on), renders(off));
  // Every revision's template facts, adopted or computed here, equal the single-thread ones.
  const ctx = (v: ValidationResult) => ({ catalog: v.catalog, settings: v.settings, analysis: v.analysis });
  for (const [i, pkg] of on.catalog.packages.entries()) {
    for (const [j, rev] of pkg.revisions.entries()) {
      const other = off.catalog.packages[i]!.revisions[j]!;
      for (const file of ['marathon.json.mustache', 'job.aurora.mustache'] as const) {
        assert.deepEqual(templateFacts(rev, ctx(on), file), templateFacts(other, ctx(off), file), `${rev.dir} ${file}`);
      }
    }
  }
});

test('the template pool gives the same diagnostics and renders on the DC/OS sample', { skip: hasCorpus() ? false : NO_CORPUS }, async () => {
  const dir = path.join(CORPUS_DIR, 'universe-sample');
  const off = await validateWith('off', new WorktreeSnapshot(dir), true);
  const on = await validateWith('force', new WorktreeSnapshot(dir), true);
  assert.ok(on.threads);
  assert.equal(on.threads.error, undefined);
  assert.equal(on.threads.rejected, 0);
  assert.equal(on.threads.posted, on.summary.packages);
  assert.ok(on.threads.adopted > 0, 'the worker analysed some revisions');
  assert.deepEqual(on.diagnostics, off.diagnostics);
  assert.deepEqual(renders(on), renders(off));
});

test('threads: off validates on one thread', async () => {
  const v = await validateWith('off', new MemorySnapshot(brokenUniverse()));
  assert.equal(v.threads, undefined);
});
