import { test } from 'node:test';
import assert from 'node:assert/strict';
import { W, at, commitCheck, configSchema, only, related, repoWith, widget } from './fixture.js';

const CODE = 'breaking/config-default-changed';
const C = (rev: number): string => W(rev, 'config.json');
const COUNT = '/properties/service/properties/count';

async function upgrade(t: Parameters<typeof repoWith>[0], config: string, packageJson: Record<string, unknown> = { version: '1.1.0', upgradesFrom: ['1.0.0'] }) {
  const { repo, base } = await repoWith(t, widget(0, { files: { 'config.json': configSchema() } }));
  return commitCheck(repo, base, widget(1, { packageJson, files: { 'config.json': config } }));
}

test('config-default-changed: a changed default is a warning at the new default, related to the published one', async (t) => {
  const report = await upgrade(t, configSchema({ count: { type: 'integer', minimum: 1, maximum: 10, default: 3 } }));
  assert.deepEqual(at(report, CODE), [[C(1), `${COUNT}/default`]]);
  const d = only(report, CODE)[0]!;
  assert.equal(d.severity, 'warning');
  assert.deepEqual(related(d), [[C(0), `${COUNT}/default`]]);
  assert.deepEqual(d.data, { option: 'service.count', kind: 'default-changed' });
  assert.deepEqual(at(report, 'breaking/config-incompatible'), []);
});

test('config-default-changed: a removed default of an optional option is a warning too', async (t) => {
  const report = await upgrade(t, configSchema({ count: { type: 'integer', minimum: 1, maximum: 10 } }));
  assert.deepEqual(at(report, CODE), [[C(1), COUNT]]);
  assert.deepEqual(only(report, CODE)[0]!.data, { option: 'service.count', kind: 'default-removed' });
});

test('config-default-changed: still a warning with a major version (upgrades still change behaviour)', async (t) => {
  const report = await upgrade(t, configSchema({ count: { type: 'integer', minimum: 1, maximum: 10, default: 3 } }), { version: '2.0.0', upgradesFrom: ['1.0.0'] });
  assert.deepEqual(at(report, CODE), [[C(1), `${COUNT}/default`]]);
});

test('config-default-changed: not when the new revision does not upgrade from the latest', async (t) => {
  const report = await upgrade(t, configSchema({ count: { type: 'integer', minimum: 1, maximum: 10, default: 3 } }), { version: '1.1.0' });
  assert.deepEqual(at(report, CODE), []);
});

test('config-default-changed: an unchanged or newly added default is fine', async (t) => {
  assert.deepEqual(at(await upgrade(t, configSchema()), CODE), []);
  assert.deepEqual(at(await upgrade(t, configSchema({ extra: { type: 'string', default: 'x' } })), CODE), []);
});

test('config-default-changed: found in the staged changes', async (t) => {
  const { repo } = await repoWith(t, widget(0, { files: { 'config.json': configSchema() } }));
  repo.write(widget(1, { packageJson: { version: '1.1.0', upgradesFrom: ['1.0.0'] }, files: { 'config.json': configSchema({ mode: { type: 'string', enum: ['fast', 'safe'], default: 'fast' } }) } }));
  await repo.stageAll();
  assert.deepEqual(at(await repo.check({ staged: true }), CODE), [[C(1), '/properties/service/properties/mode/default']]);
});

test('config-default-changed: the message is one sentence that says what changed and what to do once', async (t) => {
  const report = await upgrade(t, configSchema({ count: { type: 'integer', minimum: 1, maximum: 10, default: 3 } }));
  const { message } = only(report, CODE)[0]!;
  assert.equal(message.match(/release notes/g)?.length, 1, message);
  assert.equal(message.match(/default/g)?.length, 2, message); // "The default of … the old default", nothing repeated
  assert.match(message, /^The default of option 'service\.count' changed from 1 to 3: .* from 1\.0\.0 \(revision 0\); say so in the release notes$/);
});
