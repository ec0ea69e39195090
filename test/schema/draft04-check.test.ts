import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DRAFT04_KEYWORDS, isCleanDraft04 } from '../../scripts/lib/schema/draft04-check.js';
import { invalidRegexIssues } from '../../scripts/lib/schema/config-regex.js';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { MemorySnapshot } from '../../scripts/lib/snapshot/memory.js';
import { revisionFiles } from '../helpers/repo.js';
// The generated validator itself, not validators.ts (which asks the fast check first): it is
// the reference the fast check must agree with.
import * as generated from '../../scripts/lib/schema/validators.generated.js';
import { CORPUS_DIR, hasCorpus, NO_CORPUS, PROJECT_ROOT } from '../helpers/paths.js';
import { random } from '../helpers/random.js';

const configMeta = (generated as unknown as { configMeta: (v: unknown) => boolean }).configMeta;

/** What the slow way finds nothing in: the meta-schema accepts it and every regex compiles. */
const slowClean = (v: unknown): boolean => configMeta(v) && invalidRegexIssues(v).length === 0;

/** Values of every JSON type, valid for some keywords and not for others. */
const SCALARS: unknown[] = [true, false, 0, -0, -1, 1, 2.5, 1e300, '', 'x', 'string', 'strin', 'null', '[', '^a$', '\\_', null];
const LISTS: unknown[] = [[], ['a'], ['a', 'a'], ['a', 'b'], ['string', 'null'], ['string', 'string'], ['integer', 'text'], [1, 1], [1, '1'], [0, -0], [{}, {}], [{ a: 1 }, { a: 1 }], [{ a: 1 }, { a: 2 }], [[1], [1]], [null, null]];
const OTHER_KEYS = ['media', 'x-extension', '$ref', 'constructor', 'required '];

function schema(rnd: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const key = rnd() < 0.9 ? DRAFT04_KEYWORDS[Math.floor(rnd() * DRAFT04_KEYWORDS.length)]! : OTHER_KEYS[Math.floor(rnd() * OTHER_KEYS.length)]!;
    out[key] = value(rnd, depth + 1);
  }
  return out;
}

function value(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth > 4 || r < 0.35) return SCALARS[Math.floor(rnd() * SCALARS.length)];
  if (r < 0.55) return LISTS[Math.floor(rnd() * LISTS.length)];
  if (r < 0.75) return schema(rnd, depth);
  if (r < 0.85) return Array.from({ length: Math.floor(rnd() * 3) }, () => schema(rnd, depth));
  // A map of names to schemas, string lists or anything else.
  const map: Record<string, unknown> = {};
  const names = ['a', 'b', '^x-', '(', 'a/b'];
  for (let i = Math.floor(rnd() * 3); i > 0; i--) map[names[Math.floor(rnd() * names.length)]!] = rnd() < 0.7 ? schema(rnd, depth) : value(rnd, depth + 1);
  return map;
}

test('draft04-check knows exactly the keywords of the draft-04 meta-schema', () => {
  const meta = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'schema/config-draft04-meta.schema.json'), 'utf8')) as { properties: object; dependencies: object };
  assert.deepEqual([...DRAFT04_KEYWORDS].sort(), Object.keys(meta.properties).sort());
  assert.deepEqual(meta.dependencies, { exclusiveMaximum: ['maximum'], exclusiveMinimum: ['minimum'] });
});

test('draft04-check never calls clean a random schema the meta-schema or the regex check rejects', () => {
  const rnd = random(42);
  let clean = 0;
  let agreed = 0;
  for (let i = 0; i < 30000; i++) {
    const s = { type: 'object', properties: { opt: schema(rnd, 0) } };
    const fast = isCleanDraft04(s);
    const slow = slowClean(s);
    if (fast) assert.ok(slow, JSON.stringify(s));
    if (fast) clean++;
    if (fast === slow) agreed++;
  }
  assert.ok(clean > 3000, `the fast path is taken (${clean} clean)`);
  // Only enums of objects or arrays are left to the slow way without need.
  assert.ok(agreed > 29000, `agreement ${agreed}`);
});

test('draft04-check: boundaries of each keyword', () => {
  const cases: Array<[unknown, boolean]> = [
    [{}, true],
    [[], false],
    [{ multipleOf: 0 }, false],
    [{ multipleOf: 0.5 }, true],
    [{ minLength: -1 }, false],
    [{ minLength: 1.5 }, false],
    [{ minLength: -0 }, true],
    [{ exclusiveMinimum: true }, false],
    [{ exclusiveMinimum: true, minimum: 1 }, true],
    [{ exclusiveMaximum: 1, maximum: 1 }, false],
    [{ items: [] }, false],
    [{ items: [{}] }, true],
    [{ items: true }, false],
    [{ additionalItems: false, additionalProperties: { type: 'string' } }, true],
    [{ required: [] }, false],
    [{ required: ['a', 'a'] }, false],
    [{ enum: [1, '1', null, true] }, true],
    [{ enum: [0, -0] }, false],
    [{ enum: [] }, false],
    [{ type: ['string', 'string'] }, false],
    [{ type: [] }, false],
    [{ dependencies: { a: ['b'], c: { type: 'string' } } }, true],
    [{ dependencies: { a: [] } }, false],
    [{ patternProperties: { '^x-': {} } }, true],
    [{ patternProperties: { '(': {} } }, false],
    [{ pattern: '\\_' }, false],
    [{ not: { type: 'strin' } }, false],
    [{ allOf: [{ anyOf: [{ oneOf: [{ properties: { a: { definitions: { b: { type: 'nul' } } } } }] }] }] }, false],
    [{ media: { type: 'nonsense' } }, true],
  ];
  for (const [s, expected] of cases) {
    assert.equal(slowClean(s), expected, `reference: ${JSON.stringify(s)}`);
    assert.equal(isCleanDraft04(s), expected, JSON.stringify(s));
  }
});

test('draft04-check: deep nesting does not exhaust the stack', () => {
  let s: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < 100000; i++) s = { properties: { a: s } };
  assert.equal(isCleanDraft04(s), true);
});

test('draft04-check agrees with the slow way on every config.json of the corpus', (t) => {
  if (!hasCorpus()) return t.skip(NO_CORPUS);
  const root = path.join(CORPUS_DIR, 'universe-sample', 'packages');
  let n = 0;
  for (const letter of fs.readdirSync(root)) {
    for (const name of fs.readdirSync(path.join(root, letter))) {
      for (const rev of fs.readdirSync(path.join(root, letter, name))) {
        const file = path.join(root, letter, name, rev, 'config.json');
        if (!fs.existsSync(file)) continue;
        const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
        assert.equal(isCleanDraft04(value), slowClean(value), file);
        n++;
      }
    }
  }
  assert.ok(n > 100);
});

// Kept for this as much as for speed: the generated meta-schema validator recurses once per
// subschema and overflows the stack on a config.json nested about as deep as a repository may
// allow (maxJsonDepth up to 1000), where this check, iterative, clears a clean one.
test('draft04-check: a clean config.json nested as deep as maxJsonDepth allows validates without an internal error', async () => {
  let deep: Record<string, unknown> = { type: 'string', default: 'x' };
  for (let i = 0; i < 497; i++) deep = { type: 'object', properties: { a: deep } };
  const config = JSON.stringify({ type: 'object', properties: { service: { type: 'object', properties: { name: { type: 'string', default: 'deep' } } }, deep } });
  const files = {
    'repository.json': JSON.stringify({ formatVersion: '1.0', name: 'deep', limits: { maxJsonDepth: 1000 } }),
    ...revisionFiles('deep', 0, { files: { 'config.json': config } }),
  };
  const v = await validateSnapshot(new MemorySnapshot(files));
  assert.deepEqual(v.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`), []);
});
