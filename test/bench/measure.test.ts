import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchDcos } from '../../scripts/bench/dcos.js';
import { CommandFailed, median, uniqueBytes, wall, writeTreeFloor } from '../../scripts/bench/measure.js';
import { writeTree } from '../helpers/cli.js';

test('median: the middle value, the upper one of an even count', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 3);
});

test('uniqueBytes: a hard link is a file but its bytes count once', (t) => {
  const dir = writeTree({ 'a.json': '12345', 'sub/b.json': '67' }, 'universe-bench-bytes-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.linkSync(path.join(dir, 'a.json'), path.join(dir, 'sub', 'a-link.json'));
  assert.deepEqual(uniqueBytes(dir), { bytes: 7, files: 3, inodes: 2 });
});

test('writeTreeFloor: writes the artifact files and links in a scratch folder of its own and leaves nothing behind', (t) => {
  const dir = writeTree({ 'a.json': '12345', 'sub/deep/b.json': '67' }, 'universe-bench-tree-');
  const work = writeTree({ 'keep.txt': 'x' }, 'universe-bench-work-');
  t.after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });
  fs.linkSync(path.join(dir, 'a.json'), path.join(dir, 'sub', 'a-link.json'));
  const ms = writeTreeFloor(work, dir);
  assert.ok(Number.isFinite(ms) && ms > 0);
  assert.deepEqual(fs.readdirSync(work), ['keep.txt']);
  assert.deepEqual(uniqueBytes(dir), { bytes: 7, files: 3, inodes: 2 });
});

test('wall: a run that exits with an unexpected status is a failure, not a figure', () => {
  assert.throws(() => wall(1, process.execPath, ['-e', 'console.error("boom"); process.exit(3)']), (e: unknown) => e instanceof CommandFailed && /exited 3:\nboom/.test(e.message));
  assert.ok(wall(1, process.execPath, ['-e', 'process.exit(3)'], { ok: [3] }) >= 0);
  let prepared = 0;
  wall(2, process.execPath, ['-e', '0'], { prepare: () => void prepared++ });
  assert.equal(prepared, 2);
});

test('bench dcos: one line saying why it is skipped, without the corpus or without the Python modules', (t) => {
  const work = writeTree({ 'corpus/repo/packages/A/a/0/package.json': '{}', 'corpus/scripts/gen_universe.py': '' }, 'universe-bench-dcos-');
  t.after(() => fs.rmSync(work, { recursive: true, force: true }));
  const opts = { work, runs: 1, cli: 'unused' };
  assert.deepEqual(benchDcos({ ...opts, corpus: path.join(work, 'nowhere') }), [`## dcos: skipped, ${path.join(work, 'nowhere')} (the whole DC/OS Universe with its scripts) not found`, '']);
  process.env.UNIVERSE_PYTHON = path.join(work, 'no-such-python3');
  const lines = benchDcos({ ...opts, corpus: path.join(work, 'corpus') });
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^## dcos: skipped, .*no python3 found\): apt-get install python3-jsonschema python3-pystache$/);
});
