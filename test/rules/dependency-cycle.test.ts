import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyCycle } from '../../scripts/lib/rules/dependency-cycle.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

/** A 6.0 revision of `name` with these dependencies (version 1.0.<n>). */
const pkg = (name: string, deps: Record<string, string> = {}, n = 0): Record<string, MemoryFile> =>
  revisionFiles(name, n, { packageJson: { packagingVersion: '6.0', dependencies: deps } });
const P = (name: string, n = 0): string => `packages/${name[0]!.toUpperCase()}/${name}/${n}/package.json`;

test('dependency-cycle: a chain is no cycle', async () => {
  const files = { ...pkg('alpha', { beta: '*' }), ...pkg('beta', { gamma: '*' }), ...pkg('gamma') };
  assert.deepEqual(triples(await check(files, [dependencyCycle])), []);
});

test('dependency-cycle: a diamond is no cycle', async () => {
  const files = { ...pkg('alpha', { beta: '*', gamma: '*' }), ...pkg('beta', { delta: '*' }), ...pkg('gamma', { delta: '*' }), ...pkg('delta') };
  assert.deepEqual(triples(await check(files, [dependencyCycle])), []);
});

test('dependency-cycle: two packages, reported from the smallest name', async () => {
  const files = { ...pkg('widget', { gadget: '^2.0.0' }), ...pkg('gadget', { widget: '^1.0.0' }) };
  const diags = await check(files, [dependencyCycle]);
  assert.deepEqual(triples(diags), [['dependency-cycle', P('gadget'), '/dependencies/widget']]);
  assert.deepEqual(diags[0]!.data, { cycle: ['gadget', 'widget', 'gadget'] });
  assert.deepEqual(diags[0]!.related?.map((r) => [r.file, r.pointer]), [[P('widget'), '/dependencies/gadget']]);
  assert.equal(diags[0]!.severity, 'error');
});

test('dependency-cycle: a package depending on itself', async () => {
  const diags = await check(pkg('widget', { widget: '*' }), [dependencyCycle]);
  assert.deepEqual(triples(diags), [['dependency-cycle', P('widget'), '/dependencies/widget']]);
  assert.deepEqual(diags[0]!.data, { cycle: ['widget', 'widget'] });
});

test('dependency-cycle: every elementary cycle once, in a deterministic order', async () => {
  // alpha → beta → gamma → alpha and alpha → gamma → alpha, plus delta ↔ epsilon.
  const files = {
    ...pkg('gamma', { alpha: '*' }),
    ...pkg('beta', { gamma: '*' }),
    ...pkg('alpha', { gamma: '*', beta: '*' }),
    ...pkg('epsilon', { delta: '*' }),
    ...pkg('delta', { epsilon: '*' }),
  };
  const diags = await check(files, [dependencyCycle]);
  const cycles = diags.map((d) => (d.data as { cycle: string[] }).cycle.join(' '));
  assert.deepEqual(cycles.sort(), ['alpha beta gamma alpha', 'alpha gamma alpha', 'delta epsilon delta']);
});

test('dependency-cycle: only the latest revision of each package counts', async () => {
  const files = { ...pkg('widget', { gadget: '*' }, 0), ...pkg('widget', {}, 1), ...pkg('gadget', { widget: '*' }) };
  assert.deepEqual(triples(await check(files, [dependencyCycle])), []);
  const now = { ...pkg('widget', {}, 0), ...pkg('widget', { gadget: '*' }, 1), ...pkg('gadget', { widget: '*' }) };
  assert.deepEqual(triples(await check(now, [dependencyCycle])), [['dependency-cycle', P('gadget'), '/dependencies/widget']]);
});

test('dependency-cycle: unknown packages are no edges', async () => {
  assert.deepEqual(triples(await check(pkg('widget', { ghost: '*' }), [dependencyCycle])), []);
});

test('dependency-cycle: a dense graph finishes and caps the number of cycles', async () => {
  const names = Array.from({ length: 12 }, (_, i) => `pkg${String.fromCharCode(97 + i)}x`);
  let files: Record<string, MemoryFile> = {};
  for (const n of names) files = { ...files, ...pkg(n, Object.fromEntries(names.filter((m) => m !== n).map((m) => [m, '*']))) };
  const diags = await check(files, [dependencyCycle]);
  assert.equal(diags.length, 100);
});
