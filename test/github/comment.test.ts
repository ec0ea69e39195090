import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentBody, isStickyComment, labelsFor } from '../../scripts/lib/github/comment.js';
import type { CheckReport } from '../../scripts/lib/change/types.js';
import { diag, sampleReport } from '../reporters/fixture.js';
import { MARKER } from './fake-github.js';

function report(over: Partial<CheckReport>): CheckReport {
  return { ...sampleReport(), diagnostics: [], overrides: [], ...over };
}

test('labelsFor: new-package, update and breaking, sorted', () => {
  assert.deepEqual(labelsFor(sampleReport()), ['breaking', 'new-package', 'update']);
  const removedOnly = report({ changes: { packages: [{ name: 'a', dir: 'packages/A/a', status: 'modified', revisions: [{ folder: '1', status: 'removed' }] }], files: [] } });
  assert.deepEqual(labelsFor(removedOnly), [], 'losing revisions is no update');
  const removedPackage = report({ changes: { packages: [{ name: 'a', dir: 'packages/A/a', status: 'removed', revisions: [] }], files: [] } });
  assert.deepEqual(labelsFor(removedPackage), []);
  const edited = report({ changes: { packages: [{ name: 'a', dir: 'packages/A/a', status: 'modified', revisions: [{ folder: '1', status: 'modified' }] }], files: [] } });
  assert.deepEqual(labelsFor(edited), ['update']);
});

test('labelsFor: breaking only for breaking errors or overridden findings', () => {
  const none = { changes: { packages: [], files: [] } };
  assert.deepEqual(labelsFor(report({ ...none, diagnostics: [diag({ code: 'breaking/version-not-greater', severity: 'warning' })] })), []);
  assert.deepEqual(labelsFor(report({ ...none, diagnostics: [diag({ code: 'breaking/revision-changed', severity: 'info' })] })), [], 'a metadata-only edit');
  assert.deepEqual(labelsFor(report({ ...none, diagnostics: [diag({ code: 'schema-package' })] })), []);
  assert.deepEqual(labelsFor(report({ ...none, diagnostics: [diag({ code: 'breaking/revision-removed' })] })), ['breaking']);
  const allowed = diag({ code: 'breaking/revision-changed', severity: 'info', data: { override: { reason: 'r', commit: 'c' } } });
  assert.deepEqual(labelsFor(report({ ...none, diagnostics: [allowed] })), ['breaking']);
});

test('the sticky comment starts with the marker and belongs to a bot (or the given author)', () => {
  assert.equal(commentBody('x\n'), `${MARKER}\nx\n`);
  const bot = { login: 'github-actions[bot]', type: 'Bot' };
  assert.equal(isStickyComment({ id: 1, body: commentBody('x'), user: bot }), true);
  assert.equal(isStickyComment({ id: 1, body: `quoting ${MARKER}`, user: bot }), false);
  assert.equal(isStickyComment({ id: 1, body: commentBody('x'), user: { login: 'mallory', type: 'User' } }), false);
  assert.equal(isStickyComment({ id: 1, body: commentBody('x'), user: null }), false);
  assert.equal(isStickyComment({ id: 1, body: null, user: bot }), false);
  assert.equal(isStickyComment({ id: 1, body: commentBody('x'), user: { login: 'me', type: 'User' } }, 'me'), true);
  assert.equal(isStickyComment({ id: 1, body: commentBody('x'), user: bot }, 'me'), false);
});
