import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles } from '../helpers/repo.js';
import { templateRender } from '../../scripts/lib/rules/template-render.js';

const FILE = 'packages/W/web/0/marathon.json.mustache';
const config = (properties: Record<string, unknown>, required: string[] = []) =>
  JSON.stringify({ type: 'object', properties: { service: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) } } }, null, 2);
const defaults = config({ name: { type: 'string', default: 'web' }, cpus: { type: 'number', default: 0.5 }, cmd: { type: 'string' } });
const run = async (template: string, cfg: string | undefined = defaults, packagingVersion = '6.0') => {
  const diags = await check(revisionFiles('web', 0, { packageJson: { packagingVersion }, files: { 'config.json': cfg, 'marathon.json.mustache': template } }), [templateRender]);
  return diags.map((d) => [d.code, d.file, d.pointer, d.line, d.column, d.severity, d.data?.emptyVariables ?? d.data?.stage]);
};

test('template-render: templates that render to a JSON object pass', async () => {
  assert.deepEqual(await run('{"id": "{{service.name}}", "cpus": {{service.cpus}}{{#service.cmd}}, "cmd": "{{service.cmd}}"{{/service.cmd}}}'), []);
  assert.deepEqual(await run('{"id": "x"}', undefined), []);
  // Quoted empty values are valid JSON strings.
  assert.deepEqual(await run('{"cmd": "{{service.cmd}}"}'), []);
});

test('template-render: skipped when the defaults are incomplete or invalid, or the template does not parse', async () => {
  const required = config({ name: { type: 'string' } }, ['name']);
  assert.deepEqual(await run('{"id": {{service.name}}}', required), []);
  assert.deepEqual(await run('{"cpus": {{service.cpus}', config({ cpus: { type: 'number', default: 'x' } })), []);
  assert.deepEqual(await run('{"id": "{{service.name}"}'), []);
});

test('template-render: an optional option without default rendering empty is located at its tag', async () => {
  const template = '{\n  "id": "{{service.name}}",\n  "cmd": {{service.cmd}},\n  "cpus": 1\n}\n';
  assert.deepEqual(await run(template), [['template-render', FILE, '', 3, 10, 'error', ['service.cmd']]]);
});

test('template-render: JSON broken by the template text or a string value, and non-objects', async () => {
  assert.deepEqual(await run('{\n  "id": "{{service.name}}",\n}'), [['template-render', FILE, '', 3, 1, 'error', []]]);
  const roles = config({ roles: { type: 'string', default: '"*", "public"' } });
  assert.deepEqual(await run('{"roles": [{{service.roles}}]}', roles), [['template-render', FILE, '', 1, 12, 'error', []]]);
  assert.deepEqual(await run('["{{service.name}}"]'), [['template-render', FILE, '', 1, 1, 'error', 'not-object']]);
});

test('template-render: legacy packaging versions get a warning', async () => {
  assert.deepEqual(await run('{"cmd": {{service.cmd}}}', defaults, '3.0'), [['template-render', FILE, '', 1, 9, 'warning', ['service.cmd']]]);
});

test('template-render: unsafe option names render as plain data and pollute nothing', async () => {
  const cfg = '{"type": "object", "properties": {"__proto__": {"type": "object", "properties": {"x": {"type": "string", "default": "p"}}}, "constructor": {"type": "string", "default": "c"}}}';
  assert.deepEqual(await run('{"a": "{{__proto__.x}}", "b": "{{constructor}}", "c": "{{toString}}"}', cfg), []);
  assert.deepEqual(await run('{"a": {{toString}}}', cfg), [['template-render', FILE, '', 1, 7, 'error', ['toString']]]);
  assert.equal(({} as Record<string, unknown>).x, undefined);
});

test('template-render: still rendered when config.json is not a valid draft-04 schema, the invalid keywords left out', async () => {
  assert.deepEqual(await run('{"cmd": {{service.cmd}}}', config({ cmd: { type: 'strng' } })), [['template-render', FILE, '', 1, 9, 'error', ['service.cmd']]]);
  assert.deepEqual(await run('{"cmd": "{{service.cmd}}"}', config({ cmd: { type: 'strng' } })), []);
});

test('template-render: invalid defaults do not hide a defect of the template itself', async () => {
  const wrongCpus = config({ name: { type: 'string', default: 'web' }, cpus: { type: 'number', default: 'lots' } });
  // The wrong default alone breaks nothing once a number stands in for it.
  assert.deepEqual(await run('{"id": "{{service.name}}", "cpus": {{service.cpus}}}', wrongCpus), []);
  // A missing comma is the template's, whatever the defaults: reported, saying what stood in.
  const diags = await check(
    revisionFiles('web', 0, { packageJson: { packagingVersion: '6.0' }, files: { 'config.json': wrongCpus, 'marathon.json.mustache': '{\n  "cpus": {{service.cpus}},\n  "id": "x"\n  "cmd": "y"\n}' } }),
    [templateRender],
  );
  assert.deepEqual(diags.map((d) => [d.code, d.line, d.column, d.severity, d.data?.standIns]), [['template-render', 4, 3, 'error', ['service.cpus']]]);
  assert.match(diags[0]!.message, /^with the default options \('service\.cpus' given a value of its declared type, since its default is invalid\) the rendered template is not valid JSON/);
  // A default invalid in another way (out of range) renders as it is; the missing comma is still found.
  const range = config({ cpus: { type: 'number', minimum: 1, default: 0 } });
  assert.deepEqual(await run('{"cpus": {{service.cpus}} "id": "x"}', range), [['template-render', FILE, '', 1, 27, 'error', []]]);
});

test('template-render: a failure on an invalid default that nothing can stand in for is left to config-defaults', async () => {
  // An enum violation has the right type: the value itself breaks the JSON, so it is the default's fault.
  const cfg = config({ roles: { type: 'string', enum: ['a'], default: '"*", "x"' } });
  assert.deepEqual(await run('{"roles": [{{service.roles}}], "x": 1}', cfg), []);
});
