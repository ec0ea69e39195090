/**
 * validateUnder reads only the packages under a path (and those they depend on), yet must say
 * exactly what a validation of the whole universe says about the files under that path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { validateUnder } from '../../scripts/lib/ops/validate-under.js';
import type { Diagnostic } from '../../scripts/lib/diagnostics/types.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import type { Snapshot } from '../../scripts/lib/snapshot/types.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { DCOS_CORPUS_DIR, PROJECT_ROOT, hasDcosCorpus } from '../helpers/paths.js';
import { revisionFiles } from '../helpers/repo.js';

/** Whether a repository-relative path is `under` or inside it (`''` holds everything). */
const isUnder = (file: string, under: string): boolean => under === '' || file === under || file.startsWith(under + '/');
const show = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.pointer} ${d.message}`);

/** Compares validateUnder with the full validation, narrowed, for each path. */
async function assertSameAsFull(snapshot: Snapshot, paths: (all: string[]) => string[]): Promise<number> {
  const full = await validateSnapshot(snapshot);
  const dirs: string[] = [];
  for (const p of full.catalog.packages) {
    dirs.push(p.dir, `packages/${p.letter}`);
    for (const r of p.revisions) dirs.push(r.dir, ...Object.values(r.files).map((f) => f!.path));
  }
  const chosen = paths([...new Set(dirs)].sort());
  for (const under of chosen) {
    const part = await validateUnder(snapshot, under);
    assert.deepEqual(show(part.diagnostics), show(full.diagnostics.filter((d) => isUnder(d.file, under))), under);
  }
  return chosen.length;
}

const dep = (name: string, deps: Record<string, string>, files: Record<string, MemoryFile | undefined> = {}) =>
  revisionFiles(name, 0, { packageJson: { packagingVersion: '6.0', version: '1.0.0', dependencies: deps }, files });

test('validate-under: the same diagnostics as the whole universe, narrowed, on dependencies, cycles and broken files', async () => {
  const files: Record<string, MemoryFile> = {
    ...dep('app', { base: '^1.0.0', ghost: '^1.0.0' }),
    ...dep('base', { app: '^1.0.0' }),
    ...dep('lonely', { base: '^2.0.0' }, { 'config.json': '{"type": "object", "properties": {"a": {"type": "integer", "default": "x"}}}' }),
    ...revisionFiles('widget', 0),
    ...revisionFiles('widget', 1, { files: { 'marathon.json.mustache': '{"id": "{{service.name}}" "cmd": "x"}', 'notes.txt': 'stray' } }),
    'packages/W/README': 'stray in a letter',
    'packages/w/lower/0/package.json': '{}',
  };
  const n = await assertSameAsFull(new MemorySnapshot(files), (all) => all);
  assert.ok(n > 20, `${n} paths`);
});

test('validate-under: the same on the sample universe, every package, revision and file', async () => {
  await assertSameAsFull(new WorktreeSnapshot(path.join(PROJECT_ROOT, 'repo')), (all) => all);
});

test('validate-under: the same on the DC/OS Universe, one package in ten', { skip: hasDcosCorpus() ? false : 'no DC/OS corpus' }, async () => {
  const snapshot = new WorktreeSnapshot(path.join(DCOS_CORPUS_DIR, 'repo'));
  await assertSameAsFull(snapshot, (all) => all.filter((p) => p.split('/').length === 3).filter((_, i) => i % 10 === 0));
});

test('validate-under: one package is read alone (with what it depends on), and the summary counts what is under the path', async () => {
  const files = { ...dep('app', { base: '^1.0.0' }), ...dep('base', {}), ...revisionFiles('widget', 0), ...revisionFiles('widget', 1) };
  const r = await validateUnder(new MemorySnapshot(files), 'packages/A/app');
  assert.deepEqual(r.catalog.packages.map((p) => p.name), ['app', 'base']);
  assert.deepEqual(show(r.diagnostics), []);
  assert.deepEqual([r.summary.packages, r.summary.revisions, r.summary.files], [1, 1, 4]);
  const rev = await validateUnder(new MemorySnapshot(files), 'packages/W/widget/1');
  assert.deepEqual([rev.summary.packages, rev.summary.revisions, rev.summary.files], [1, 1, 4]);
});
