import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../../scripts/cli/commands/describe.js';
import { UsageError } from '../../scripts/cli/io.js';
import { constraintNotes, flattenOptions } from '../../scripts/lib/consume/options.js';
import { CannotRunError } from '../../scripts/lib/diagnostics/errors.js';
import { fakeIo, sampleArtifact } from './artifact.js';

async function describe(args: string[]): Promise<string> {
  const io = fakeIo();
  assert.equal(await run([...args, '--index', await sampleArtifact()], io), 0);
  return io.stdout();
}

test('describe --json: metadata, notes, flattened options and the versions of a sample package', async () => {
  const d = JSON.parse(await describe(['emberkv', '--json'])) as Record<string, unknown> & { options: Array<Record<string, unknown>> };
  assert.deepEqual(Object.keys(d), ['name', 'version', 'revision', 'packagingVersion', 'description', 'tags', 'categories', 'licenses', 'notes', 'descriptors', 'options', 'versions', 'maintainer', 'website', 'scm', 'minDcosReleaseVersion']);
  assert.equal(d.name, 'emberkv');
  assert.equal(d.version, '1.2.0');
  assert.equal(d.revision, 2);
  assert.equal(d.packagingVersion, '6.0');
  assert.equal(d.maintainer, 'emberkv-team@example.com');
  assert.deepEqual(d.tags, ['database', 'key-value', 'raft']);
  assert.deepEqual(d.categories, ['databases', 'storage']);
  assert.equal(d.website, 'https://emberkv.example.com/');
  assert.deepEqual(d.licenses, [{ name: 'Apache License Version 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }]);
  assert.deepEqual(Object.keys(d.notes as object), ['preInstall', 'postInstall', 'postUninstall']);
  assert.deepEqual(d.descriptors, ['marathon']);
  assert.deepEqual(d.options.slice(0, 4), [
    { name: 'service', type: 'object', required: false, description: 'DC/OS service configuration.' },
    { name: 'service.name', type: 'string', default: 'emberkv', required: true, description: 'Name of the Marathon app; also the name of the VIP clients connect to.' },
    { name: 'service.user', type: 'string', default: 'nobody', required: false, description: 'Linux user the EmberKV processes run as.' },
    { name: 'node', type: 'object', required: false, description: 'Resources of each EmberKV node.' },
  ]);
  assert.deepEqual(d.options.find((o) => o.name === 'security.tls_enabled'), { name: 'security.tls_enabled', type: 'boolean', default: false, required: false, description: 'Serve clients over TLS with a certificate from the DC/OS certificate authority.' });
  assert.deepEqual(d.versions, [
    { version: '1.2.0', revision: 2, packagingVersion: '6.0' },
    { version: '1.1.0', revision: 1, packagingVersion: '5.0' },
    { version: '1.0.0', revision: 0, packagingVersion: '4.0' },
  ]);
});

test('describe PACKAGE@VERSION, a deprecated package, an Aurora job, and the pretty form', async () => {
  const old = JSON.parse(await describe(['emberkv@1.0.0', '--json'])) as { revision: number; packagingVersion: string; categories: string[] };
  assert.equal(old.revision, 0);
  assert.deepEqual(old.categories, [], 'categories exist from packaging version 6.0');
  const pulse = JSON.parse(await describe(['pulse-agent', '--json'])) as { deprecated?: { replacement?: string } };
  assert.equal(pulse.deprecated?.replacement, 'gauge-collector');
  const batch = JSON.parse(await describe(['report-batch', '--json'])) as { descriptors: string[]; dependencies?: Record<string, string> };
  assert.deepEqual(batch.descriptors, ['aurora']);
  assert.deepEqual(batch.dependencies, { bucketgate: '>=3.0.0 <4.0.0', emberkv: '~1.2.0' });
  const pretty = await describe(['emberkv']);
  assert.match(pretty, /^emberkv 1\.2\.0 \(revision 2, packaging version 6\.0\)\n/);
  assert.match(pretty, /^Maintainer: +emberkv-team@example\.com$/m);
  assert.match(pretty, /^ {2}NAME +TYPE +DEFAULT +REQUIRED +DESCRIPTION$/m);
  assert.match(pretty, /^ {2}service\.name +string +"emberkv" +yes +Name of the Marathon app/m);
  assert.match(pretty, /^Versions: 1\.2\.0 \(revision 2\), 1\.1\.0 \(revision 1\), 1\.0\.0 \(revision 0\)$/m);
  assert.match(await describe(['pulse-agent']), /^DEPRECATED: +Pulse Agent is no longer maintained.*\(replacement: gauge-collector\)$/m);
});

test('describe: unknown package or version is exit 2 with what exists; usage errors', async () => {
  const dir = await sampleArtifact();
  await assert.rejects(run(['emberkv@3', '--index', dir], fakeIo()), (e: unknown) => e instanceof CannotRunError && /its versions are: 1\.2\.0 \(revision 2\), 1\.1\.0 \(revision 1\), 1\.0\.0 \(revision 0\)/.test(e.message));
  await assert.rejects(run(['logshipper', '--index', dir], fakeIo()), (e: unknown) => e instanceof CannotRunError && /unknown package 'logshipper'/.test(e.message));
  await assert.rejects(run([], fakeIo()), UsageError);
});

test('flattenOptions: dotted names in declaration order, required from the parent, defaults even when null', () => {
  const rows = flattenOptions({
    properties: {
      b: { type: ['string', 'null'], default: null },
      a: { type: 'object', required: ['x'], properties: { x: { type: 'integer' }, y: { properties: { z: { default: [1] } } } } },
    },
    required: ['a'],
  });
  assert.deepEqual(
    rows.map((r) => [r.name, r.type, r.hasDefault, r.default, r.required, r.depth]),
    [
      ['b', 'string|null', true, null, false, 0],
      ['a', 'object', false, undefined, true, 0],
      ['a.x', 'integer', false, undefined, true, 1],
      ['a.y', undefined, false, undefined, false, 1],
      ['a.y.z', undefined, true, [1], false, 2],
    ],
  );
  assert.deepEqual(flattenOptions(undefined), []);
  assert.deepEqual(flattenOptions({ properties: [] }), []);
});

test('describe --json: each option carries the constraints config.json states (enum, bounds), and none when it states none', async () => {
  const d = JSON.parse(await describe(['emberkv', '--json'])) as { options: Array<{ name: string; constraints?: unknown }> };
  const byName = new Map(d.options.map((o) => [o.name, o]));
  assert.deepEqual(byName.get('emberkv.log_level')?.constraints, { enum: ['debug', 'info', 'warn', 'error'] });
  assert.deepEqual(byName.get('networking.port')?.constraints, { minimum: 1, maximum: 65535 });
  assert.deepEqual(byName.get('node.cpus')?.constraints, { minimum: 0.5 });
  assert.equal('constraints' in byName.get('service.name')!, false);
  assert.equal('constraints' in byName.get('security.tls_enabled')!, false);
});

test('describe: the pretty table shows the allowed values after the description', async () => {
  const pretty = await describe(['emberkv']);
  assert.match(pretty, /^ {2}emberkv\.log_level +string +"info" +Verbosity of the node logs\. \(one of "debug", "info", "warn", "error"\)$/m);
  assert.match(pretty, /^ {2}networking\.port +integer +7379 +Port of the VIP clients connect to\. \(>= 1; <= 65535\)$/m);
  assert.match(pretty, /^ {2}security\.tls_enabled +boolean +false +Serve clients over TLS[^(]*$/m);
});

test("an option's constraints: enum, draft-04 and numeric exclusive bounds, lengths, pattern and format; nothing else", () => {
  const optionConstraints = (schema: Record<string, unknown>): unknown => flattenOptions({ properties: { x: schema } })[0]!.constraints;
  assert.equal(optionConstraints({ type: 'string', description: 'x', default: 'a' }), undefined);
  assert.deepEqual(optionConstraints({ enum: ['a', 1, null], minimum: 0, exclusiveMinimum: true, maximum: 10 }), { enum: ['a', 1, null], minimum: 0, exclusiveMinimum: true, maximum: 10 });
  // Later drafts: the exclusive bound is the number, when it is the stricter one.
  assert.deepEqual(optionConstraints({ exclusiveMinimum: 5, minimum: 3, exclusiveMaximum: 9 }), { minimum: 5, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: true });
  assert.deepEqual(optionConstraints({ exclusiveMinimum: 5, minimum: 7 }), { minimum: 7 });
  assert.deepEqual(optionConstraints({ minLength: 1, maxLength: 63, pattern: '^[a-z]+$', format: 'uri' }), { minLength: 1, maxLength: 63, pattern: '^[a-z]+$', format: 'uri' });
  // Values of the wrong type are not constraints.
  assert.equal(optionConstraints({ minimum: '1', maxLength: Infinity, pattern: 3, enum: 'a', exclusiveMaximum: true }), undefined);
});

test('constraintNotes: the notes the catalogue shows, in its order, for people', () => {
  assert.deepEqual(
    constraintNotes({ enum: ['a', 2], minimum: 0, exclusiveMinimum: true, maximum: 10, minLength: 1, maxLength: 63, pattern: '^x', format: 'uri' }),
    ['one of "a", 2', '> 0', '<= 10', 'at least 1 character', 'at most 63 characters', 'matches ^x', 'format uri'],
  );
  assert.deepEqual(constraintNotes({ minimum: 1, maximum: 5, exclusiveMaximum: true }), ['>= 1', '< 5']);
  assert.deepEqual(constraintNotes({}), []);
});

test('flattenOptions: rows carry their constraints', () => {
  const rows = flattenOptions({ properties: { a: { type: 'object', properties: { b: { type: 'string', enum: ['x'] } } }, c: { type: 'integer' } } });
  assert.deepEqual(rows.map((r) => [r.name, r.constraints]), [['a', undefined], ['a.b', { enum: ['x'] }], ['c', undefined]]);
});
