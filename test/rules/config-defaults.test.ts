import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles } from '../helpers/repo.js';
import { configDefaults } from '../../scripts/lib/rules/config-defaults.js';

const FILE = 'packages/W/web/0/config.json';
const service = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'object', properties: { service: { type: 'object', properties, ...extra } } }, null, 2);
const run = async (config: string | undefined, packagingVersion = '6.0') =>
  (await check(revisionFiles('web', 0, { packageJson: { packagingVersion }, files: { 'config.json': config } }), [configDefaults])).map((d) => [d.code, d.file, d.pointer, d.severity]);

test('config-defaults: valid defaults, absent config and missing required options pass', async () => {
  assert.deepEqual(await run(service({ name: { type: 'string', default: 'web' }, cpus: { type: 'number', minimum: 0.1, default: 0.5 } })), []);
  assert.deepEqual(await run(undefined), []);
  // Users must supply required options that have no default: not a defect of the defaults.
  assert.deepEqual(await run(service({ name: { type: 'string' } }, { required: ['name'] })), []);
  const oneOf = { oneOf: [{ required: ['user'] }, { required: ['token'] }] };
  assert.deepEqual(await run(service({ user: { type: 'string' }, token: { type: 'string' } }, oneOf)), []);
  // A config.json that does not parse is json-syntax's business; one the validator cannot use, schema-config's.
  assert.deepEqual(await run('{"properties": '), []);
  assert.deepEqual(await run(service({ a: { $ref: 'https://example.com/x.json', default: 1 } })), []);
  assert.deepEqual(await run('[1, 2]'), []);
});

test('config-defaults: each wrong default is reported at the default', async () => {
  const config = service(
    {
      name: { type: 'string', default: 7 },
      cpus: { type: 'number', minimum: 0.1, default: 0 },
      mode: { type: 'string', enum: ['a', 'b'], default: 'c' },
      ok: { type: 'boolean', default: false },
    },
    { required: ['missing'] },
  );
  assert.deepEqual(await run(config), [
    ['config-defaults', FILE, '/properties/service/properties/name/default', 'error'],
    ['config-defaults', FILE, '/properties/service/properties/cpus/default', 'error'],
    ['config-defaults', FILE, '/properties/service/properties/mode/default', 'error'],
  ]);
});

test('config-defaults: inside an object default, the pointer goes into the default', async () => {
  const config = JSON.stringify({
    type: 'object',
    properties: {
      service: {
        type: 'object',
        additionalProperties: false,
        properties: { cpus: { type: 'number' } },
        default: { cpus: 'one', extra: true },
      },
    },
  });
  assert.deepEqual(await run(config), [
    ['config-defaults', FILE, '/properties/service/default/cpus', 'error'],
    ['config-defaults', FILE, '/properties/service/default/extra', 'error'],
  ]);
});

test('config-defaults: legacy packaging versions get a warning', async () => {
  const config = service({ cpus: { type: 'number', default: '1' } });
  assert.deepEqual(await run(config, '4.0'), [['config-defaults', FILE, '/properties/service/properties/cpus/default', 'warning']]);
});

test('config-defaults: unsafe property names are plain data, reported at their own pointer', async () => {
  const config = '{"type": "object", "properties": {"__proto__": {"type": "object", "properties": {"polluted": {"type": "boolean", "default": "yes"}}}, "constructor": {"type": "string", "default": "ok"}}}';
  assert.deepEqual(await run(config), [['config-defaults', FILE, '/properties/__proto__/properties/polluted/default', 'error']]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('config-defaults: a config.json that is not a valid draft-04 schema judges the defaults without its invalid keywords', async () => {
  // The option whose own schema is invalid cannot be judged...
  assert.deepEqual(await run(service({ cpus: { type: 'nmber', default: 'x' } })), []);
  // ...but a wrong default elsewhere is still found (schema-config-draft04 reports the schema).
  assert.deepEqual(await run(service({ cpus: { type: 'nmber', default: 'x' }, mem: { type: 'integer', default: 'lots' }, name: { type: 'string', pattern: '(', default: 'w' } })), [
    ['config-defaults', FILE, '/properties/service/properties/mem/default', 'error'],
  ]);
  // Still invalid without them (config.json itself is what is wrong): nothing judged, not-checked says so.
  assert.deepEqual(await run(JSON.stringify({ type: 'object', exclusiveMinimum: true, properties: { a: { type: 'integer', default: 'x' } } })), []);
});
