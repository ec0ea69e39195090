import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDefaults } from '../../scripts/lib/render/defaults.js';
import { checkRendered, definesAuroraJobs, renderDescriptor, type DescriptorDocs, type RenderResult } from '../../scripts/lib/render/descriptor.js';

const config = {
  type: 'object',
  properties: {
    service: {
      type: 'object',
      properties: {
        name: { type: 'string', default: 'web' },
        cpus: { type: 'number', default: 0.5 },
        cmd: { type: 'string' },
      },
    },
  },
};
const resource = { assets: { container: { docker: { image: 'example/web:1.0' } } } };
const template = '{\n  "id": "{{service.name}}",\n  "cpus": {{service.cpus}},\n  "container": {"docker": {"image": "{{resource.assets.container.docker.image}}"}}\n}\n';

const failure = <S extends string>(r: RenderResult, stage: S): Extract<RenderResult, { ok: false; stage: S }> => {
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal((r as { stage?: string }).stage, stage, JSON.stringify(r));
  return r as Extract<RenderResult, { ok: false; stage: S }>;
};

test('defaults, user options and resource.json render into a Marathon app object', () => {
  const r = renderDescriptor({ kind: 'marathon', template, config, resource }, { service: { name: 'my "web"' } });
  assert.ok(r.ok);
  assert.deepEqual(r.value, { id: 'my "web"', cpus: 0.5, container: { docker: { image: 'example/web:1.0' } } });
  assert.deepEqual(r.options, { service: { name: 'my "web"', cpus: 0.5 } });
});

test('resource.json wins over an option named resource', () => {
  const c = { type: 'object', properties: { resource: { type: 'object', properties: { assets: { type: 'object', default: { x: 1 } }, extra: { type: 'string', default: 'e' } } } } };
  const r = renderDescriptor({ kind: 'marathon', template: '{"a": {{resource.assets}}, "e": "{{resource.extra}}"}', config: c, resource: { assets: { y: 2 } } });
  assert.ok(r.ok);
  assert.deepEqual(r.value, { a: { x: 1, y: 2 }, e: 'e' });
});

test('invalid options stop before rendering, with the issues', () => {
  const f = failure(renderDescriptor({ kind: 'marathon', template, config, resource }, { service: { cpus: 'many' } }), 'options');
  assert.deepEqual(f.issues.map((i) => i.pointer), ['/service/cpus']);
});

test('options for a package without config.json are refused', () => {
  const f = failure(renderDescriptor({ kind: 'marathon', template: '{}' }, { a: 1 }), 'options');
  assert.deepEqual(f.issues.map((i) => [i.pointer, i.keyword]), [['/a', 'additionalProperties']]);
  assert.ok(renderDescriptor({ kind: 'marathon', template: '{}' }).ok);
});

test('invalid JSON names the variable that rendered empty, with an excerpt and the template offset', () => {
  const t = '{\n  "id": "{{service.name}}",\n  "cmd": {{service.cmd}},\n  "cpus": 1\n}';
  const f = failure(renderDescriptor({ kind: 'marathon', template: t, config }), 'json');
  assert.deepEqual(f.empty, ['service.cmd']);
  assert.equal(f.offset, t.indexOf('{{service.cmd}}'));
  assert.match(f.message, /rendered line 3: `"cmd": ,`/);
  assert.equal(f.text.split('\n')[2], '  "cmd": ,');
});

test('invalid JSON inside a string value names the variable', () => {
  const c = { properties: { roles: { type: 'string', default: '"*", "public"' } } };
  const f = failure(renderDescriptor({ kind: 'marathon', template: '{"roles": [{{{roles}}}]}', config: c }), 'json');
  assert.equal(f.variable, 'roles');
  assert.deepEqual(f.empty, []);
  assert.equal(f.offset, 11);
});

test('invalid JSON in the template text itself points into the template', () => {
  const t = '{\n  "a": 1,\n  "b": 2,\n}';
  const f = failure(renderDescriptor({ kind: 'marathon', template: t }), 'json');
  assert.equal(f.offset, t.lastIndexOf('}'));
  assert.deepEqual(f.empty, []);
  assert.equal(f.variable, undefined);
  assert.match(f.message, /rendered line 4: `"b": 2, \| }`/);
});

test('valid JSON that is not an object is its own stage', () => {
  const f = failure(renderDescriptor({ kind: 'marathon', template: '  [1, 2]' }), 'not-object');
  assert.equal(f.offset, 2);
  assert.match(f.message, /an array/);
});

test('a template that does not parse is the template stage', () => {
  const f = failure(renderDescriptor({ kind: 'marathon', template: '{{#a}}' }), 'template');
  assert.equal(f.offset, 0);
});

test('Aurora templates render to text; definesAuroraJobs looks for a top-level jobs list', () => {
  const r = renderDescriptor({ kind: 'aurora', template: 'proc = Process(name="{{service.name}}")\njobs = [Job(name="x")]\n', config });
  assert.ok(r.ok);
  assert.equal(r.value, undefined);
  assert.ok(definesAuroraJobs(r.text));
  assert.ok(definesAuroraJobs('a = 1\njobs=[\n]'));
  assert.ok(!definesAuroraJobs('  jobs = [x]'));
  assert.ok(!definesAuroraJobs('myjobs = [x]\n# jobs = [x]'));
});

test('checkRendered gives the verdict and the failure of renderDescriptor with valid options, without keeping the output map', () => {
  const c = { properties: { roles: { type: 'string', default: '"*", "public"' }, service: config.properties.service } };
  const cases: Array<[DescriptorDocs['kind'], string]> = [
    ['marathon', template],
    ['marathon', '{\n  "id": "{{service.name}}",\n  "cmd": {{service.cmd}},\n  "cpus": 1\n}'],
    ['marathon', '{"roles": [{{{roles}}}]}'],
    ['marathon', '{\n  "a": 1,\n  "b": 2,\n}'],
    ['marathon', '  [1, 2]'],
    ['marathon', '{{#a}}'],
    ['marathon', '{{#service}}{{#service}}{{#service}}{{/service}}{{/service}}{{/service}}'],
    ['aurora', 'jobs = [Job(name="{{service.name}}")]\n'],
  ];
  for (const [kind, t] of cases) {
    const docs = { kind, template: t, config: c, resource };
    const merged = collectDefaults(c);
    const full = renderDescriptor(docs);
    assert.ok(full.ok || full.stage !== 'options', 'the defaults are valid options');
    const checked = checkRendered(docs, merged);
    if (full.ok) assert.deepEqual(checked, { ok: true, text: full.text }, t);
    else assert.deepEqual(checked, full, t);
  }
});
