import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandForbidden } from '../../scripts/lib/rules/command-forbidden.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const COMMAND = '{"pip": ["widget==1.0"]}';

const cases: Array<{ pv: string; command: boolean; expected: boolean }> = [
  { pv: '2.0', command: true, expected: false },
  { pv: '3.0', command: true, expected: false },
  { pv: '4.0', command: true, expected: true },
  { pv: '5.0', command: true, expected: true },
  { pv: '6.0', command: true, expected: true },
  { pv: '4.0', command: false, expected: false },
  { pv: '6.0', command: false, expected: false },
];

for (const c of cases) {
  test(`command-forbidden: ${c.pv} ${c.command ? 'with' : 'without'} command.json`, async () => {
    const files = revisionFiles('widget', 0, { packageJson: { packagingVersion: c.pv }, files: c.command ? { 'command.json': COMMAND } : {} });
    const diags = await check(files, [commandForbidden]);
    assert.deepEqual(triples(diags), c.expected ? [['command-forbidden', `${R}/command.json`, '']] : []);
    for (const d of diags) assert.equal(d.severity, 'error');
  });
}

test('command-forbidden: an unparsable command.json is still forbidden', async () => {
  const files = revisionFiles('widget', 0, { files: { 'command.json': '{' } });
  assert.deepEqual(triples(await check(files, [commandForbidden])), [['command-forbidden', `${R}/command.json`, '']]);
});

test('command-forbidden: unknown packaging version is left to the schema', async () => {
  const files = revisionFiles('widget', 0, { packageJson: { packagingVersion: 4 }, files: { 'command.json': COMMAND } });
  assert.deepEqual(triples(await check(files, [commandForbidden])), []);
});
