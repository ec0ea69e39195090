import { test } from 'node:test';
import assert from 'node:assert/strict';
import { W, at, breakingCodes, commitCheck, configSchema, only, related, repoWith, widget } from './fixture.js';

const CODE = 'breaking/config-incompatible';
const C = (rev: number): string => W(rev, 'config.json');
const S = '/properties/service';

/** The published revision 0 (version 1.0.0, the options of configSchema()) and a new revision 1 with `config`. */
async function upgrade(t: Parameters<typeof repoWith>[0], config: string, packageJson: Record<string, unknown> = { version: '1.1.0', upgradesFrom: ['1.0.0'] }, published = configSchema()) {
  const { repo, base } = await repoWith(t, widget(0, { files: { 'config.json': published } }));
  return commitCheck(repo, base, widget(1, { packageJson, files: { 'config.json': config } }));
}

interface Case {
  name: string;
  config: string;
  /** [pointer in the new config.json, pointer in the published one]. */
  at: [string, string];
  /** An option (and value) the report names as one that stops validating; none when old options still validate (their value is ignored). */
  broken?: { option: string; value?: unknown };
  /** The published config.json, when not configSchema(). */
  published?: string;
}

/** configSchema() with `service` closed to undeclared options. */
const closed = (service: Record<string, unknown> = {}): string =>
  JSON.stringify({ type: 'object', properties: { service: { ...(JSON.parse(configSchema(service)) as { properties: { service: object } }).properties.service, additionalProperties: false } } });

const CASES: Case[] = [
  {
    name: 'a removed option',
    config: configSchema({ port: undefined }),
    at: [`${S}/properties`, `${S}/properties/port`],
  },
  {
    name: 'a removed option where undeclared options are rejected',
    config: closed({ port: undefined }),
    published: closed(),
    at: [`${S}/properties`, `${S}/properties/port`],
    broken: { option: 'service.port', value: 8080 },
  },
  {
    name: 'a new required option without a default',
    config: configSchema({ token: { type: 'string' } }, ['token']),
    at: [`${S}/required/0`, ''],
    broken: { option: 'service.token' },
  },
  {
    name: 'a narrowed type',
    config: configSchema({ port: { type: 'integer', default: 8080 } }),
    at: [`${S}/properties/port/type`, `${S}/properties/port/type`],
    broken: { option: 'service.port' },
  },
  {
    name: 'a removed enum value',
    config: configSchema({ mode: { type: 'string', enum: ['safe'], default: 'safe' } }),
    at: [`${S}/properties/mode/enum`, `${S}/properties/mode/enum`],
    broken: { option: 'service.mode', value: 'fast' },
  },
  {
    name: 'a tightened maximum',
    config: configSchema({ count: { type: 'integer', minimum: 1, maximum: 5, default: 1 } }),
    at: [`${S}/properties/count/maximum`, `${S}/properties/count/maximum`],
    broken: { option: 'service.count', value: 10 },
  },
];

for (const c of CASES) {
  test(`config-incompatible: ${c.name} is an error in the new config.json, related to the published one`, async (t) => {
    const report = await upgrade(t, c.config, undefined, c.published);
    assert.deepEqual(at(report, CODE), [[C(1), c.at[0]]]);
    const d = only(report, CODE)[0]!;
    assert.equal(d.severity, 'error');
    assert.deepEqual(related(d), [[C(0), c.at[1]]]);
    const broken = (d.data?.brokenOptions ?? []) as Array<{ option: string; value?: unknown }>;
    const want = c.broken;
    if (!want) return assert.deepEqual(broken, []);
    assert.ok(
      broken.some((b) => b.option === want.option && (!('value' in want) || JSON.stringify(b.value) === JSON.stringify(want.value))),
      `brokenOptions names ${JSON.stringify(want)}: ${JSON.stringify(broken)}`,
    );
  });

  test(`config-incompatible: ${c.name} with a semver-major version is fine`, async (t) => {
    const report = await upgrade(t, c.config, { version: '2.0.0', upgradesFrom: ['1.0.0'] }, c.published);
    assert.deepEqual(at(report, CODE), []);
  });

  test(`config-incompatible: ${c.name} without upgrading from the latest version is fine`, async (t) => {
    const report = await upgrade(t, c.config, { version: '1.1.0', upgradesFrom: ['0.9.0'] }, c.published);
    assert.deepEqual(at(report, CODE), []);
  });
}

test('config-incompatible: several breaking changes are one error each', async (t) => {
  const config = configSchema({ port: undefined, count: { type: 'integer', minimum: 2, maximum: 10, default: 2 } });
  const report = await upgrade(t, config);
  assert.deepEqual(at(report, CODE), [[C(1), `${S}/properties`], [C(1), `${S}/properties/count/minimum`]]);
  // The changed default of count is a warning of its own.
  assert.deepEqual(at(report, 'breaking/config-default-changed'), [[C(1), `${S}/properties/count/default`]]);
});

test("config-incompatible: upgradesFrom '*' counts as upgrading from the latest version", async (t) => {
  const report = await upgrade(t, configSchema({ port: undefined }), { version: '1.1.0', upgradesFrom: ['*'] });
  assert.deepEqual(at(report, CODE), [[C(1), `${S}/properties`]]);
});

test('config-incompatible: compatible changes (a new optional option, a wider type, a new enum value, a looser bound) are fine', async (t) => {
  const config = configSchema({
    extra: { type: 'boolean', default: false },
    port: { type: ['integer', 'string', 'null'], default: 8080 },
    mode: { type: 'string', enum: ['fast', 'safe', 'paranoid'], default: 'safe' },
    count: { type: 'integer', minimum: 0, maximum: 100, default: 1 },
  });
  const report = await upgrade(t, config);
  assert.deepEqual(at(report, CODE), []);
  assert.deepEqual(breakingCodes(report), []);
});

test('config-incompatible: a new required option with a default is fine', async (t) => {
  const report = await upgrade(t, configSchema({ token: { type: 'string', default: 'none' } }, ['token']));
  assert.deepEqual(at(report, CODE), []);
});

test('config-incompatible: a new revision without config.json removes every option', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { files: { 'config.json': configSchema() } }));
  const report = await commitCheck(repo, base, widget(1, { packageJson: { version: '1.1.0', upgradesFrom: ['1.0.0'] }, files: { 'config.json': undefined } }));
  assert.deepEqual(at(report, CODE), [[C(1), '/properties']]);
  assert.deepEqual(related(only(report, CODE)[0]), [[C(0), '/properties/service']]);
});

test('config-incompatible: versions that are not semver cannot show a major bump, so the break stays an error', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { packageJson: { version: '1.0' }, files: { 'config.json': configSchema() } }));
  const report = await commitCheck(repo, base, widget(1, { packageJson: { version: '2.0', upgradesFrom: ['1.0'] }, files: { 'config.json': configSchema({ port: undefined }) } }));
  assert.deepEqual(at(report, CODE), [[C(1), `${S}/properties`]]);
  assert.deepEqual(at(report, 'breaking/version-not-semver'), [[W(1, 'package.json'), '/version']]);
});

test('config-incompatible: compares with the latest published revision only', async (t) => {
  // Revision 0 had `legacy`; revision 1 (latest) dropped it with a major bump; the new revision 2 upgrades from 1 only.
  const { repo, base } = await repoWith(t, {
    ...widget(0, { files: { 'config.json': configSchema({ legacy: { type: 'string' } }) } }),
    ...widget(1, { packageJson: { version: '2.0.0' }, files: { 'config.json': configSchema() } }),
  });
  const report = await commitCheck(repo, base, widget(2, { packageJson: { version: '2.1.0', upgradesFrom: ['1.0.0', '2.0.0'] }, files: { 'config.json': configSchema() } }));
  assert.deepEqual(at(report, CODE), []);
});

test('config-incompatible: found in the working tree and in the staged changes', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { files: { 'config.json': configSchema() } }));
  repo.write(widget(1, { packageJson: { version: '1.1.0', upgradesFrom: ['1.0.0'] }, files: { 'config.json': configSchema({ port: undefined }) } }));
  assert.deepEqual(at(await repo.check({ base }), CODE), [[C(1), `${S}/properties`]]);
  await repo.stageAll();
  assert.deepEqual(at(await repo.check({ staged: true }), CODE), [[C(1), `${S}/properties`]]);
});

test('config-incompatible: for 0.x versions a minor bump announces breaking changes (semver), a patch bump does not', async (t) => {
  const config = configSchema({ port: undefined });
  const published = (version: string) => widget(0, { packageJson: { version }, files: { 'config.json': configSchema() } });
  for (const [from, to, expected] of [
    ['0.1.0', '0.2.0', 0],
    ['0.1.0', '0.1.5', 1],
    ['1.4.0', '1.5.0', 1],
  ] as const) {
    const { repo, base } = await repoWith(t, published(from));
    const report = await commitCheck(repo, base, widget(1, { packageJson: { version: to, upgradesFrom: [from] }, files: { 'config.json': config } }));
    assert.equal(at(report, CODE).length, expected, `${from} → ${to}`);
  }
});

test('config-incompatible: each finding lists only the options its own change breaks', async (t) => {
  const config = closed({ port: undefined, mode: { type: 'string', enum: ['safe'], default: 'safe' } });
  const report = await upgrade(t, config, undefined, closed());
  const byOption = new Map(only(report, CODE).map((d) => [d.data?.option, (d.data?.brokenOptions as Array<{ option: string }>).map((b) => b.option)]));
  assert.deepEqual([...byOption.keys()].sort(), ['service.mode', 'service.port']);
  assert.deepEqual([...new Set(byOption.get('service.mode'))], ['service.mode']);
  assert.deepEqual([...new Set(byOption.get('service.port'))], ['service.port']);
  for (const d of only(report, CODE)) assert.doesNotMatch(d.message, /service\.(port|mode).*service\.(port|mode)=.*service\.(port|mode)=/);
});

test('config-incompatible: an option that breaks by being absent is shown as left unset, never =undefined', async (t) => {
  const report = await upgrade(t, configSchema({ token: { type: 'string' } }, ['token']));
  const { message } = only(report, CODE)[0]!;
  assert.doesNotMatch(message, /undefined/);
  assert.match(message, /service\.token left unset/);
  assert.match(message, /make the version 2\.0\.0 \(a new major version\), remove '1\.0\.0' from upgradesFrom, or give 'service\.token' a default$/);
});

test("config-incompatible: with upgradesFrom '*' the way out names '*', not the old version", async (t) => {
  const report = await upgrade(t, configSchema({ mode: { type: 'string', enum: ['safe'], default: 'safe' } }), { version: '1.1.0', upgradesFrom: ['*'] });
  assert.match(only(report, CODE)[0]!.message, /replace '\*' in upgradesFrom/);
});

test('config-incompatible: the version suggested is the lowest one that announces breaking changes, and taking it settles the finding', async (t) => {
  const config = configSchema({ port: undefined });
  for (const [from, to, suggested] of [
    ['1.4.2', '1.4.3', '2.0.0'],
    ['0.3.1', '0.3.2', '0.4.0'],
    ['2.0.0-beta.1', '2.0.0', '3.0.0'],
    ['1.0', '1.1', undefined],
  ] as const) {
    const { repo, base } = await repoWith(t, widget(0, { packageJson: { version: from }, files: { 'config.json': configSchema() } }));
    const report = await commitCheck(repo, base, widget(1, { packageJson: { version: to, upgradesFrom: [from] }, files: { 'config.json': config } }));
    const { message } = only(report, CODE)[0]!;
    if (suggested === undefined) {
      assert.doesNotMatch(message, /make the version/, `${from}: not semver, no version to suggest`);
      continue;
    }
    assert.ok(message.includes(`make the version ${suggested} (`), `${from}: ${message}`);
    const settled = await commitCheck(repo, base, widget(1, { packageJson: { version: suggested, upgradesFrom: [from] }, files: { 'config.json': config } }));
    assert.deepEqual(at(settled, CODE), [], `${from} → ${suggested}`);
  }
});
