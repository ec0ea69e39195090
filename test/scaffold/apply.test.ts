import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyScaffold, planScaffold, type ScaffoldPlan } from '../../scripts/lib/ops/scaffold.js';
import { catalogOf } from './helpers.js';

async function newPlan(name: string): Promise<ScaffoldPlan> {
  const { catalog, analysis } = await catalogOf({});
  const plan = planScaffold(catalog, analysis, name);
  assert.ok(!('error' in plan));
  return plan;
}

function withTempDir(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-scaffold-'));
    try {
      await fn(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('applyScaffold writes every planned file', withTempDir(async (dir) => {
  const plan = await newPlan('zeta');
  const written = await applyScaffold(dir, plan);
  assert.equal(written.length, plan.files.length);
  for (const f of plan.files) assert.equal(fs.readFileSync(path.join(dir, f.path), 'utf8'), f.content);
}));

test('applyScaffold refuses to overwrite and writes nothing when any file exists', withTempDir(async (dir) => {
  const plan = await newPlan('zeta');
  const existing = path.join(dir, plan.files[1]!.path);
  fs.mkdirSync(path.dirname(existing), { recursive: true });
  fs.writeFileSync(existing, 'mine');
  await assert.rejects(applyScaffold(dir, plan), (e: Error) => e.name === 'CannotRunError' && e.message.includes(plan.files[1]!.path));
  assert.equal(fs.readFileSync(existing, 'utf8'), 'mine');
  assert.deepEqual(fs.readdirSync(path.dirname(existing)), [path.basename(existing)]);
}));

test('applyScaffold refuses a second run of the same plan', withTempDir(async (dir) => {
  const plan = await newPlan('zeta');
  await applyScaffold(dir, plan);
  await assert.rejects(applyScaffold(dir, plan), /refusing to overwrite/);
}));

test('applyScaffold refuses paths outside the repository and symbolic links on the way', withTempDir(async (dir) => {
  const repo = path.join(dir, 'repo');
  fs.mkdirSync(repo);
  const outside: ScaffoldPlan = { created: 'package', revision: 0, notes: [], files: [{ path: '../evil.json', content: '{}\n' }] };
  await assert.rejects(applyScaffold(repo, outside), /outside/);
  assert.equal(fs.existsSync(path.join(dir, 'evil.json')), false);
  fs.mkdirSync(path.join(dir, 'elsewhere'));
  fs.mkdirSync(path.join(repo, 'packages'));
  fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(repo, 'packages', 'Z'));
  await assert.rejects(applyScaffold(repo, await newPlan('zeta')), /symbolic link/);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'elsewhere')), []);
}));
