import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles } from '../helpers/repo.js';
import { templateSyntax } from '../../scripts/lib/rules/template-syntax.js';

const DIR = 'packages/W/web/0';
const run = async (files: Record<string, string | Uint8Array | undefined>, packageJson?: Record<string, unknown>) =>
  (await check(revisionFiles('web', 0, { files, ...(packageJson ? { packageJson } : {}) }), [templateSyntax])).map((d) => [d.code, d.file, d.pointer, d.line, d.column, d.severity]);

test('template-syntax: well-formed templates pass', async () => {
  assert.deepEqual(await run({}), []);
  assert.deepEqual(await run({ 'marathon.json.mustache': '{"id": "{{service.name}}"{{#x}}, "a": 1{{/x}}{{^x}}{{/x}}}' }), []);
  assert.deepEqual(await run({ 'marathon.json.mustache': undefined }), []);
  // Unreadable text is another rule's business.
  assert.deepEqual(await run({ 'marathon.json.mustache': new Uint8Array([0x7b, 0xff, 0x7d]) }), []);
});

test('template-syntax: parse errors are located in the template', async () => {
  const table: Array<[string, number, number]> = [
    ['{\n  "id": "{{service.name"\n}\n', 2, 10],
    ['{\n{{#service}}\n  "a": 1\n}\n', 2, 1],
    ['{\n  "a": 1{{/x}}\n}', 2, 9],
    ['{\n  {{> common}}\n}', 2, 3],
  ];
  for (const [template, line, column] of table) {
    assert.deepEqual(await run({ 'marathon.json.mustache': template }), [['template-syntax', `${DIR}/marathon.json.mustache`, '', line, column, 'error']], template);
  }
});

test('template-syntax: job.aurora.mustache is checked too', async () => {
  const files = { 'job.aurora.mustache': 'jobs = [\n  Job(name = "{{service.name}}"{{#x}})\n]\n' };
  assert.deepEqual(await run(files, { packagingVersion: '6.0' }), [['template-syntax', `${DIR}/job.aurora.mustache`, '', 2, 32, 'error']]);
});
