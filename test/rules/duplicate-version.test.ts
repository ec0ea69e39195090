import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateVersion } from '../../scripts/lib/rules/duplicate-version.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const rev = (n: number, version: unknown, name = 'widget') => revisionFiles(name, n, { packageJson: { version } });
const P = (n: number): string => `packages/W/widget/${n}/package.json`;

test('duplicate-version: distinct versions pass', async () => {
  assert.deepEqual(triples(await check({ ...rev(0, '1.0.0'), ...rev(1, '1.0.1') }, [duplicateVersion])), []);
});

test('duplicate-version: the same version in two packages is fine', async () => {
  assert.deepEqual(triples(await check({ ...rev(0, '1.0.0'), ...rev(0, '1.0.0', 'gadget') }, [duplicateVersion])), []);
});

test('duplicate-version: reported on the lower revision, related to the higher', async () => {
  const diags = await check({ ...rev(0, '1.0.0'), ...rev(1, '1.0.0'), ...rev(2, '1.1.0') }, [duplicateVersion]);
  assert.deepEqual(triples(diags), [['duplicate-version', P(0), '/version']]);
  assert.equal(diags[0]!.severity, 'warning');
  assert.deepEqual(diags[0]!.related?.map((r) => [r.file, r.pointer]), [[P(1), '/version']]);
});

test('duplicate-version: revisions compare numerically, not as strings', async () => {
  const diags = await check({ ...rev(9, '1.0.0'), ...rev(10, '1.0.0') }, [duplicateVersion]);
  assert.deepEqual(triples(diags), [['duplicate-version', P(9), '/version']]);
});

test('duplicate-version: three revisions give two findings, both related to the highest', async () => {
  const diags = await check({ ...rev(0, '2.0.0'), ...rev(3, '2.0.0'), ...rev(7, '2.0.0') }, [duplicateVersion]);
  assert.deepEqual(triples(diags), [['duplicate-version', P(0), '/version'], ['duplicate-version', P(3), '/version']]);
  for (const d of diags) assert.equal(d.related?.[0]?.file, P(7));
});

test('duplicate-version: versions that are not strings are left to the schema', async () => {
  assert.deepEqual(triples(await check({ ...rev(0, 1), ...rev(1, 1) }, [duplicateVersion])), []);
});
