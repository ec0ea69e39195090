import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateOptions, type OptionIssue } from '../../scripts/lib/render/validate.js';

const config = {
  type: 'object',
  additionalProperties: false,
  properties: {
    service: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[a-z]+$', minLength: 2 },
        cpus: { type: 'number', minimum: 0.1, maximum: 8 },
        mem: { type: 'integer', minimum: 32, exclusiveMinimum: true },
        mode: { type: 'string', enum: ['a', 'b'] },
        'odd/key~x': { type: 'boolean' },
      },
    },
    list: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 2 },
  },
};

const brief = (issues: OptionIssue[]): Array<[string, string]> => issues.map((i) => [i.pointer, i.keyword]);

test('valid options give no issues', () => {
  assert.deepEqual(validateOptions(config, { service: { name: 'abc', cpus: 1, mem: 64, mode: 'a' }, list: ['x'] }), []);
});

test('each failing keyword is one issue at the option, sorted by pointer', () => {
  const issues = validateOptions(config, {
    service: { name: 'A', cpus: 'lots', mem: 32, mode: 'c', 'odd/key~x': 1 },
    list: ['x', 'x', 'y'],
    stray: true,
  });
  assert.deepEqual(brief(issues), [
    ['/list', 'maxItems'],
    ['/list', 'uniqueItems'],
    ['/service/cpus', 'type'],
    ['/service/mem', 'minimum'],
    ['/service/mode', 'enum'],
    ['/service/name', 'minLength'],
    ['/service/name', 'pattern'],
    ['/service/odd~1key~0x', 'type'],
    ['/stray', 'additionalProperties'],
  ]);
  const byPointer = Object.fromEntries(issues.map((i) => [`${i.pointer} ${i.keyword}`, i]));
  assert.match(byPointer['/service/cpus type']!.message, /service\.cpus.*"lots".*a number/);
  assert.match(byPointer['/service/mem minimum']!.message, /greater than 32/);
  assert.match(byPointer['/service/mode enum']!.message, /one of "a", "b"/);
  assert.match(byPointer['/stray additionalProperties']!.message, /unknown option 'stray'/);
  assert.equal(byPointer['/service/cpus type']!.schemaPointer, '/properties/service/properties/cpus/type');
  for (const i of issues) assert.ok(!i.message.endsWith('.') && !i.message.includes('\n'), i.message);
});

test('a missing required option is reported at the parent and marked incomplete', () => {
  const issues = validateOptions(config, { service: { cpus: 1 } });
  assert.deepEqual(issues, [{ pointer: '/service', keyword: 'required', property: 'name', incomplete: true, schemaPointer: '/properties/service/required', message: "required option 'service.name' is missing" }]);
});

test('array dependencies are incomplete; schema dependencies report what fails inside', () => {
  const c = {
    type: 'object',
    properties: {
      tls: { type: 'boolean' },
      cert: { type: 'string' },
      mode: { type: 'string' },
      level: { type: 'integer' },
    },
    dependencies: { tls: ['cert'], mode: { properties: { level: { minimum: 3 } } } },
  };
  const issues = validateOptions(c, { tls: true, mode: 'x', level: 1 });
  assert.deepEqual(brief(issues), [['', 'dependencies'], ['/level', 'minimum']]);
  assert.equal(issues[0]!.incomplete, true);
  assert.equal(issues[0]!.property, 'cert');
  assert.equal(issues[1]!.incomplete, undefined);
});

test('anyOf/oneOf: one issue for the alternative, incomplete when a branch only lacks options', () => {
  const c = {
    type: 'object',
    properties: { auth: { type: 'object', properties: { user: { type: 'string' }, token: { type: 'string' } }, oneOf: [{ required: ['user'] }, { required: ['token'] }] } },
  };
  const missing = validateOptions(c, { auth: {} });
  assert.deepEqual(brief(missing), [['/auth', 'oneOf']]);
  assert.equal(missing[0]!.incomplete, true);
  const both = validateOptions(c, { auth: { user: 'u', token: 't' } });
  assert.deepEqual(brief(both), [['/auth', 'oneOf']]);
  assert.equal(both[0]!.incomplete, undefined);
  const typed = validateOptions({ properties: { x: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } }, { x: 1.5 });
  assert.deepEqual(brief(typed), [['/x', 'anyOf']]);
  assert.equal(typed[0]!.incomplete, undefined);
});

test('a pattern JavaScript cannot compile in Unicode mode is skipped, not a crash', () => {
  const c = { properties: { a: { type: 'string', pattern: '^[\\w-.]+$' }, b: { type: 'string', pattern: '^x$' } } };
  assert.deepEqual(brief(validateOptions(c, { a: '!!', b: 'y' })), [['/b', 'pattern']]);
});

test('a schema the validator cannot use is one issue with keyword schema', () => {
  const issues = validateOptions({ properties: { a: { $ref: 'https://example.com/remote.json' } } }, { a: 1 });
  assert.deepEqual(brief(issues), [['', 'schema']]);
  assert.match(issues[0]!.message, /cannot be used/);
});

test('ids repeated as documentation links (as real config.json files do) do not make the schema unusable', () => {
  const doc = 'https://spark.apache.org/docs/latest/running-on-mesos.html';
  const c = { id: 'https://example.com/pkg', properties: { a: { id: doc, type: 'string' }, b: { id: doc, type: 'integer', minimum: 1 }, id: { type: 'string' } } };
  assert.deepEqual(validateOptions(c, { a: 'x', b: 2, id: 'y' }), []);
  assert.deepEqual(brief(validateOptions(c, { a: 1, b: 0 })), [['/a', 'type'], ['/b', 'minimum']]);
  // Still refused when the repeat could matter: a $ref to a URI nothing defines.
  assert.deepEqual(brief(validateOptions({ ...c, properties: { ...c.properties, r: { $ref: 'https://example.com/remote.json' } } }, { r: 1 })), [['', 'schema']]);
});

test('the parsed config.json is never modified by validation', () => {
  const c = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  const before = JSON.stringify(c);
  validateOptions(c, { service: { name: 'x' } });
  assert.equal(JSON.stringify(c), before);
  const props = (c.properties as Record<string, Record<string, unknown>>).service!;
  assert.deepEqual(Object.getOwnPropertyNames(props).sort(), ['properties', 'required', 'type']);
});

test('a config that is not an object validates nothing', () => {
  assert.deepEqual(validateOptions(undefined, { a: 1 }), []);
  assert.deepEqual(validateOptions([1], { a: 1 }), []);
});

test('unsafe keys in options are validated as plain data', () => {
  const options = JSON.parse('{"__proto__":{"x":1},"constructor":3}') as unknown;
  const issues = validateOptions({ type: 'object', additionalProperties: false, properties: { a: {} } }, options);
  assert.deepEqual(brief(issues), [['/__proto__', 'additionalProperties'], ['/constructor', 'additionalProperties']]);
});

test('format uri is left to DC/OS (it accepts relative references); other formats are checked', () => {
  const c = { properties: { u: { type: 'string', format: 'uri' }, e: { type: 'string', format: 'email' } } };
  assert.deepEqual(brief(validateOptions(c, { u: '/relative/path', e: 'not-an-email' })), [['/e', 'format']]);
});

test('enum and const values are compared as written, never rewritten', () => {
  const c = { properties: { o: { enum: [{ format: 'uri', pattern: '[' }] } } };
  assert.deepEqual(validateOptions(c, { o: { format: 'uri', pattern: '[' } }), []);
  assert.deepEqual(brief(validateOptions(c, { o: { format: 'uri' } })), [['/o', 'enum']]);
});
