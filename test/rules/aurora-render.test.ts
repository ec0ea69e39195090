import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles } from '../helpers/repo.js';
import { auroraRender } from '../../scripts/lib/rules/aurora-render.js';

const FILE = 'packages/W/web/0/job.aurora.mustache';
const config = (properties: Record<string, unknown>, required: string[] = []) =>
  JSON.stringify({ type: 'object', properties: { service: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) } } }, null, 2);
const defaults = config({ name: { type: 'string', default: 'web' }, batch: { type: 'boolean', default: false }, owner: { type: 'string' } });
const run = async (aurora: string | undefined, cfg: string = defaults) => {
  const files = { 'config.json': cfg, 'marathon.json.mustache': undefined, 'job.aurora.mustache': aurora };
  const diags = await check(revisionFiles('web', 0, { packageJson: { packagingVersion: '6.0' }, files }), [auroraRender]);
  return diags.map((d) => [d.code, d.file, d.pointer, d.line, d.column, d.severity]);
};

const JOB = 'hello = Process(name = "{{service.name}}", cmdline = "echo hi")\njobs = [\n  Service(name = "{{service.name}}", role = "www-data", processes = [hello])\n]\n';

test('aurora-render: a template that defines jobs with the defaults passes', async () => {
  assert.deepEqual(await run(JOB), []);
  assert.deepEqual(await run(undefined), []);
});

test('aurora-render: no jobs list with the defaults is an error at the top of the template', async () => {
  assert.deepEqual(await run('hello = Process(name = "{{service.name}}")\n'), [['aurora-render', FILE, '', 1, 1, 'error']]);
  // Only defined inside a section that is off by default.
  assert.deepEqual(await run('{{#service.batch}}\njobs = [Job(name = "x")]\n{{/service.batch}}\n'), [['aurora-render', FILE, '', 1, 1, 'error']]);
});

test('aurora-render: skipped when the defaults are incomplete or the template does not parse', async () => {
  assert.deepEqual(await run('x = 1\n', config({ owner: { type: 'string' } }, ['owner'])), []);
  assert.deepEqual(await run('jobs = [{{#a}}]\n'), []);
});
