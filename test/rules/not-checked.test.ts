import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { notChecked } from '../../scripts/lib/rules/not-checked.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const config = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'object', properties: { service: { type: 'object', properties } }, ...extra }, null, 2);
const files = (over: Record<string, MemoryFile | undefined>, packagingVersion = '6.0') => revisionFiles('widget', 0, { packageJson: { packagingVersion, version: '1.0.0' }, files: over });
const notes = async (over: Record<string, MemoryFile | undefined>, packagingVersion?: string) =>
  (await check(files(over, packagingVersion), [notChecked])).map((d) => [d.file, d.severity, (d.data?.rules as string[]).join(','), d.message.replace(/^not checked: [^,]*, because /, '').replace(/: fix that first.*$/, '')]);

test('not-checked: nothing to note on a clean revision, nor on a package that needs user options', async () => {
  assert.deepEqual(await notes({}), []);
  const required = JSON.stringify({ type: 'object', properties: { service: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } });
  assert.deepEqual(await notes({ 'config.json': required }), []);
});

test('not-checked: a template that does not parse is neither rendered nor resolved', async () => {
  assert.deepEqual(await notes({ 'marathon.json.mustache': '{"id": "{{service.name}"}', 'job.aurora.mustache': 'jobs = [{{#x}}]' }), [
    [`${R}/job.aurora.mustache`, 'info', 'aurora-render,template-unknown-variable', 'the template does not parse (see template-syntax)'],
    [`${R}/marathon.json.mustache`, 'info', 'template-render,template-unknown-variable', 'the template does not parse (see template-syntax)'],
  ]);
});

test('not-checked: config.json or resource.json that cannot be used', async () => {
  assert.deepEqual(await notes({ 'config.json': '[1]' }), [[`${R}/marathon.json.mustache`, 'info', 'template-render,template-unknown-variable', 'config.json is not a usable JSON object (see the findings on it)']]);
  assert.deepEqual(await notes({ 'resource.json': '{"assets": ' }), [[`${R}/marathon.json.mustache`, 'info', 'template-render,template-unknown-variable', 'resource.json cannot be used (see the findings on it)']]);
});

test('not-checked: a config.json still invalid without its invalid keywords stops the defaults check and the render', async () => {
  // exclusiveMinimum needs minimum: the offending schema is config.json itself, which cannot be left out.
  const cfg = config({ name: { type: 'string', default: 'w' } }, { exclusiveMinimum: true });
  const got = await notes({ 'config.json': cfg });
  assert.deepEqual(got.map((n) => n.slice(0, 3)), [
    [`${R}/config.json`, 'info', 'config-defaults'],
    [`${R}/marathon.json.mustache`, 'info', 'template-render'],
  ]);
  assert.match(String(got[1]![3]), /not a schema the defaults can be validated against/);
});

test('not-checked: a config.json the option validator cannot use gets one note naming every check it stopped', async () => {
  // A $ref to a document nothing defines: the validator cannot resolve it.
  const cfg = JSON.stringify({ type: 'object', properties: { a: { $ref: 'http://example.com/remote.json', default: 'x' } } });
  assert.deepEqual((await notes({ 'config.json': cfg })).map((n) => n.slice(0, 3)), [[`${R}/config.json`, 'info', 'config-defaults,template-render']]);
});

test('not-checked: invalid defaults the render failed on, with nothing of the right type to stand in', async () => {
  const cfg = config({ roles: { type: 'string', enum: ['a'], default: '"*", "x"' } });
  assert.deepEqual(await notes({ 'config.json': cfg, 'marathon.json.mustache': '{"roles": [{{service.roles}}]}' }), [
    [`${R}/marathon.json.mustache`, 'info', 'template-render', "config.json's defaults are invalid (see config-defaults) and the template did not render with them"],
  ]);
  // An Aurora job is not rendered with invalid defaults at all; a note in legacy packages too.
  const aurora = { 'config.json': config({ n: { type: 'integer', default: 'x' } }), 'marathon.json.mustache': undefined, 'job.aurora.mustache': 'jobs = [Job(name="{{service.n}}")]\n' };
  assert.deepEqual((await notes(aurora)).map((n) => n.slice(0, 3)), [[`${R}/job.aurora.mustache`, 'info', 'aurora-render']]);
  assert.deepEqual((await notes({ 'config.json': cfg, 'marathon.json.mustache': '{"roles": [{{service.roles}}]}' }, '3.0')).map((n) => n[1]), ['info']);
});

/** A 6.0 revision with a wrong type in config.json, a bad default and a template missing a comma. */
const THREE_DEFECTS = {
  'config.json': config({ name: { type: 'strnig', default: 'widget' }, cpus: { type: 'number', default: 'lots' } }),
  'marathon.json.mustache': '{\n  "id": "{{service.name}}",\n  "cpus": {{service.cpus}},\n  "cmd": "sleep 1"\n  "mem": 32\n}\n',
};

test('one run reports every problem: a wrong type in config.json, a bad default, and a template missing a comma', async () => {
  const r = await validateSnapshot(new MemorySnapshot(files(THREE_DEFECTS)));
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.file, d.line, d.severity]), [
    ['schema-config-draft04', `${R}/config.json`, 8, 'error'],
    ['config-defaults', `${R}/config.json`, 13, 'error'],
    ['template-render', `${R}/marathon.json.mustache`, 5, 'error'],
  ]);
});

test('one run reports every problem: where the bad default breaks the template itself, two findings and a note naming the third check', async () => {
  const over = { ...THREE_DEFECTS, 'config.json': config({ name: { type: 'strnig', default: 'widget' }, cmd: { type: 'string', enum: ['x'], default: 'a", "b' } }), 'marathon.json.mustache': '{\n  "id": "{{service.name}}",\n  "cmd": [{{service.cmd}}]\n  "mem": 32\n}\n' };
  const r = await validateSnapshot(new MemorySnapshot(files(over)));
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.file, d.severity]), [
    ['schema-config-draft04', `${R}/config.json`, 'error'],
    ['config-defaults', `${R}/config.json`, 'error'],
    ['not-checked', `${R}/marathon.json.mustache`, 'info'],
  ]);
  assert.match(r.diagnostics[2]!.message, /^not checked: template-render, because config\.json's defaults are invalid \(see config-defaults\)/);
});
