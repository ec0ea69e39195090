import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectLayers } from '../../scripts/lib/layers/inspect.js';
import { CannotRunError } from '../../scripts/lib/diagnostics/errors.js';
import { withUpstreams } from './fixtures.js';

const ctx = withUpstreams();
const local = ctx.local;

test('the read limits are options: a hanging upstream costs the timeout given, a large one is refused by size', async () => {
  const repo = local(['kafka'], {
    upstreams: [
      { name: 'hanging', url: ctx.up.hanging },
      { name: 'public', url: `${ctx.up.url}public/dcos/repo-up-to-2.0.json` },
    ],
  });
  const report = await inspectLayers({ repoDir: repo, limits: { timeoutMs: 200, maxBytes: 1024 * 1024 } });
  assert.deepEqual(
    report.layers.map((l) => [l.name, l.available]),
    [
      ['local', true],
      ['hanging', false],
      ['public', true],
    ],
  );
  assert.match(report.layers[1]!.error!, /no complete answer within 200 ms/);
  assert.deepEqual(
    report.packages.map((p) => [p.name, p.status, p.layer ?? p.waitingOn]),
    [
      ['acme-db', 'undecided', 'hanging'],
      ['acme-secret', 'undecided', 'hanging'],
      ['kafka', 'resolved', 'local'],
      ['spark', 'undecided', 'hanging'],
    ],
  );

  const small = await inspectLayers({ repoDir: repo, limits: { timeoutMs: 5_000, maxBytes: 64 } });
  assert.match(small.layers[2]!.error!, /more than the 64 (bytes )?accepted/);
});

test('relative paths are relative to the universe folder; an upstream listing a name that is no package name is not used', async () => {
  const repo = local([], {});
  // Relative to the universe folder, not the current one (the tests run in the project folder).
  const rel = path.relative(repo, ctx.up.stagingDir);
  fs.writeFileSync(path.join(repo, 'repository.json'), JSON.stringify({ formatVersion: '1.0', name: 'acme', upstreams: [{ name: 'staging', url: rel }] }));
  const report = await inspectLayers({ repoDir: repo });
  assert.equal(report.layers[1]!.available, true, report.layers[1]!.error);
  assert.deepEqual(report.packages.map((p) => p.name), ['acme-db', 'acme-secret', 'kafka']);

  const evil = path.join(ctx.up.root, 'evil.json');
  fs.writeFileSync(evil, JSON.stringify({ packages: [{ name: 'kafka', version: '1' }, { name: '../../etc\u001b[31m', version: '1' }] }));
  fs.writeFileSync(path.join(repo, 'repository.json'), JSON.stringify({ formatVersion: '1.0', name: 'acme', upstreams: [{ name: 'evil', url: evil }] }));
  const refused = await inspectLayers({ repoDir: repo });
  assert.equal(refused.layers[1]!.available, false);
  assert.match(refused.layers[1]!.error!, /lists a package named .*, which is not a package name: the upstream is not used/);
  assert.deepEqual(refused.packages, []);

  fs.writeFileSync(evil, JSON.stringify({ packages: [{ name: 'kafka' }] }));
  assert.match((await inspectLayers({ repoDir: repo })).layers[1]!.error!, /packages\/0 is not a package object with a name and a version/);
  fs.writeFileSync(evil, JSON.stringify({ repositories: [] }));
  assert.match((await inspectLayers({ repoDir: repo })).layers[1]!.error!, /is not a DC\/OS repository: it has no top-level packages array/);
});

test('invalid settings are a CannotRunError naming each problem', async () => {
  const repo = local([], { upstreams: [{ name: 'a', url: 'x' }, { name: 'a', url: 'y' }] });
  await assert.rejects(inspectLayers({ repoDir: repo, label: 'acme' }), (e: unknown) => e instanceof CannotRunError && /^acme\/repository\.json is invalid.*\n {2}\/upstreams\/1\/name: upstream name 'a' is already used/s.test(e.message));
});
