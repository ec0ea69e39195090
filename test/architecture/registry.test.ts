import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../scripts/lib/rules/registry.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

const RULES_DIR = path.join(PROJECT_ROOT, 'scripts/lib/rules');
const NOT_RULES = new Set(['types.ts', 'analysis.ts', 'run.ts', 'registry.ts', 'util.ts']);

test('every rule file is in the registry, and the registry holds nothing else', () => {
  const files = fs
    .readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f))
    .map((f) => f.slice(0, -3))
    .sort();
  const ids = RULES.map((r) => r.id).sort();
  assert.deepEqual(ids, files);
});

test('rule ids are unique kebab-case and every rule is described', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
  for (const r of RULES) {
    assert.match(r.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, r.id);
    assert.ok(r.description.length > 10 && !r.description.includes('\n'), `${r.id}: one-line description`);
    assert.ok(['error', 'warning', 'info'].includes(r.severity), r.id);
  }
});

test('every rule has its own test file', () => {
  const missing = RULES.map((r) => r.id).filter((id) => !fs.existsSync(path.join(PROJECT_ROOT, 'test/rules', `${id}.test.ts`)));
  assert.deepEqual(missing, []);
});

const BREAKING_DIR = path.join(RULES_DIR, 'breaking');
const NOT_CHANGE_RULES = new Set(['context.ts', 'registry.ts', 'run.ts', 'shared.ts', 'upgrades.ts']);

test('every breaking-change rule file is in CHANGE_RULES under breaking/<file name>, and nothing else is', async () => {
  const { CHANGE_RULES } = await import('../../scripts/lib/rules/breaking/registry.js');
  const files = fs
    .readdirSync(BREAKING_DIR)
    .filter((f) => f.endsWith('.ts') && !NOT_CHANGE_RULES.has(f))
    .map((f) => `breaking/${f.slice(0, -3)}`)
    .sort();
  assert.deepEqual(CHANGE_RULES.map((r) => r.id).sort(), files);
  for (const r of CHANGE_RULES) {
    assert.equal(r.scope, 'change');
    assert.ok(r.description.length > 10 && !r.description.includes('\n'), `${r.id}: one-line description`);
    assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'test/rules', `${r.id}.test.ts`)), `${r.id} has no test file`);
  }
  const all = [...RULES, ...CHANGE_RULES].map((r) => r.id);
  assert.equal(new Set(all).size, all.length, 'duplicate rule id');
});
