import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUnreadable } from '../../scripts/lib/rules/file-unreadable.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
type Files = Record<string, MemoryFile>;

const cases: Array<{ name: string; files: Files; expected: Array<[string, string, string]>; reason?: string }> = [
  { name: 'regular files', files: revisionFiles('widget', 0), expected: [] },
  {
    name: 'symlink inside the repository',
    files: { ...revisionFiles('widget', 0, { files: { 'config.json': { symlink: '../../../G/gadget/0/config.json' } } }), ...revisionFiles('gadget', 0) },
    expected: [],
  },
  {
    name: 'absolute symlink out of the repository',
    files: revisionFiles('widget', 0, { files: { 'package.json': { symlink: '/etc/hostname' } } }),
    expected: [['file-unreadable', `${R}/package.json`, '']],
    reason: 'symlink-escape',
  },
  {
    name: 'relative symlink out of the repository',
    files: revisionFiles('widget', 0, { files: { 'resource.json': { symlink: '../../../../../secret.json' } } }),
    expected: [['file-unreadable', `${R}/resource.json`, '']],
    reason: 'symlink-escape',
  },
  {
    name: 'symlink to a template out of the repository',
    files: revisionFiles('widget', 0, { files: { 'marathon.json.mustache': { symlink: '/etc/passwd' } } }),
    expected: [['file-unreadable', `${R}/marathon.json.mustache`, '']],
    reason: 'symlink-escape',
  },
  { name: 'symlink loop', files: revisionFiles('widget', 0, { files: { 'config.json': { symlink: 'config.json' } } }), expected: [['file-unreadable', `${R}/config.json`, '']], reason: 'unreadable' },
  { name: 'dangling symlink', files: revisionFiles('widget', 0, { files: { 'config.json': { symlink: 'gone.json' } } }), expected: [['file-unreadable', `${R}/config.json`, '']], reason: 'missing' },
  {
    name: 'folder named package.json',
    files: { ...revisionFiles('widget', 0, { files: { 'package.json': undefined } }), [`${R}/package.json/x`]: '{}' },
    expected: [['file-unreadable', `${R}/package.json`, '']],
    reason: 'not-a-file',
  },
  {
    name: 'repository.json out of the repository',
    files: { ...revisionFiles('widget', 0), 'repository.json': { symlink: '/etc/hostname' } },
    expected: [['file-unreadable', 'repository.json', '']],
    reason: 'symlink-escape',
  },
];

for (const c of cases) {
  test(`file-unreadable: ${c.name}`, async () => {
    const diags = await check(c.files, [fileUnreadable]);
    assert.deepEqual(triples(diags), c.expected);
    if (c.reason) assert.equal(diags[0]!.data?.reason, c.reason);
  });
}

test('file-unreadable: the message names the link target', async () => {
  const diags = await check(revisionFiles('widget', 0, { files: { 'package.json': { symlink: '/etc/hostname' } } }), [fileUnreadable]);
  assert.match(diags[0]!.message, /\/etc\/hostname/);
  assert.equal(diags[0]!.severity, 'error');
});
