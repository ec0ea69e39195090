import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packagesFolderProblem } from '../../scripts/lib/snapshot/packages-folder.js';
import { runCli } from '../helpers/cli.js';

test('packagesFolderProblem: a folder is fine; a link, a file or nothing each say what is wrong', () => {
  assert.equal(packagesFolderProblem('u', [{ name: 'packages', kind: 'dir' }]), undefined);
  assert.match(packagesFolderProblem('u', [{ name: 'packages', kind: 'symlink' }])!, /^u\/packages is a symbolic link.*replace the link/);
  assert.match(packagesFolderProblem('u', [{ name: 'packages', kind: 'file' }])!, /^u\/packages is not a folder/);
  assert.match(packagesFolderProblem('u', [{ name: 'other', kind: 'dir' }])!, /^u has no packages\/ folder/);
});

test('a symlinked packages/ is exit 2 saying so, for validate and build', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-linked-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'elsewhere', 'A', 'ab', '0'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'u'));
  fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'u', 'packages'));
  for (const command of ['validate', 'build']) {
    const r = await runCli([command, '--repo', path.join(dir, 'u'), ...(command === 'build' ? ['--out', path.join(dir, 'out')] : [])]);
    assert.equal(r.code, 2, command);
    assert.match(r.stderr, /packages is a symbolic link/, command);
  }
  assert.equal(fs.existsSync(path.join(dir, 'out')), false);
});
