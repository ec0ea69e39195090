import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pruneInvalidKeywords } from '../../scripts/lib/render/schema-prune.js';
import { withStandIns } from '../../scripts/lib/render/stand-ins.js';

test('schema-prune: removes each invalid keyword, an invalid array item with its keyword, and copies', () => {
  const config = { type: 'object', properties: { a: { type: 'strnig', default: 'x' }, b: { type: 'string', enum: [] }, c: { type: ['string', 'nope'] } }, required: [5] };
  const pruned = pruneInvalidKeywords(config, ['/properties/a/type', '/properties/b/enum', '/properties/c/type/1', '/required/0']);
  assert.deepEqual(pruned, { type: 'object', properties: { a: { default: 'x' }, b: { type: 'string' }, c: {} } });
  assert.equal(config.properties.a.type, 'strnig', 'the parsed config.json is untouched');
  // A removal inside something already removed is no error; config.json itself cannot be removed.
  assert.deepEqual(pruneInvalidKeywords(config, ['/properties/a', '/properties/a/type']), { type: 'object', properties: { b: { type: 'string', enum: [] }, c: { type: ['string', 'nope'] } }, required: [5] });
  assert.equal(pruneInvalidKeywords(config, ['']), undefined);
});

test('stand-ins: defaults of the wrong type get a value of the declared type, others are kept', () => {
  const config = { type: 'object', properties: { s: { type: 'object', properties: { cpus: { type: 'number', default: 'lots' }, on: { type: ['boolean', 'null'], default: 'yes' }, n: { type: 'integer', minimum: 5, default: 1 } } } } };
  const defaults = { s: { cpus: 'lots', on: 'yes', n: 1 } };
  const issues = [
    { pointer: '/s/cpus', keyword: 'type', message: '', schemaPointer: '/properties/s/properties/cpus/type' },
    { pointer: '/s/on', keyword: 'type', message: '', schemaPointer: '/properties/s/properties/on/type' },
    { pointer: '/s/n', keyword: 'minimum', message: '', schemaPointer: '/properties/s/properties/n/minimum' },
  ];
  assert.deepEqual(withStandIns(config, defaults, issues), { options: { s: { cpus: 0, on: false, n: 1 } }, replaced: ['s.cpus', 's.on'] });
  assert.deepEqual(defaults.s.cpus, 'lots', 'the defaults are untouched');
  assert.equal(withStandIns(config, defaults, [issues[2]!]), undefined);
});
