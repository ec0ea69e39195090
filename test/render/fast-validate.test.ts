import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dereference, validate, type Schema } from '@cfworker/json-schema';
import { dereferenceIsSafe } from '../../scripts/lib/render/dereference-check.js';
import { fastValid } from '../../scripts/lib/render/fast-validate.js';
import { inspectSchema } from '../../scripts/lib/render/schema-inspect.js';
import { needsPreparation, prepareSchema } from '../../scripts/lib/render/schema-walk.js';
import { random } from '../helpers/random.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const NAMES = ['a', 'b', 'x.y', 'id', '$ref', 'pattern', 'format', '__proto__', 'constructor', 'properties', '\ud800', 'default'];
const PATTERNS = ['^a', '^[a-z]+$', '(a+)+$', '\\d', '[', '^(\\w*,?)*$', '\\p{L}', ''];
const FORMATS: Json[] = ['uri', 'date', 'email', 'hostname', 'regex', 'constructor', '__proto__', 'nope', 5, null, ['uri']];
const TYPES: Json[] = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null', ['string', 'null'], 'any', 5];
const IDS: Json[] = ['http://x.org/a#f', 'http://x.org/a#g', 'http://x.org/a', '#frag', 'https://github.com/cfworker#/properties/a', '', 'http://[bad#x', 7];
const KEYWORDS = ['type', 'type', 'properties', 'properties', 'required', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'minLength', 'maxLength', 'pattern', 'format', 'items', 'additionalItems', 'additionalProperties', 'patternProperties', 'dependencies', 'allOf', 'anyOf', 'oneOf', 'not', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'default', 'id', '$ref', 'multipleOf', 'if', 'propertyNames', 'media', 'examples'];

/** Random schemas and options over the keywords, odd values and ids the fast path must get exactly right or leave alone. */
function generator(seed: number): { schema: () => Record<string, Json>; instance: (s: Json) => Json } {
  const next = random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  const scalar = (): Json => pick<Json>([null, true, false, 0, 1, -2, 2.5, '', 'a', 'abc', 'http://e.com/x', '/rel', '2020-01-01', 'a@b.co', '\ud800']);
  const json = (d = 0): Json => {
    const r = next();
    if (d > 2 || r < 0.5) return scalar();
    if (r < 0.75) return Array.from({ length: Math.floor(next() * 3) }, () => json(d + 1));
    const o: Record<string, Json> = {};
    for (let i = Math.floor(next() * 3); i > 0; i--) Object.defineProperty(o, pick(NAMES), { value: json(d + 1), enumerable: true, writable: true, configurable: true });
    return o;
  };
  const map = (d: number, keys: readonly string[], value: () => Json): Record<string, Json> => {
    const o: Record<string, Json> = {};
    for (let j = Math.floor(next() * 3); j > 0; j--) Object.defineProperty(o, pick(keys), { value: value(), enumerable: true, writable: true, configurable: true });
    return o;
  };
  const schema = (d = 0): Json => {
    if (next() < 0.05) return pick<Json>([true, false, null, 'str', 3, []]);
    const s: Record<string, Json> = {};
    for (let i = Math.floor(next() * (d > 2 ? 3 : 5)); i > 0; i--) {
      const k = pick(KEYWORDS);
      const sub = (): Json => (d < 4 ? schema(d + 1) : {});
      if (k === 'type') s.type = pick(TYPES);
      else if (k === 'properties') s.properties = next() < 0.05 ? pick<Json>([null, 'x', []]) : map(d, NAMES, sub);
      else if (k === 'patternProperties') s.patternProperties = map(d, PATTERNS, sub);
      else if (k === 'dependencies') s.dependencies = map(d, NAMES, () => (next() < 0.5 ? [pick(NAMES)] : sub()));
      else if (k === 'required') s.required = next() < 0.9 ? [pick(NAMES)] : 'a';
      else if (k === 'enum') s.enum = next() < 0.9 ? [json(), scalar()] : 'x';
      else if (k === 'pattern') s.pattern = next() < 0.95 ? pick(PATTERNS) : 5;
      else if (k === 'format') s.format = pick(FORMATS);
      else if (k === 'items') s.items = next() < 0.3 ? [sub(), sub()] : sub();
      else if (['additionalItems', 'additionalProperties', 'not', 'if', 'propertyNames', 'media'].includes(k)) s[k] = next() < 0.4 ? next() < 0.5 : sub();
      else if (['allOf', 'anyOf', 'oneOf'].includes(k)) s[k] = next() < 0.95 ? [sub(), sub()] : {};
      else if (k === 'id') s[pick(['id', '$id'])] = pick(IDS);
      else if (k === '$ref') s.$ref = pick(['#', '#/properties/a', 'http://x.org/a']);
      else if (['const', 'default', 'examples'].includes(k)) s[k] = json();
      else s[k] = pick<Json>([0, 1, 2, true, '2', null, 0.5]);
    }
    return s;
  };
  const instance = (s: Json, d = 0): Json => {
    if (d > 4 || next() < 0.25 || s === null || typeof s !== 'object' || Array.isArray(s)) return json();
    const props = s.properties;
    if (props && typeof props === 'object' && !Array.isArray(props)) {
      const o: Record<string, Json> = {};
      for (const k of Object.keys(props)) if (next() < 0.8) Object.defineProperty(o, k, { value: instance(props[k]!, d + 1), enumerable: true, writable: true, configurable: true });
      if (next() < 0.2) o[pick(NAMES)] = json();
      return o;
    }
    if (s.type === 'array' || Array.isArray(s.items)) return Array.from({ length: Math.floor(next() * 4) }, () => instance(Array.isArray(s.items) ? s.items[0]! : (s.items ?? null), d + 1));
    if (Array.isArray(s.enum) && next() < 0.5) return pick(s.enum);
    if (s.type === 'string') return pick(['a', 'abc', '', 'http://e.com', 'not a uri', '2020-01-01']);
    if (s.type === 'integer' || s.type === 'number') return pick([0, 1, 2, -1, 2.5]);
    return json();
  };
  return {
    schema: () => {
      const s = schema();
      return s !== null && typeof s === 'object' && !Array.isArray(s) ? s : { properties: { a: s } };
    },
    instance,
  };
}

/** What the library says, on the copy prepareSchema makes when one is needed: valid, invalid, or it throws. */
function library(config: Record<string, Json>, options: Json): boolean | 'throws' {
  try {
    if (!needsPreparation(config)) return validate(options, config as Schema, '4', Object.create(null) as Record<string, Schema>, true).valid;
    const schema = prepareSchema(config).schema as Schema;
    return validate(options, schema, '4', dereference(schema), true).valid;
  } catch {
    return 'throws';
  }
}

test('fastValid gives the library verdict whenever the inspection lets it judge, on random schemas', () => {
  const gen = generator(7);
  let judged = 0;
  let valid = 0;
  for (let i = 0; i < 3000; i++) {
    const config = gen.schema();
    const inspection = inspectSchema(config);
    if (inspection.needsPreparation !== undefined) assert.equal(inspection.needsPreparation, needsPreparation(config), JSON.stringify(config));
    const fast = inspection.checkable && (inspection.needsPreparation === false || dereferenceIsSafe(config));
    for (let j = 0; j < 4; j++) {
      const options = gen.instance(config);
      if (!fast) continue;
      const expected = library(config, options);
      const verdict = fastValid(options, config);
      if (verdict === undefined) continue;
      judged++;
      if (verdict) valid++;
      assert.equal(verdict, expected, `${JSON.stringify(config)} with ${JSON.stringify(options)}`);
    }
  }
  // The generator must exercise the fast path, in both directions.
  assert.ok(judged > 3000 && valid > 1000 && judged - valid > 1000, `judged ${judged}, valid ${valid}`);
});

test('dereferenceIsSafe only says yes when the library dereferences the prepared copy without throwing', () => {
  const gen = generator(11);
  let safe = 0;
  for (let i = 0; i < 3000; i++) {
    const config = gen.schema();
    if (!dereferenceIsSafe(config)) continue;
    safe++;
    assert.doesNotThrow(() => dereference(prepareSchema(config).schema as Schema), JSON.stringify(config));
  }
  assert.ok(safe > 1000, `only ${safe} safe schemas`);
});

test('ids with a fragment off the base URI are safe; references, base changes and bad URIs are not', () => {
  const withId = (id: unknown): unknown => ({ properties: { a: { id, type: 'string' }, b: { id, type: 'string' } } });
  assert.equal(dereferenceIsSafe(withId('http://docs.example.com/page.html#a')), true);
  assert.equal(dereferenceIsSafe(withId('http://docs.example.com/page.html')), false);
  assert.equal(dereferenceIsSafe(withId('#a')), false);
  assert.equal(dereferenceIsSafe(withId('http://[broken#a')), false);
  assert.equal(dereferenceIsSafe(withId(5)), false);
  assert.equal(dereferenceIsSafe({ properties: { a: { $ref: '#/definitions/x' } }, definitions: { x: {} } }), false);
  assert.equal(dereferenceIsSafe({ properties: { a: { type: 'string', default: { $ref: 'ignored: a value, not a schema' } } } }), true);
});

test('the inspection leaves keywords it does not model, and unusable values, to the library', () => {
  const checkable = (s: unknown): boolean => inspectSchema(s).checkable;
  assert.equal(checkable({ type: 'object', properties: { a: { type: 'string', pattern: '^a', minLength: 1 } }, required: ['a'] }), true);
  for (const k of ['$ref', 'if', 'propertyNames', 'contains', 'prefixItems', 'unevaluatedProperties', 'multipleOf', 'dependentSchemas']) {
    assert.equal(checkable({ properties: { a: { [k]: {} } } }), false, k);
  }
  assert.equal(checkable({ properties: { a: null } }), false);
  assert.equal(checkable({ properties: { a: { enum: 'x' } } }), false);
  assert.equal(checkable({ properties: { a: { format: 'constructor' } } }), false);
  assert.equal(checkable({ properties: { '\ud800': {} } }), false);
  // Not schema positions: anything goes there.
  assert.equal(checkable({ properties: { a: { default: { if: 1, $ref: 2 }, description: null } } }), true);
});

test('fastValid skips what prepareSchema drops: risky patterns and the lenient uri format', () => {
  const config = { properties: { name: { type: 'string', pattern: '^(a+)+$' }, home: { type: 'string', format: 'uri' }, mail: { type: 'string', format: 'email' } } };
  assert.equal(inspectSchema(config).needsPreparation, true);
  assert.equal(fastValid({ name: 'b', home: '/relative' }, config), true);
  assert.equal(fastValid({ mail: 'nope' }, config), false);
  assert.equal(fastValid({ a: undefined }, config), undefined);
});
