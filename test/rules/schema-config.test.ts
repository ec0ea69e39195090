import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles, triples } from '../helpers/repo.js';
import { schemaConfig } from '../../scripts/lib/rules/schema-config.js';

const FILE = 'packages/H/hello/0/config.json';
const files = (config: unknown) => revisionFiles('hello', 0, { files: { 'config.json': JSON.stringify(config, null, 2) } });

const valid: Array<[string, unknown]> = [
  ['an object schema with properties', { type: 'object', properties: { port: { type: 'integer', default: 80 } } }],
  ['properties without a type (real DC/OS data)', { properties: { service: { type: 'object', properties: {} } } }],
  ['a $schema and other draft-04 keywords', { $schema: 'http://json-schema.org/schema#', type: 'object', properties: {}, required: ['a'], additionalProperties: false }],
];

const invalid: Array<[string, unknown, string[]]> = [
  ['no properties', { type: 'object' }, ['']],
  ['a type other than object', { type: 'array', properties: {} }, ['/type']],
  ['properties that are not an object', { properties: [] }, ['/properties']],
  ['an option schema that is not an object', { properties: { port: 80 } }, ['/properties/port']],
  ['a config that is not an object', ['port'], ['']],
];

for (const [name, config] of valid) {
  test(`schema-config accepts ${name}`, async () => {
    assert.deepEqual(await check(files(config), [schemaConfig]), []);
  });
}

for (const [name, config, pointers] of invalid) {
  test(`schema-config reports ${name}`, async () => {
    const diags = await check(files(config), [schemaConfig]);
    assert.deepEqual(triples(diags), pointers.map((p) => ['schema-config', FILE, p]));
    for (const d of diags) assert.equal(d.severity, 'error', 'the DC/OS Universe enforced this: error even for legacy packages');
  });
}

test('schema-config skips absent and unparsable config.json', async () => {
  assert.deepEqual(await check(revisionFiles('hello', 0, { files: { 'config.json': undefined } }), [schemaConfig]), []);
  assert.deepEqual(await check(revisionFiles('hello', 0, { files: { 'config.json': '{' } }), [schemaConfig]), []);
});
