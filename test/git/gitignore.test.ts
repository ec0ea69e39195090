/**
 * `universe check` on the working tree leaves out the untracked paths git ignores (.gitignore at
 * every level, .git/info/exclude), as `git status` does: an editor's swap file or a scratch
 * folder is not part of the change. Tracked files are checked whatever the patterns say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IgnoreRules } from '../../scripts/lib/git/ignore-rules.js';
import { codes, TestRepo } from '../helpers/git.js';
import { revisionFiles } from '../helpers/repo.js';

const STRAYS = {
  'packages/A/alpha/0/.package.json.swp': 'swap',
  'packages/A/alpha/0/notes.tmp': 'scratch',
  'packages/A/alpha/0/important.tmp': 'kept on purpose',
  'packages/A/alpha/scratch/draft.json': '{}',
};

async function repoWithStrays(): Promise<TestRepo> {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0) });
  r.write(STRAYS);
  return r;
}

test('without ignore patterns, every untracked stray file is part of the working-tree change (the control)', async () => {
  const r = await repoWithStrays();
  try {
    const report = await r.check({ base: 'main' });
    const files = codes(report).map(([, file]) => file);
    for (const p of ['packages/A/alpha/0/.package.json.swp', 'packages/A/alpha/0/notes.tmp', 'packages/A/alpha/0/important.tmp']) assert.ok(files.includes(p), `${p} in ${JSON.stringify(files)}`);
  } finally {
    r.remove();
  }
});

test('untracked paths matched by .gitignore files (top and nested, negation included) and info/exclude are left out of the working-tree check', async () => {
  const r = await repoWithStrays();
  try {
    fs.writeFileSync(path.join(r.dir, '.gitignore'), '*.swp\n');
    fs.writeFileSync(path.join(r.repoDir, 'packages/.gitignore'), '*.tmp\n!important.tmp\n');
    fs.mkdirSync(path.join(r.dir, '.git/info'), { recursive: true });
    fs.writeFileSync(path.join(r.dir, '.git/info/exclude'), 'scratch/\n');
    const report = await r.check({ base: 'main' });
    const files = codes(report).map(([, file]) => file);
    assert.ok(!files.includes('packages/A/alpha/0/.package.json.swp'), JSON.stringify(files));
    assert.ok(!files.includes('packages/A/alpha/0/notes.tmp'), JSON.stringify(files));
    assert.ok(!files.some((f) => f.startsWith('packages/A/alpha/scratch')), JSON.stringify(files));
    // Re-included by `!important.tmp`: still a stray file of the change.
    assert.ok(files.includes('packages/A/alpha/0/important.tmp'), JSON.stringify(files));
  } finally {
    r.remove();
  }
});

test('a tracked file is checked even where a pattern would ignore it', async () => {
  const r = await TestRepo.create({ ...revisionFiles('alpha', 0), 'packages/A/alpha/0/notes.tmp': 'committed by mistake' });
  try {
    fs.writeFileSync(path.join(r.dir, '.gitignore'), '*.tmp\n');
    r.write({ 'packages/A/alpha/0/notes.tmp': 'edited' });
    const report = await r.check({ base: 'main' });
    assert.ok(codes(report).some(([, file]) => file === 'packages/A/alpha/0/notes.tmp'), JSON.stringify(codes(report)));
  } finally {
    r.remove();
  }
});

test('IgnoreRules: deeper files override shallower ones; nothing under an ignored folder comes back', () => {
  const r = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'universe-ignore-'));
  try {
    fs.mkdirSync(path.join(r, '.git/info'), { recursive: true });
    fs.mkdirSync(path.join(r, 'a/b'), { recursive: true });
    fs.writeFileSync(path.join(r, '.gitignore'), '*.log\nbuild/\n');
    fs.writeFileSync(path.join(r, 'a/.gitignore'), '!keep.log\n');
    fs.writeFileSync(path.join(r, 'a/b/.gitignore'), 'keep.log\n');
    fs.mkdirSync(path.join(r, '.config/git'), { recursive: true });
    fs.writeFileSync(path.join(r, '.config/git/ignore'), '*.bak\n');
    const rules = new IgnoreRules(r, path.join(r, '.git'), { home: r });
    assert.equal(rules.ignored('a/x.bak', false), true, "the user's excludes file (XDG default)");
    assert.equal(new IgnoreRules(r, path.join(r, '.git')).ignored('a/x.bak', false), false, 'without the user folders, only the repository counts');
    assert.equal(rules.ignored('x.log', false), true);
    assert.equal(rules.ignored('a/keep.log', false), false);
    assert.equal(rules.ignored('a/b/keep.log', false), true);
    assert.equal(rules.ignored('build', true), true);
    assert.equal(rules.ignored('build', false), false, 'build/ matches folders only');
    assert.equal(rules.ignored('build/x/!keep.txt', false), true);
    assert.equal(rules.ignored('src/main.ts', false), false);
  } finally {
    fs.rmSync(r, { recursive: true, force: true });
  }
});
