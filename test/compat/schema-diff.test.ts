import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffSchemas, type SchemaChange } from '../../scripts/lib/compat/schema-diff.js';
import { CORPUS_DIR, NO_CORPUS, hasCorpus } from '../helpers/paths.js';

type Row = [option: string, kind: string, impact: string, pointer: string, basePointer: string];
const rows = (changes: SchemaChange[]): Row[] => changes.map((c) => [c.option, c.kind, c.impact, c.pointer, c.basePointer]);
const diff = (a: unknown, b: unknown): Row[] => rows(diffSchemas(a, b));

/** A config.json with one option `x` (and whatever else the object schema holds). */
const one = (x: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'object', properties: { x }, ...extra });
const X = '/properties/x';

/** [name, old option schema, new option schema, expected rows] — each keyword both ways. */
const KEYWORDS: Array<[string, Record<string, unknown>, Record<string, unknown>, Row[]]> = [
  ['number to integer narrows', { type: 'number' }, { type: 'integer' }, [['x', 'type-narrowed', 'breaking', `${X}/type`, `${X}/type`]]],
  ['integer to number widens', { type: 'integer' }, { type: 'number' }, [['x', 'type-widened', 'compatible', `${X}/type`, `${X}/type`]]],
  ['string to integer changes', { type: 'string' }, { type: 'integer' }, [['x', 'type-changed', 'breaking', `${X}/type`, `${X}/type`]]],
  ['a type array losing a type narrows', { type: ['string', 'null'] }, { type: 'string' }, [['x', 'type-narrowed', 'breaking', `${X}/type`, `${X}/type`]]],
  ['a type array gaining a type widens', { type: 'string' }, { type: ['null', 'string'] }, [['x', 'type-widened', 'compatible', `${X}/type`, `${X}/type`]]],
  ['a new type narrows', {}, { type: 'string' }, [['x', 'type-narrowed', 'breaking', `${X}/type`, '']]],
  ['a dropped type widens', { type: 'string' }, {}, [['x', 'type-widened', 'compatible', X, `${X}/type`]]],
  ['a reordered type array is no change', { type: ['string', 'integer'] }, { type: ['integer', 'string'] }, []],
  ['integer beside number is no change', { type: ['integer', 'number'] }, { type: 'number' }, []],
  ['an enum value removed', { enum: ['a', 'b'] }, { enum: ['a'] }, [['x', 'enum-value-removed', 'breaking', `${X}/enum`, `${X}/enum`]]],
  ['enum values added', { enum: ['a'] }, { enum: ['a', 'b'] }, [['x', 'enum-values-added', 'compatible', `${X}/enum`, `${X}/enum`]]],
  ['both at once', { enum: ['a', 'b'] }, { enum: ['a', 'c'] }, [['x', 'enum-value-removed', 'breaking', `${X}/enum`, `${X}/enum`], ['x', 'enum-values-added', 'compatible', `${X}/enum`, `${X}/enum`]]],
  ['an enum added', { type: 'string' }, { type: 'string', enum: ['a'] }, [['x', 'enum-added', 'breaking', `${X}/enum`, '']]],
  ['an enum listing every boolean', { type: 'boolean' }, { type: 'boolean', enum: [true, false] }, [['x', 'enum-added', 'compatible', `${X}/enum`, '']]],
  ['an enum dropped', { enum: ['a'] }, {}, [['x', 'enum-removed', 'compatible', X, `${X}/enum`]]],
  ['a reordered enum of objects is no change', { enum: [{ a: 1, b: 2 }, 'x'] }, { enum: ['x', { b: 2, a: 1 }] }, []],
  ['minimum raised', { minimum: 1 }, { minimum: 2 }, [['x', 'minimum-raised', 'breaking', `${X}/minimum`, `${X}/minimum`]]],
  ['minimum lowered', { minimum: 2 }, { minimum: 1 }, [['x', 'minimum-lowered', 'compatible', `${X}/minimum`, `${X}/minimum`]]],
  ['minimum added', {}, { minimum: 0 }, [['x', 'minimum-raised', 'breaking', `${X}/minimum`, '']]],
  ['minimum dropped', { minimum: 0 }, {}, [['x', 'minimum-lowered', 'compatible', X, `${X}/minimum`]]],
  ['draft-04 exclusiveMinimum turned on', { minimum: 1 }, { minimum: 1, exclusiveMinimum: true }, [['x', 'minimum-raised', 'breaking', `${X}/exclusiveMinimum`, `${X}/minimum`]]],
  ['draft-04 exclusiveMinimum turned off', { minimum: 1, exclusiveMinimum: true }, { minimum: 1, exclusiveMinimum: false }, [['x', 'minimum-lowered', 'compatible', `${X}/exclusiveMinimum`, `${X}/exclusiveMinimum`]]],
  ['exclusive 1 to inclusive 2 is tighter', { minimum: 1, exclusiveMinimum: true }, { minimum: 2 }, [['x', 'minimum-raised', 'breaking', `${X}/minimum`, `${X}/minimum`]]],
  ['exclusiveMinimum false is no bound change', { minimum: 1 }, { minimum: 1, exclusiveMinimum: false }, []],
  ['maximum lowered', { maximum: 10 }, { maximum: 5 }, [['x', 'maximum-lowered', 'breaking', `${X}/maximum`, `${X}/maximum`]]],
  ['maximum raised', { maximum: 5 }, { maximum: 10 }, [['x', 'maximum-raised', 'compatible', `${X}/maximum`, `${X}/maximum`]]],
  ['draft-04 exclusiveMaximum turned on', { maximum: 5 }, { maximum: 5, exclusiveMaximum: true }, [['x', 'maximum-lowered', 'breaking', `${X}/exclusiveMaximum`, `${X}/maximum`]]],
  ['minLength raised', { minLength: 1 }, { minLength: 3 }, [['x', 'min-length-raised', 'breaking', `${X}/minLength`, `${X}/minLength`]]],
  ['minLength dropped', { minLength: 1 }, {}, [['x', 'min-length-lowered', 'compatible', X, `${X}/minLength`]]],
  ['maxLength lowered', { maxLength: 63 }, { maxLength: 32 }, [['x', 'max-length-lowered', 'breaking', `${X}/maxLength`, `${X}/maxLength`]]],
  ['maxLength added', {}, { maxLength: 32 }, [['x', 'max-length-lowered', 'breaking', `${X}/maxLength`, '']]],
  ['maxLength raised', { maxLength: 32 }, { maxLength: 63 }, [['x', 'max-length-raised', 'compatible', `${X}/maxLength`, `${X}/maxLength`]]],
  ['minItems raised', { minItems: 0 }, { minItems: 1 }, [['x', 'min-items-raised', 'breaking', `${X}/minItems`, `${X}/minItems`]]],
  ['minItems lowered', { minItems: 2 }, { minItems: 1 }, [['x', 'min-items-lowered', 'compatible', `${X}/minItems`, `${X}/minItems`]]],
  ['maxItems lowered', { maxItems: 3 }, { maxItems: 2 }, [['x', 'max-items-lowered', 'breaking', `${X}/maxItems`, `${X}/maxItems`]]],
  ['maxItems dropped', { maxItems: 3 }, {}, [['x', 'max-items-raised', 'compatible', X, `${X}/maxItems`]]],
  ['minProperties raised', {}, { minProperties: 1 }, [['x', 'min-properties-raised', 'breaking', `${X}/minProperties`, '']]],
  ['maxProperties raised', { maxProperties: 1 }, { maxProperties: 2 }, [['x', 'max-properties-raised', 'compatible', `${X}/maxProperties`, `${X}/maxProperties`]]],
  ['multipleOf added', {}, { multipleOf: 2 }, [['x', 'multiple-of-added', 'breaking', `${X}/multipleOf`, '']]],
  ['multipleOf dropped', { multipleOf: 2 }, {}, [['x', 'multiple-of-removed', 'compatible', X, `${X}/multipleOf`]]],
  ['multipleOf to a divisor', { multipleOf: 4 }, { multipleOf: 2 }, [['x', 'multiple-of-changed', 'compatible', `${X}/multipleOf`, `${X}/multipleOf`]]],
  ['multipleOf to a non-divisor', { multipleOf: 2 }, { multipleOf: 3 }, [['x', 'multiple-of-changed', 'breaking', `${X}/multipleOf`, `${X}/multipleOf`]]],
  ['pattern added', { type: 'string' }, { type: 'string', pattern: '^a' }, [['x', 'pattern-added', 'breaking', `${X}/pattern`, '']]],
  ['pattern changed', { pattern: '^a' }, { pattern: '^a|b' }, [['x', 'pattern-changed', 'breaking', `${X}/pattern`, `${X}/pattern`]]],
  ['pattern dropped', { pattern: '^a' }, {}, [['x', 'pattern-removed', 'compatible', X, `${X}/pattern`]]],
  ['format added', {}, { format: 'ipv4' }, [['x', 'format-added', 'breaking', `${X}/format`, '']]],
  ['format changed', { format: 'ipv4' }, { format: 'hostname' }, [['x', 'format-changed', 'breaking', `${X}/format`, `${X}/format`]]],
  ['format dropped', { format: 'ipv4' }, {}, [['x', 'format-removed', 'compatible', X, `${X}/format`]]],
  ['uniqueItems turned on', { uniqueItems: false }, { uniqueItems: true }, [['x', 'unique-items-added', 'breaking', `${X}/uniqueItems`, `${X}/uniqueItems`]]],
  ['uniqueItems dropped', { uniqueItems: true }, {}, [['x', 'unique-items-removed', 'compatible', X, `${X}/uniqueItems`]]],
  ['additionalProperties closed', { type: 'object' }, { type: 'object', additionalProperties: false }, [['x', 'additional-properties-closed', 'breaking', `${X}/additionalProperties`, '']]],
  ['additionalProperties true closed', { additionalProperties: true }, { additionalProperties: false }, [['x', 'additional-properties-closed', 'breaking', `${X}/additionalProperties`, `${X}/additionalProperties`]]],
  ['additionalProperties opened', { additionalProperties: false }, {}, [['x', 'additional-properties-opened', 'compatible', X, `${X}/additionalProperties`]]],
  ['additionalProperties given a schema', {}, { additionalProperties: { type: 'string' } }, [['x.*', 'type-narrowed', 'breaking', `${X}/additionalProperties/type`, '']]],
  ['additionalProperties true is {}', { additionalProperties: true }, { additionalProperties: {} }, []],
  ['default changed', { default: 1 }, { default: 2 }, [['x', 'default-changed', 'warning', `${X}/default`, `${X}/default`]]],
  ['default added', {}, { default: 2 }, [['x', 'default-added', 'compatible', `${X}/default`, '']]],
  ['default dropped', { default: 1 }, {}, [['x', 'default-removed', 'warning', X, `${X}/default`]]],
  ['an equal default object in another order', { default: { a: 1, b: [1, 2] } }, { default: { b: [1, 2], a: 1 } }, []],
  ['a default array reordered changes', { default: [1, 2] }, { default: [2, 1] }, [['x', 'default-changed', 'warning', `${X}/default`, `${X}/default`]]],
  ['oneOf changed', { oneOf: [{ type: 'string' }] }, { oneOf: [{ type: 'integer' }] }, [['x', 'unsupported-change', 'breaking', `${X}/oneOf`, `${X}/oneOf`]]],
  ['$ref added', {}, { $ref: '#/definitions/a' }, [['x', 'unsupported-change', 'breaking', `${X}/$ref`, '']]],
  ['dependencies dropped', { dependencies: { a: ['b'] } }, {}, [['x', 'unsupported-change', 'breaking', X, `${X}/dependencies`]]],
  ['prose inside oneOf is no change', { oneOf: [{ type: 'string', description: 'a' }] }, { oneOf: [{ description: 'b', type: 'string', title: 't' }] }, []],
  ['prose and unknown keywords are no change', { description: 'a', title: 'A', media: { type: 'x' } }, { description: 'b', extraProperties: false }, []],
];

for (const [name, before, after, expected] of KEYWORDS) {
  test(`schema-diff: ${name}`, () => {
    assert.deepEqual(diff(one(before), one(after)), expected);
  });
}

test('schema-diff: the options root is always an object', () => {
  assert.deepEqual(diff({ properties: {} }, { type: 'object', properties: {} }), []);
  assert.deepEqual(diff({ type: ['object', 'null'] }, { type: 'object' }), []);
  assert.deepEqual(diff({ type: 'object' }, { type: 'array' }), [['', 'type-changed', 'breaking', '/type', '/type']]);
});

test('schema-diff: options added and removed, at the root and nested', () => {
  const old = { type: 'object', properties: { a: { type: 'string' }, s: { type: 'object', properties: { b: { type: 'string' } } } } };
  const next = { type: 'object', properties: { c: { type: 'string' }, s: { type: 'object', properties: { d: { type: 'string' } }, additionalProperties: false } } };
  assert.deepEqual(diff(old, next), [
    ['a', 'property-removed', 'breaking', '/properties', '/properties/a'],
    ['c', 'property-added', 'compatible', '/properties/c', ''],
    ['s', 'additional-properties-closed', 'breaking', '/properties/s/additionalProperties', ''],
    ['s.b', 'property-removed', 'breaking', '/properties/s/properties', '/properties/s/properties/b'],
    ['s.d', 'property-added', 'compatible', '/properties/s/properties/d', ''],
  ]);
  // The message says whether a removed option now fails or is silently ignored.
  const messages = diffSchemas(old, next).filter((c) => c.kind === 'property-removed').map((c) => c.message);
  assert.match(messages[0]!, /silently ignored/);
  assert.match(messages[1]!, /stop validating/);
  // A removed parent is one change, not one per member.
  assert.deepEqual(diff(old, { type: 'object', properties: { a: { type: 'string' } } }), [['s', 'property-removed', 'breaking', '/properties', '/properties/s']]);
  // No properties left at all: the pointer is the nearest parent that still exists.
  assert.deepEqual(diff({ properties: { a: {} } }, {}), [['a', 'property-removed', 'breaking', '', '/properties/a']]);
});

test('schema-diff: a new required option is breaking unless the defaults provide it', () => {
  const schema = (props: Record<string, unknown>, required: string[] | undefined, extra: Record<string, unknown> = {}) => ({
    type: 'object',
    properties: { s: { type: 'object', properties: props, ...(required ? { required } : {}), ...extra } },
  });
  const props = { a: { type: 'string', default: 'x' }, b: { type: 'string' }, c: { type: 'object', properties: { d: { type: 'string' } } } };
  assert.deepEqual(diff(schema(props, undefined), schema(props, ['a', 'b', 'c'])), [
    ['s.a', 'required-added', 'compatible', '/properties/s/required/0', ''],
    ['s.b', 'required-added', 'breaking', '/properties/s/required/1', ''],
    // An object with properties gets an object of defaults, even an empty one (Cosmos does).
    ['s.c', 'required-added', 'compatible', '/properties/s/required/2', ''],
  ]);
  assert.deepEqual(diff(schema(props, ['a', 'b']), schema(props, ['b'])), [['s.a', 'required-removed', 'compatible', '/properties/s/required', '/properties/s/required/0']]);
  // A reordered required list is no change.
  assert.deepEqual(diff(schema(props, ['a', 'b']), schema(props, ['b', 'a'])), []);
  // When the parent has a default of its own, only that default counts.
  assert.deepEqual(diff(schema(props, undefined, { default: { b: 'y' } }), schema(props, ['a', 'b'], { default: { b: 'y' } })), [
    ['s.a', 'required-added', 'breaking', '/properties/s/required/0', ''],
    ['s.b', 'required-added', 'compatible', '/properties/s/required/1', ''],
  ]);
  // Defaults do not reach array items.
  const items = (required?: string[]) => ({ type: 'object', properties: { l: { type: 'array', items: { type: 'object', properties: props, ...(required ? { required } : {}) } } } });
  assert.deepEqual(diff(items(), items(['a'])), [['l[].a', 'required-added', 'breaking', '/properties/l/items/required/0', '']]);
  // Root level, and an undeclared name.
  assert.deepEqual(diff({ properties: {} }, { properties: {}, required: ['z'] }), [['z', 'required-added', 'breaking', '/required/0', '']]);
});

test('schema-diff: where documents get no defaults, a default provides nothing and its changes are not reported', () => {
  const old = { type: 'object', properties: { a: { type: 'boolean', default: false }, b: { type: 'string', default: 'x' } } };
  const next = { type: 'object', properties: { a: { type: 'boolean', default: true }, b: { type: 'string' } }, required: ['a'] };
  assert.deepEqual(rows(diffSchemas(old, next, { defaults: false })), [['a', 'required-added', 'breaking', '/required/0', '']]);
  assert.deepEqual(diff(old, next), [
    ['a', 'default-changed', 'warning', '/properties/a/default', '/properties/a/default'],
    ['a', 'required-added', 'compatible', '/required/0', ''],
    ['b', 'default-removed', 'warning', '/properties/b', '/properties/b/default'],
  ]);
});

test('schema-diff: a dropped default of a required option is breaking', () => {
  const schema = (a: Record<string, unknown>) => ({ type: 'object', properties: { a }, required: ['a'] });
  assert.deepEqual(diff(schema({ type: 'string', default: 'x' }), schema({ type: 'string' })), [['a', 'default-removed', 'breaking', '/properties/a', '/properties/a/default']]);
  // Unless its own options still give it an object of defaults.
  assert.deepEqual(diff(schema({ type: 'object', default: {}, properties: {} }), schema({ type: 'object', properties: {} })), [['a', 'default-removed', 'warning', '/properties/a', '/properties/a/default']]);
});

test('schema-diff: array items, one schema or a tuple', () => {
  const list = (items: unknown) => one({ type: 'array', ...(items === undefined ? {} : { items }) });
  assert.deepEqual(diff(list({ type: 'number' }), list({ type: 'integer' })), [['x[]', 'type-narrowed', 'breaking', `${X}/items/type`, `${X}/items/type`]]);
  assert.deepEqual(diff(list(undefined), list({ type: 'string' })), [['x[]', 'type-narrowed', 'breaking', `${X}/items/type`, '']]);
  assert.deepEqual(diff(list({ type: 'string' }), list(undefined)), [['x[]', 'type-widened', 'compatible', X, `${X}/items/type`]]);
  const obj = (p: Record<string, unknown>) => list({ type: 'object', properties: p });
  assert.deepEqual(diff(obj({ k: { enum: ['a', 'b'] } }), obj({ k: { enum: ['a'] } })), [['x[].k', 'enum-value-removed', 'breaking', `${X}/items/properties/k/enum`, `${X}/items/properties/k/enum`]]);
  assert.deepEqual(diff(list([{ type: 'string' }]), list([{ type: 'string', maxLength: 3 }])), [['x[0]', 'max-length-lowered', 'breaking', `${X}/items/0/maxLength`, '']]);
  assert.deepEqual(diff(list([{ type: 'string' }]), list([{ type: 'string' }, {}])), [['x', 'unsupported-change', 'breaking', `${X}/items`, `${X}/items`]]);
  assert.deepEqual(diff(list([{ type: 'string' }]), list([{ type: 'string' }])), []);
});

test('schema-diff: reordered but equal schemas give nothing', () => {
  const a = JSON.parse('{"type":"object","properties":{"s":{"type":"object","required":["a","b"],"properties":{"a":{"type":["string","null"],"default":"x"},"b":{"enum":[1,2],"default":1}}},"n":{"type":"integer","minimum":1,"exclusiveMinimum":false}}}');
  const b = JSON.parse('{"properties":{"n":{"exclusiveMinimum":false,"minimum":1,"type":"integer"},"s":{"properties":{"b":{"default":1,"enum":[2,1]},"a":{"default":"x","type":["null","string"]}},"required":["b","a"],"type":"object"}},"type":"object"}');
  assert.deepEqual(diffSchemas(a, b), []);
  assert.deepEqual(diffSchemas(a, a), []);
});

test('schema-diff: garbage never throws', () => {
  const garbage: unknown[] = [null, undefined, 0, 'x', true, false, [], [1, { a: 2 }], { type: 5 }, { properties: 'no' }, { properties: { a: 7 } }, { required: 'a' }, { enum: 'a' }, { minimum: 'one' }, { items: 'x' }, { type: ['string', 3] }, { minLength: -1, maxLength: 'z' }, { exclusiveMinimum: 'x', minimum: 1 }];
  for (const a of garbage) {
    for (const b of garbage) {
      const out = diffSchemas(a, b);
      assert.ok(Array.isArray(out));
      for (const c of out) assert.equal(typeof c.message, 'string');
      if (a === b) assert.deepEqual(out, []);
    }
  }
  assert.deepEqual(diff({ type: 'object' }, 'x'), [['', 'unsupported-change', 'breaking', '', '']]);
  assert.deepEqual(diff({ properties: { a: {} } }, { properties: { a: 5 } }), [['a', 'unsupported-change', 'breaking', '/properties/a', '/properties/a']]);
  assert.deepEqual(diff({ required: 'a' }, { required: ['a'] }), [['', 'unsupported-change', 'breaking', '/required', '/required']]);
  assert.deepEqual(diff({ type: 5 }, { type: 6 }), [['', 'unsupported-change', 'breaking', '/type', '/type']]);
});

test('schema-diff: cyclic, deep and huge inputs are bounded', () => {
  const cyclic: Record<string, unknown> = { type: 'object' };
  cyclic.properties = { self: cyclic };
  const other: Record<string, unknown> = { type: 'object' };
  other.properties = { self: other, more: {} };
  const out = diffSchemas(cyclic, other);
  assert.ok(out.length > 0 && out.length < 200);
  assert.ok(out.some((c) => c.kind === 'unsupported-change'));
  assert.deepEqual(diffSchemas(cyclic, cyclic), []);

  const deep = (levels: number, leaf: unknown): unknown => {
    let node: unknown = leaf;
    for (let i = 0; i < levels; i++) node = { type: 'object', properties: { a: node } };
    return node;
  };
  // Within the limit (64 levels of properties and items) the change is found where it is;
  // beyond it, one unsupported change at the limit.
  const MAX_SCHEMA_DEPTH = 64;
  const near = diffSchemas(deep(MAX_SCHEMA_DEPTH, { type: 'string' }), deep(MAX_SCHEMA_DEPTH, { type: 'integer' }));
  assert.deepEqual(near.map((c) => c.kind), ['type-changed']);
  const far = diffSchemas(deep(500, { type: 'string' }), deep(500, { type: 'integer' }));
  assert.deepEqual(far.map((c) => c.kind), ['unsupported-change']);
  assert.equal(far[0]!.option.split('.').length, MAX_SCHEMA_DEPTH + 1);
  assert.deepEqual(diffSchemas(deep(500, { type: 'string' }), deep(500, { type: 'string' })), []);

  const wide = (n: number, type: string) => ({ type: 'object', properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { type, properties: { q: { type } } }])) });
  const huge = diffSchemas(wide(30_000, 'string'), wide(30_000, 'integer'));
  assert.ok(huge.length > 1000);
  assert.equal(huge.filter((c) => c.kind === 'unsupported-change').length, 1);
});

test('schema-diff: untrusted option names stay data', () => {
  const a = JSON.parse('{"properties":{"__proto__":{"type":"string","default":"a"},"constructor":{"type":"string"}},"required":["__proto__"]}');
  const b = JSON.parse('{"properties":{"__proto__":{"type":"integer","default":1}},"required":["__proto__","constructor"]}');
  assert.deepEqual(diff(a, b), [
    ['__proto__', 'default-changed', 'warning', '/properties/__proto__/default', '/properties/__proto__/default'],
    ['__proto__', 'type-changed', 'breaking', '/properties/__proto__/type', '/properties/__proto__/type'],
    ['constructor', 'property-removed', 'breaking', '/properties', '/properties/constructor'],
    ['constructor', 'required-added', 'breaking', '/required/1', '/required'],
  ]);
  // Inherited members are never read as keywords.
  assert.deepEqual(diffSchemas({}, Object.create({ type: 'string', properties: { a: {} } })), []);
  assert.equal(({} as Record<string, unknown>).type, undefined);
});

test('schema-diff: output is sorted by option, kind, then pointer, with one-sentence messages and values', () => {
  const old = { properties: { b: { type: 'string', maxLength: 5, default: 'x' }, a: { enum: [1, 2] }, c: {} } };
  const next = { properties: { a: { enum: [1] }, b: { type: 'integer', maxLength: 3, default: 1 }, d: {} } };
  const out = diffSchemas(old, next);
  const keys = out.map((c) => [c.option, c.kind, c.pointer].join('|'));
  assert.deepEqual(keys, [...keys].sort());
  assert.deepEqual(
    out.map((c) => [c.option, c.kind]),
    [['a', 'enum-value-removed'], ['b', 'default-changed'], ['b', 'max-length-lowered'], ['b', 'type-changed'], ['c', 'property-removed'], ['d', 'property-added']],
  );
  for (const c of out) assert.match(c.message, /^[A-Z][^\n]*[^.]$/);
  const byKind = new Map(out.map((c) => [c.kind, c]));
  assert.deepEqual([byKind.get('enum-value-removed')!.before, byKind.get('enum-value-removed')!.after], [[1, 2], [1]]);
  assert.deepEqual([byKind.get('max-length-lowered')!.before, byKind.get('max-length-lowered')!.after], [5, 3]);
  assert.match(byKind.get('enum-value-removed')!.message, /'a'.*2/);
  const bounds = diffSchemas(one({ minimum: 1 }), one({ minimum: 1, exclusiveMinimum: true }))[0]!;
  assert.deepEqual([bounds.before, bounds.after], ['>= 1', '> 1']);
  assert.deepEqual(diffSchemas(old, next), out, 'deterministic');
});

test('corpus: consecutive config.json revisions diff without throwing, sorted, and equal schemas give nothing', (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const root = path.join(CORPUS_DIR, 'universe-sample', 'packages');
  let pairs = 0;
  for (const letter of fs.readdirSync(root).sort()) {
    for (const name of fs.readdirSync(path.join(root, letter)).sort()) {
      const dir = path.join(root, letter, name);
      const revisions = fs.readdirSync(dir).filter((r) => /^\d+$/.test(r)).sort((a, b) => Number(a) - Number(b));
      const configs = revisions.map((r) => path.join(dir, r, 'config.json')).filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as unknown);
      for (let i = 0; i < configs.length; i++) {
        const current = configs[i];
        assert.deepEqual(diffSchemas(current, structuredClone(current)), [], `${name}: a config equals its copy`);
        if (i === 0) continue;
        pairs++;
        const out = diffSchemas(configs[i - 1], current);
        const keys = out.map((c) => `${c.option}\u0000${c.kind}\u0000${c.pointer}`);
        assert.deepEqual(keys, [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), `${name}: sorted`);
        assert.deepEqual(diffSchemas(configs[i - 1], current), out, `${name}: deterministic`);
        for (const c of out) assert.ok(c.message.length > 0 && !c.message.includes('\n'));
      }
    }
  }
  assert.ok(pairs > 200);
});
