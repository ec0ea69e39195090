import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDefaults } from '../../scripts/lib/render/defaults.js';
import { mergeOptions } from '../../scripts/lib/render/merge.js';

test('collectDefaults: defaults, nested objects, null defaults, empty nests kept as Cosmos does', () => {
  const config = {
    type: 'object',
    properties: {
      service: {
        type: 'object',
        properties: {
          name: { type: 'string', default: 'svc' },
          cpus: { type: 'number', default: 0.5 },
          secret: { type: 'string' },
          nothing: { type: 'object', properties: { deeper: { type: 'string' } } },
        },
      },
      listed: { type: 'array', default: ['a', 'b'] },
      explicitNull: { type: ['string', 'null'], default: null },
      withBoth: { type: 'object', default: { x: 1 }, properties: { y: { type: 'number', default: 2 } } },
      empty: { type: 'object', properties: {} },
      notASchema: 7,
    },
  };
  assert.deepEqual(collectDefaults(config), {
    service: { name: 'svc', cpus: 0.5, nothing: {} },
    listed: ['a', 'b'],
    explicitNull: null,
    withBoth: { x: 1 },
    empty: {},
  });
});

test('collectDefaults: anything that is not a schema object gives {}', () => {
  for (const c of [undefined, null, 3, 'x', [], {}, { properties: [] }, { properties: { a: 'nope' } }]) assert.deepEqual(collectDefaults(c), {});
  assert.deepEqual(collectDefaults({ properties: { a: { properties: 'odd' } } }), { a: {} });
});

test('collectDefaults: a property named __proto__ stays an own data property', () => {
  const config = JSON.parse('{"properties":{"__proto__":{"default":{"polluted":true}},"constructor":{"default":1}}}') as unknown;
  const d = collectDefaults(config);
  assert.equal(Object.getPrototypeOf(d), Object.prototype);
  assert.deepEqual(Object.keys(d), ['__proto__', 'constructor']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(d, '__proto__')?.value, { polluted: true });
});

test('mergeOptions: objects merge deeply, everything else replaces', () => {
  const defaults = { service: { name: 'a', cpus: 1, labels: { x: '1' } }, list: [1, 2], flag: true, gone: { a: 1 } };
  const options = { service: { cpus: 2, labels: { y: '2' } }, list: [3], flag: null, gone: 'replaced', extra: { z: 1 } };
  assert.deepEqual(mergeOptions(defaults, options), {
    service: { name: 'a', cpus: 2, labels: { x: '1', y: '2' } },
    list: [3],
    flag: null,
    gone: 'replaced',
    extra: { z: 1 },
  });
});

test('mergeOptions: never mutates its inputs', () => {
  const defaults = { service: { name: 'a', nested: { k: 1 } } };
  const options = { service: { nested: { j: 2 } } };
  const before = JSON.stringify([defaults, options]);
  const merged = mergeOptions(defaults, options);
  (merged.service as Record<string, unknown>).name = 'changed';
  assert.equal(JSON.stringify([defaults, options]), before);
});

test('mergeOptions: non-object inputs count as {}', () => {
  assert.deepEqual(mergeOptions(undefined, { a: 1 }), { a: 1 });
  assert.deepEqual(mergeOptions({ a: 1 }, [1, 2]), { a: 1 });
  assert.deepEqual(mergeOptions(null, null), {});
});

test('mergeOptions: __proto__, constructor and prototype keys never reach a prototype', () => {
  const options = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"a":{"__proto__":{"polluted":true}}}') as Record<string, unknown>;
  const merged = mergeOptions(JSON.parse('{"a":{"b":1},"constructor":{"x":1}}'), options);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(merged), Object.prototype);
  assert.equal(Object.getPrototypeOf(merged.a), Object.prototype);
  // Kept as plain own data, like JSON.parse keeps them.
  assert.deepEqual(Object.keys(merged).sort(), ['__proto__', 'a', 'constructor']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(merged, '__proto__')?.value, { polluted: true });
  assert.deepEqual(merged.constructor, { x: 1, prototype: { polluted: true } });
  assert.deepEqual(Object.keys(merged.a as object).sort(), ['__proto__', 'b']);
  assert.equal(JSON.stringify(merged), '{"a":{"b":1,"__proto__":{"polluted":true}},"constructor":{"x":1,"prototype":{"polluted":true}},"__proto__":{"polluted":true}}');
});
