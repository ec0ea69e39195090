import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles } from '../helpers/repo.js';
import { templateUnknownVariable } from '../../scripts/lib/rules/template-unknown-variable.js';

const DIR = 'packages/W/web/0';
const run = async (files: Record<string, string | undefined>, packagingVersion = '6.0') => {
  const diags = await check(revisionFiles('web', 0, { packageJson: { packagingVersion }, files }), [templateUnknownVariable]);
  return diags.map((d) => [d.code, d.file, d.pointer, d.line, d.column, d.severity, d.data?.variable, d.data?.suggestion]);
};

test('template-unknown-variable: declared options, resource members and section context pass', async () => {
  assert.deepEqual(await run({}), []);
  assert.deepEqual(await run({ 'marathon.json.mustache': '{"id": "{{service.name}}", "icon": "{{resource.images.icon-small}}"{{#service}}, "n": "{{name}}"{{/service}}}' }), []);
});

test('template-unknown-variable: one finding per unknown name, at its first use, with a suggestion', async () => {
  const template = '{\n  "id": "{{service.nmae}}",\n  "x": "{{service.nmae}}",\n  {{#servce.on}}"y": 1,{{/servce.on}}\n  "z": "{{resource.images.icon-smal}}"\n}';
  assert.deepEqual(await run({ 'marathon.json.mustache': template }), [
    ['template-unknown-variable', `${DIR}/marathon.json.mustache`, '', 2, 10, 'warning', 'service.nmae', 'service.name'],
    ['template-unknown-variable', `${DIR}/marathon.json.mustache`, '', 4, 3, 'warning', 'servce.on', undefined],
    ['template-unknown-variable', `${DIR}/marathon.json.mustache`, '', 5, 9, 'warning', 'resource.images.icon-smal', 'resource.images.icon-small'],
  ]);
});

test('template-unknown-variable: job.aurora.mustache is checked too', async () => {
  const files = { 'job.aurora.mustache': 'jobs = [Job(name = "{{service.nam}}")]\n' };
  assert.deepEqual(await run(files), [['template-unknown-variable', `${DIR}/job.aurora.mustache`, '', 1, 21, 'warning', 'service.nam', 'service.name']]);
});

test('template-unknown-variable: nothing is reported when config.json or resource.json is unusable, or the template does not parse', async () => {
  const template = '{"id": "{{service.nmae}}"}';
  assert.deepEqual(await run({ 'marathon.json.mustache': template, 'config.json': '{"properties": ' }), []);
  assert.deepEqual(await run({ 'marathon.json.mustache': template, 'resource.json': '[' }), []);
  assert.deepEqual(await run({ 'marathon.json.mustache': '{"id": "{{service.nmae}}"{{#x}}' }), []);
});
