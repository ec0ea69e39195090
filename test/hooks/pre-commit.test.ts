import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { revisionFiles } from '../helpers/repo.js';
import { TestRepo } from '../helpers/git.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

/**
 * Runs hooks/pre-commit as git would (cwd = the repository) against a temporary repository whose
 * dist/ links to this project's compiled CLI. `git rev-parse --show-toplevel` is answered by a
 * stand-in, so the test needs no git executable.
 */
function runHook(r: TestRepo): { code: number | null; out: string } {
  const bin = fs.mkdtempSync(path.join(r.dir, '.bin-'));
  fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\n[ "$1" = rev-parse ] && echo '${r.dir}' && exit 0\nexit 1\n`, { mode: 0o755 });
  if (!fs.existsSync(path.join(r.dir, 'dist'))) fs.symlinkSync(path.join(PROJECT_ROOT, 'dist'), path.join(r.dir, 'dist'));
  const res = spawnSync('sh', [path.join(PROJECT_ROOT, 'hooks/pre-commit')], {
    cwd: r.dir,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  fs.rmSync(bin, { recursive: true, force: true });
  return { code: res.status, out: res.stdout + res.stderr };
}

test('the pre-commit hook checks the staged changes against HEAD, and nothing else', async () => {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0), ...revisionFiles('beta', 0) });
  try {
    // A staged new revision: clean.
    r.write(revisionFiles('alpha', 1));
    await r.stageAll();
    let res = runHook(r);
    assert.equal(res.code, 0, res.out);
    assert.equal(res.out, '', 'a clean commit is silent');
    // An unstaged edit of a published revision is not what is being committed: ignored.
    r.write({ 'packages/B/beta/0/marathon.json.mustache': '{"id": "changed"}' });
    res = runHook(r);
    assert.equal(res.code, 0, res.out);
    assert.doesNotMatch(res.out, /beta/);
    // Once staged, it is a breaking change and the commit is refused.
    await r.stageAll();
    res = runHook(r);
    assert.equal(res.code, 1, res.out);
    assert.match(res.out, /breaking\/revision-changed/);
    assert.match(res.out, /beta: modified — 0 \(1\.0\.0\) modified/);
  } finally {
    r.remove();
  }
});
