import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoryUnknown } from '../../scripts/lib/rules/category-unknown.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const P = 'packages/W/widget/0/package.json';
const settings = { formatVersion: '1.0', name: 'test', categories: [{ id: 'tools', title: 'Tools' }, { id: 'data', title: 'Data' }] };
const widget = (categories: unknown, pv = '6.0') => revisionFiles('widget', 0, { packageJson: { packagingVersion: pv, categories } });

const cases: Array<{ name: string; categories: unknown; pv?: string; settings?: Record<string, unknown>; expected: Array<[string, string, string]> }> = [
  { name: 'declared categories', categories: ['tools', 'data'], expected: [] },
  { name: 'one unknown category', categories: ['tools', 'toolz'], expected: [['category-unknown', P, '/categories/1']] },
  { name: 'no categories declared at all', categories: ['tools'], settings: { formatVersion: '1.0', name: 'test' }, expected: [['category-unknown', P, '/categories/0']] },
  { name: 'case matters', categories: ['Tools'], expected: [['category-unknown', P, '/categories/0']] },
  { name: 'prototype names are not declared', categories: ['constructor', 'toString'], expected: [['category-unknown', P, '/categories/0'], ['category-unknown', P, '/categories/1']] },
  { name: 'legacy packaging version is left to the schema', categories: ['toolz'], pv: '5.0', expected: [] },
  { name: 'non-strings are left to the schema', categories: [1], expected: [] },
];

for (const c of cases) {
  test(`category-unknown: ${c.name}`, async () => {
    const diags = await check(widget(c.categories, c.pv), [categoryUnknown], c.settings ?? settings);
    assert.deepEqual(triples(diags), c.expected);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}

test('category-unknown: silent when repository.json could not be used (its own rules say why)', async () => {
  const broken = { ...widget(['tools']), 'repository.json': '{"name": "x"' };
  assert.deepEqual(triples(await check(broken, [categoryUnknown])), []);
  // Declared categories but invalid settings: the defaults (no categories) are in effect.
  const invalid = { ...widget(['tools']), 'repository.json': JSON.stringify({ ...settings, colour: 'blue' }) };
  assert.deepEqual(triples(await check(invalid, [categoryUnknown])), []);
});

test('category-unknown: a usable repository.json is checked against', async () => {
  const files = { ...widget(['toolz']), 'repository.json': JSON.stringify(settings) };
  assert.deepEqual(triples(await check(files, [categoryUnknown], settings)), [['category-unknown', P, '/categories/0']]);
});
