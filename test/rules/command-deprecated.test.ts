import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandDeprecated } from '../../scripts/lib/rules/command-deprecated.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const COMMAND = '{"pip": ["widget==1.0"]}';
const CLI = JSON.stringify({ cli: { binaries: { linux: { 'x86-64': { kind: 'executable', url: 'https://example.com/w', contentHash: [{ algo: 'sha256', value: 'a'.repeat(64) }] } } } } });

const cases: Array<{ name: string; pkg: Record<string, unknown>; resource?: string; command?: boolean; expected: boolean }> = [
  { name: '3.0 for DC/OS 1.8 without a CLI in resource.json', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.8' }, expected: true },
  { name: '3.0 for DC/OS 1.10 with a CLI in resource.json', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.10' }, resource: CLI, expected: true },
  // Before DC/OS 1.8 command.json is the only way to install a CLI: not deprecated there.
  { name: '3.0 without minDcosReleaseVersion', pkg: { packagingVersion: '3.0' }, expected: false },
  { name: '3.0 for DC/OS 1.7', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.7' }, expected: false },
  { name: '3.0 for DC/OS 1.7 with a CLI', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.7' }, resource: CLI, expected: false },
  { name: '3.0 with an invalid minDcosReleaseVersion', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: 'latest' }, expected: false },
  { name: '2.0', pkg: { packagingVersion: '2.0' }, expected: false },
  { name: '4.0 (command-forbidden)', pkg: { packagingVersion: '4.0', minDcosReleaseVersion: '1.10' }, expected: false },
  { name: '3.0 without command.json', pkg: { packagingVersion: '3.0', minDcosReleaseVersion: '1.9' }, command: false, expected: false },
];

for (const c of cases) {
  test(`command-deprecated: ${c.name}`, async () => {
    const files = revisionFiles('widget', 0, {
      packageJson: c.pkg,
      files: { ...(c.command === false ? {} : { 'command.json': COMMAND }), ...(c.resource ? { 'resource.json': c.resource } : {}) },
    });
    const diags = await check(files, [commandDeprecated]);
    assert.deepEqual(triples(diags), c.expected ? [['command-deprecated', `${R}/command.json`, '']] : []);
    for (const d of diags) assert.equal(d.severity, 'warning');
  });
}
