import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, revisionFiles, triples } from '../helpers/repo.js';
import { schemaCommand } from '../../scripts/lib/rules/schema-command.js';

const FILE = 'packages/H/hello/0/command.json';
const files = (command: unknown) =>
  revisionFiles('hello', 0, { packageJson: { packagingVersion: '3.0' }, files: { 'command.json': JSON.stringify(command, null, 2) } });

const invalid: Array<[string, unknown, string[]]> = [
  ['no pip member', {}, ['']],
  ['pip that is a string', { pip: 'dcos-hello==1.0' }, ['/pip']],
  ['a non-string requirement', { pip: ['ok', 3] }, ['/pip/1']],
  ['an unknown member', { pip: [], npm: [] }, ['/npm']],
  ['a command.json that is an array', ['dcos-hello'], ['']],
];

test('schema-command accepts a pip requirements list', async () => {
  assert.deepEqual(await check(files({ pip: ['https://example.com/dcos_hello-0.1-py2.py3-none-any.whl'] }), [schemaCommand]), []);
  assert.deepEqual(await check(files({ pip: [] }), [schemaCommand]), []);
});

for (const [name, command, pointers] of invalid) {
  test(`schema-command reports ${name}`, async () => {
    assert.deepEqual(triples(await check(files(command), [schemaCommand])), pointers.map((p) => ['schema-command', FILE, p]));
  });
}

test('schema-command skips revisions without command.json', async () => {
  assert.deepEqual(await check(revisionFiles('hello', 0), [schemaCommand]), []);
});
