import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate, type ParsedTemplate } from '../../scripts/lib/render/template.js';
import { unresolvedVariables } from '../../scripts/lib/render/variables.js';

const tokens = (text: string): ParsedTemplate['tokens'] => {
  const p = parseTemplate(text);
  assert.ok(!('error' in p));
  return p.tokens;
};

const config = {
  type: 'object',
  properties: {
    service: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        principal: { type: 'string' },
        tls: { type: 'object', properties: { enabled: { type: 'boolean' } }, dependencies: { enabled: { oneOf: [{ properties: { enabled: { enum: [false] } } }, { properties: { enabled: { enum: [true] }, cert_file: { type: 'string' } } }] } } },
        labels: { type: 'object' },
        env: { type: 'object', properties: { A: { type: 'string' } }, additionalProperties: { type: 'string' } },
        nodes: { type: 'array', items: { type: 'object', properties: { host: { type: 'string' } } } },
        volumes: { type: 'array' },
        free: { anyOf: [{ type: 'string' }, { type: 'object' }] },
      },
    },
    storage: { type: 'object', properties: { persistence: { type: 'object', properties: { host_volume_size: { type: 'integer' } } } } },
  },
};
const resource = { assets: { container: { docker: { web: 'img' } } } };
const unresolved = (text: string, c: unknown = config, r: unknown = resource): Array<[string, number, string | undefined]> =>
  unresolvedVariables(tokens(text), c === null ? undefined : c, r === null ? undefined : r).map((u) => [u.name, u.offset, u.suggestion]);

test('an unresolved reference carries its kind, offset and enclosing sections', () => {
  const vars = unresolvedVariables(tokens('{{a}}{{{b}}}{{&c}}{{#d}}{{/d}}{{^e}}{{#g}}{{/g}}{{f}}{{/e}}{{! h }}'), undefined, undefined);
  assert.deepEqual(
    vars.map((v) => [v.name, v.kind, v.offset, v.sections.map((s) => s.kind + s.name).join(' ')]),
    [
      ['a', 'name', 0, ''],
      ['b', '&', 5, ''],
      ['c', '&', 12, ''],
      ['d', '#', 18, ''],
      ['e', '^', 30, ''],
      ['g', '#', 36, '^e'],
      ['f', 'name', 48, '^e'],
    ],
  );
});

test('declared options, resource members and open objects resolve', () => {
  const t = [
    '{{service.name}}{{service.tls.enabled}}{{service.tls.cert_file}}',
    '{{service.labels.anything.at.all}}{{service.env.A}}{{service.env.OTHER}}',
    '{{service.volumes.0.path}}{{service.free.x}}{{storage.persistence.host_volume_size}}',
    '{{resource.assets.container.docker.web}}{{.}}',
  ].join('');
  assert.deepEqual(unresolved(t), []);
});

test('names resolve through the context of the enclosing sections', () => {
  assert.deepEqual(unresolved('{{#service}}{{name}}{{#tls}}{{enabled}}{{name}}{{/tls}}{{/service}}{{#service.nodes}}{{host}}{{service.name}}{{/service.nodes}}'), []);
  assert.deepEqual(unresolved('{{#service.nodes}}{{hots}}{{/service.nodes}}'), [['hots', 18, 'host']]);
  // An inverted section pushes no context.
  assert.deepEqual(unresolved('{{^service}}{{name}}{{/service}}'), [['name', 12, undefined]]);
});

test('typos are unresolved, with the closest declared path as a suggestion', () => {
  assert.deepEqual(unresolved('{{service.nmae}}\n{{service.princial}}\n{{storage.host_volume_size}}\n{{resource.assets.container.docker.wbe}}\n{{nothing}}'), [
    ['service.nmae', 0, 'service.name'],
    ['service.princial', 17, 'service.principal'],
    ['storage.host_volume_size', 38, 'storage.persistence.host_volume_size'],
    ['resource.assets.container.docker.wbe', 67, 'resource.assets.container.docker.web'],
    ['nothing', 108, undefined],
  ]);
});

test('an unknown section is reported once, not once per name inside it', () => {
  assert.deepEqual(unresolved('{{#servce}}{{name}}{{cpus}}{{/servce}}'), [['servce', 0, 'service']]);
});

test('without resource.json, resource.* is unresolved; without config.json, every option is', () => {
  assert.deepEqual(unresolved('{{resource.assets.x}}{{service.name}}', config, null), [['resource.assets.x', 0, undefined]]);
  assert.deepEqual(unresolved('{{service.name}}{{resource.assets.container}}', null, resource), [['service.name', 0, undefined]]);
});

test('additionalProperties true or a schema opens an object; its absence does not', () => {
  const c = (extra: unknown): unknown => ({ type: 'object', properties: { s: { type: 'object', properties: { a: {} }, ...(extra === undefined ? {} : { additionalProperties: extra }) } } });
  assert.deepEqual(unresolved('{{s.b}}', c(true)), []);
  assert.deepEqual(unresolved('{{s.b}}', c({ type: 'string' })), []);
  assert.deepEqual(unresolved('{{s.b}}', c(false)).map((u) => u[0]), ['s.b']);
  assert.deepEqual(unresolved('{{s.b}}', c(undefined)).map((u) => u[0]), ['s.b']);
  assert.deepEqual(unresolved('{{x}}', { type: 'object', additionalProperties: true }), []);
});
