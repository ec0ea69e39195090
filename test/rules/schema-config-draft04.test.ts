import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles, triples } from '../helpers/repo.js';
import { schemaConfigDraft04 } from '../../scripts/lib/rules/schema-config-draft04.js';

const FILE = 'packages/H/hello/0/config.json';
const files = (config: unknown, packagingVersion = '4.0') =>
  revisionFiles('hello', 0, {
    packageJson: { packagingVersion, version: '1.0.0' },
    files: { 'config.json': JSON.stringify(config, null, 2) },
  });
const withOption = (option: unknown) => ({ type: 'object', properties: { opt: option } });

const valid: Array<[string, unknown]> = [
  ['ordinary options', withOption({ type: 'string', pattern: '^[a-z0-9-]{5,25}$', default: 'abcde' })],
  ['draft-04 boolean exclusiveMinimum with minimum', withOption({ type: 'number', minimum: 0, exclusiveMinimum: true })],
  ['a union type, tuple items and dependencies', withOption({ type: ['string', 'null'], items: [{ type: 'string' }], dependencies: { a: ['b'] } })],
  ['valid patternProperties keys', withOption({ type: 'object', patternProperties: { '^x-': { type: 'string' } } })],
];

const invalid: Array<[string, unknown, string[]]> = [
  ['an unknown type name', withOption({ type: 'strin' }), ['/properties/opt/type']],
  ['an empty required list (draft-04 needs at least one name)', withOption({ type: 'object', required: [] }), ['/properties/opt/required']],
  ['a draft-06 numeric exclusiveMinimum', withOption({ type: 'number', minimum: 0, exclusiveMinimum: 0 }), ['/properties/opt/exclusiveMinimum']],
  ['exclusiveMaximum without maximum', withOption({ type: 'number', exclusiveMaximum: true }), ['/properties/opt']],
  ['additionalProperties that is neither boolean nor schema', withOption({ type: 'object', additionalProperties: 'no' }), ['/properties/opt/additionalProperties']],
  ['a nested invalid schema', withOption({ type: 'object', properties: { inner: { type: 'object', properties: { x: { enum: [] } } } } }), ['/properties/opt/properties/inner/properties/x/enum']],
  ['an invalid pattern', withOption({ type: 'string', pattern: '[a-z' }), ['/properties/opt/pattern']],
  ['an invalid patternProperties key', withOption({ type: 'object', patternProperties: { '(': {} } }), ['/properties/opt/patternProperties/(']],
  ['a union type with an unknown name', withOption({ type: ['string', 'text'] }), ['/properties/opt/type/1']],
];

for (const [name, config] of valid) {
  test(`schema-config-draft04 accepts ${name}`, async () => {
    assert.deepEqual(await check(files(config), [schemaConfigDraft04]), []);
  });
}

for (const [name, config, pointers] of invalid) {
  test(`schema-config-draft04 reports ${name}`, async () => {
    assert.deepEqual(triples(await check(files(config, '6.0'), [schemaConfigDraft04])), pointers.map((p) => ['schema-config-draft04', FILE, p]));
  });
}

test('schema-config-draft04 is an error for 6.0 and a warning for legacy packages', async () => {
  const config = withOption({ type: 'strin' });
  assert.deepEqual((await check(files(config, '6.0'), [schemaConfigDraft04])).map((d) => d.severity), ['error']);
  assert.deepEqual((await check(files(config, '4.0'), [schemaConfigDraft04])).map((d) => d.severity), ['warning']);
});

test('schema-config-draft04 leaves what schema-config reports to it', async () => {
  assert.deepEqual(await check(files(['not', 'an', 'object']), [schemaConfigDraft04]), []);
  assert.deepEqual(await check(files({ properties: [] }), [schemaConfigDraft04]), []);
});
