/**
 * The checked-in files generated from schema/ must match what `npm run gen:types` would write
 * now. Needs the devDependency json-schema-to-typescript (dev and CI have it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { TYPES_FILE, VALIDATORS_FILE, readSchemaFiles } from '../../scripts/codegen/schema-files.js';
import { generateTypesSource } from '../../scripts/codegen/types.js';
import { generateValidatorsSource } from '../../scripts/codegen/validators.js';

const STALE = 'is stale: run npm run gen:types and commit the result';

test('scripts/lib/schema/types.generated.ts is up to date with schema/', async () => {
  const expected = await generateTypesSource(readSchemaFiles());
  assert.ok(fs.readFileSync(TYPES_FILE, 'utf8') === expected, `scripts/lib/schema/types.generated.ts ${STALE}`);
});

test('scripts/lib/schema/validators.generated.ts is up to date with schema/', () => {
  const expected = generateValidatorsSource(readSchemaFiles());
  assert.ok(fs.readFileSync(VALIDATORS_FILE, 'utf8') === expected, `scripts/lib/schema/validators.generated.ts ${STALE}`);
});

test('generation is deterministic', async () => {
  const schemas = readSchemaFiles();
  assert.equal(await generateTypesSource(schemas), await generateTypesSource(schemas));
  assert.equal(generateValidatorsSource(schemas), generateValidatorsSource(schemas));
});

test('a type name defined differently by two schemas is an error, not a silent overwrite', async () => {
  const a = { file: 'a.schema.json', schema: { title: 'Thing', type: 'object', properties: { x: { type: 'string' } } } };
  const b = { file: 'b.schema.json', schema: { title: 'Thing', type: 'object', properties: { y: { type: 'number' } } } };
  await assert.rejects(generateTypesSource([a, b]), /different type named Thing/);
});

test('schemas may reference each other by $id or file name, resolved offline; untitled schemas are named after their file', async () => {
  const schemas = readSchemaFiles().filter((s) => s.file === 'resource-3.0.schema.json');
  const doc = {
    file: 'package-document.schema.json',
    schema: { type: 'object', properties: { a: { $ref: 'https://universe.dev/schema/resource-3.0.schema.json' }, b: { $ref: 'resource-3.0.schema.json' } } },
  };
  const out = await generateTypesSource([...schemas, doc]);
  assert.match(out, /export interface PackageDocumentJson \{\n  a\?: ResourceJsonV3;\n  b\?: ResourceJsonV3;/);
  assert.equal(out.match(/export interface ResourceJsonV3 /g)?.length, 1);
});
