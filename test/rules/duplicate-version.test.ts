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

test('duplicate-version: reported on the higher (newer) revision, related to the lower one', async () => {
  const diags = await check({ ...rev(0, '1.0.0'), ...rev(1, '1.0.0'), ...rev(2, '1.1.0') }, [duplicateVersion]);
  assert.deepEqual(triples(diags), [['duplicate-version', P(1), '/version']]);
  assert.equal(diags[0]!.severity, 'warning');
  assert.deepEqual(diags[0]!.related?.map((r) => [r.file, r.pointer]), [[P(0), '/version']]);
  assert.equal(
    diags[0]!.message,
    "version '1.0.0' is already the version of revision 0, and DC/OS clients only see the highest revision with a version: give this revision a new version",
  );
});

test('duplicate-version: revisions compare numerically, not as strings', async () => {
  const diags = await check({ ...rev(9, '1.0.0'), ...rev(10, '1.0.0') }, [duplicateVersion]);
  assert.deepEqual(triples(diags), [['duplicate-version', P(10), '/version']]);
  assert.deepEqual(diags[0]!.related?.map((r) => r.file), [P(9)]);
});

test('duplicate-version: three revisions give two findings, each related to every lower one', async () => {
  const diags = await check({ ...rev(0, '2.0.0'), ...rev(3, '2.0.0'), ...rev(7, '2.0.0') }, [duplicateVersion]);
  assert.deepEqual(triples(diags), [['duplicate-version', P(3), '/version'], ['duplicate-version', P(7), '/version']]);
  assert.deepEqual(diags[0]!.related?.map((r) => r.file), [P(0)]);
  assert.deepEqual(diags[1]!.related?.map((r) => r.file), [P(0), P(3)]);
  assert.match(diags[1]!.message, /already the version of revisions 0 and 3,/);
});

test('duplicate-version: versions that are not strings are left to the schema', async () => {
  assert.deepEqual(triples(await check({ ...rev(0, 1), ...rev(1, 1) }, [duplicateVersion])), []);
});
