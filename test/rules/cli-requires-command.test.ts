import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliRequiresCommand } from '../../scripts/lib/rules/cli-requires-command.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const CLI = JSON.stringify({ cli: { binaries: { linux: { 'x86-64': { kind: 'executable', url: 'https://example.com/w', contentHash: [{ algo: 'sha256', value: 'a'.repeat(64) }] } } } } });
const NO_CLI = JSON.stringify({ images: {} });

const cases: Array<{ name: string; pkg: Record<string, unknown>; resource: string; command?: boolean; expected: boolean }> = [
  { name: 'CLI, no minDcosReleaseVersion, no command.json', pkg: { packagingVersion: '3.0' }, resource: CLI, expected: true },
  { name: 'CLI for DC/OS 1.7', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.7' }, resource: CLI, expected: true },
  { name: 'CLI for DC/OS 1.7.9 (dotted, not decimal)', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.7.9' }, resource: CLI, expected: true },
  { name: 'CLI in 4.0 for DC/OS 1.7', pkg: { packagingVersion: '4.0', minDcosReleaseVersion: '1.7' }, resource: CLI, expected: true },
  { name: 'CLI for DC/OS 1.7 with command.json', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.7' }, resource: CLI, command: true, expected: false },
  { name: 'CLI for DC/OS 1.8', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.8' }, resource: CLI, expected: false },
  { name: 'CLI for DC/OS 1.10 (not below 1.8)', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.10' }, resource: CLI, expected: false },
  { name: 'CLI for DC/OS 2', pkg: { packagingVersion: '4.0', minDcosReleaseVersion: '2' }, resource: CLI, expected: false },
  { name: 'no CLI', pkg: { packagingVersion: '3.0' }, resource: NO_CLI, expected: false },
  { name: 'invalid minDcosReleaseVersion is left to the schema', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: 'one' }, resource: CLI, expected: false },
  { name: 'resource.json does not parse', pkg: { packagingVersion: '3.0' }, resource: '{"cli":', expected: false },
];

for (const c of cases) {
  test(`cli-requires-command: ${c.name}`, async () => {
    const files = revisionFiles('widget', 0, { packageJson: c.pkg, files: { 'resource.json': c.resource, ...(c.command ? { 'command.json': '{"pip": []}' } : {}) } });
    const diags = await check(files, [cliRequiresCommand]);
    assert.deepEqual(triples(diags), c.expected ? [['cli-requires-command', `${R}/resource.json`, '/cli']] : []);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}

test('cli-requires-command: from 4.0 the message does not suggest command.json', async () => {
  const files = revisionFiles('widget', 0, { packageJson: { packagingVersion: '4.0', minDcosReleaseVersion: '1.7' }, files: { 'resource.json': CLI } });
  const [d] = await check(files, [cliRequiresCommand]);
  assert.doesNotMatch(d!.message, /add a command\.json/);
});
