/**
 * A new revision is held to every rule. Each case commits one broken addition to a clean
 * universe with isomorphic-git and asserts that `universe check` refuses it with an error naming
 * the file, in every packaging version and at folder level; and that every error `validate
 * --policy new` finds in the addition is an error of check too. Legacy leniency belongs to
 * published revisions only: the same defects in a revision already on main are warnings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { TestRepo } from '../helpers/git.js';
import { revisionFiles } from '../helpers/repo.js';

type Files = Record<string, MemoryFile | undefined>;

/** The clean universe every case starts from: a 4.0 package and a 6.0 package with a category. */
const BASE: Files = {
  'repository.json': JSON.stringify({ formatVersion: '1.0', name: 'test', categories: [{ id: 'tools', title: 'Tools' }] }),
  ...revisionFiles('widget', 0),
  ...revisionFiles('widget', 1),
  ...revisionFiles('sprocket', 0, { packageJson: { packagingVersion: '6.0', version: '1.0.0', categories: ['tools'] } }),
};

/** A new package `gizmo`, revision 0, in packaging version `pv`, with members and files laid over it. */
function gizmo(pv: string, packageJson: Record<string, unknown> = {}, files: Files = {}, folder = 'packages/G/gizmo/0'): Files {
  const made = revisionFiles('gizmo', 0, { packageJson: { packagingVersion: pv, ...packageJson } });
  const out: Files = {};
  for (const [k, v] of Object.entries(made)) out[k.replace('packages/G/gizmo/0', folder)] = v;
  for (const [k, v] of Object.entries(files)) out[`${folder}/${k}`] = v;
  return out;
}

const G = (file: string): string => `packages/G/gizmo/0/${file}`;
const TEMPLATE = (body: string): Files => ({ 'marathon.json.mustache': body });
const CONFIG = (value: unknown): Files => ({ 'config.json': JSON.stringify(value, null, 2) });
const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);

/** One broken addition: what is added, and the error check must give (code, file). */
interface Case {
  name: string;
  files: Files;
  code: string;
  file: string;
}

const LEGACY = ['2.0', '3.0', '4.0', '5.0'];

const CASES: Case[] = [
  ...LEGACY.map((pv) => ({
    name: `${pv}: the template renders invalid JSON ("instances": 1,,)`,
    files: gizmo(pv, {}, TEMPLATE('{"id": "{{service.name}}", "instances": 1,, "cmd": "x", "cpus": 0.1, "mem": 32}\n')),
    code: 'template-render',
    file: G('marathon.json.mustache'),
  })),
  ...LEGACY.map((pv) => ({
    name: `${pv}: a default violates config.json`,
    files: gizmo(pv, {}, CONFIG({ type: 'object', properties: { service: { type: 'object', properties: { name: { type: 'string', default: 5 } } } } })),
    code: 'config-defaults',
    file: G('config.json'),
  })),
  { name: '3.0: config.json is not a valid draft-04 schema', files: gizmo('3.0', {}, CONFIG({ type: 'object', properties: { service: { type: 'objekt' } } })), code: 'schema-config-draft04', file: G('config.json') },
  { name: '2.0: the template renders an array', files: gizmo('2.0', {}, TEMPLATE('[{"id": "{{service.name}}"}]\n')), code: 'template-render', file: G('marathon.json.mustache') },
  { name: '4.0: the template renders nothing', files: gizmo('4.0', {}, TEMPLATE('{{#service.missing}}{"id": "x"}{{/service.missing}}')), code: 'template-render', file: G('marathon.json.mustache') },
  { name: '4.0: a duplicate key', files: gizmo('4.0', {}, { 'package.json': '{"packagingVersion": "4.0", "name": "gizmo", "version": "1.0.0", "maintainer": "a@b.c", "description": "d", "tags": ["t"], "website": "https://a", "website": "https://b"}' }), code: 'json-duplicate-key', file: G('package.json') },
  { name: '3.0: non-ASCII text', files: gizmo('3.0', { description: 'Caf\u00e9 service.' }), code: 'json-ascii', file: G('package.json') },
  { name: '4.0: a \\u escape', files: gizmo('4.0', {}, { 'package.json': '{"packagingVersion": "4.0", "name": "gizmo", "version": "1.0.0", "maintainer": "a@b.c", "description": "a\\u00a0b", "tags": ["t"]}' }), code: 'json-ascii', file: G('package.json') },
  { name: 'the package folder is in the wrong letter folder', files: gizmo('4.0', {}, {}, 'packages/P/gizmo/0'), code: 'layout-letter-matches-name', file: 'packages/P/gizmo' },
  { name: 'the package folder is not lower-case', files: gizmo('4.0', { name: 'Gizmo' }, {}, 'packages/G/Gizmo/0'), code: 'layout-package-folder', file: 'packages/G/Gizmo' },
  { name: 'a letter folder that is not a letter', files: gizmo('4.0', {}, {}, 'packages/gg/gizmo/0'), code: 'layout-letter-folder', file: 'packages/gg' },
  { name: 'a revision folder that is not a number', files: gizmo('4.0', {}, {}, 'packages/G/gizmo/01'), code: 'layout-revision-folder', file: 'packages/G/gizmo/01' },
  { name: 'no package.json', files: gizmo('4.0', {}, { 'package.json': undefined }), code: 'package-json-required', file: G('package.json') },
  { name: 'package.json does not parse', files: gizmo('4.0', {}, { 'package.json': '{"name": "gizmo",' }), code: 'json-syntax', file: G('package.json') },
  { name: 'name differs from the folder', files: gizmo('4.0', { name: 'gadget' }), code: 'package-name-matches-folder', file: G('package.json') },
  { name: 'package.json misses maintainer', files: gizmo('4.0', { maintainer: undefined }), code: 'schema-package', file: G('package.json') },
  { name: 'package.json has an unknown member', files: gizmo('5.0', { colour: 'blue' }), code: 'schema-package', file: G('package.json') },
  { name: '4.0: command.json', files: gizmo('4.0', {}, { 'command.json': '{"pip": ["gizmo==1.0"]}' }), code: 'command-forbidden', file: G('command.json') },
  { name: '2.0: no Marathon template', files: gizmo('2.0', {}, { 'marathon.json.mustache': undefined }), code: 'marathon-template-required', file: G('marathon.json.mustache') },
  { name: 'a template that does not parse', files: gizmo('4.0', {}, TEMPLATE('{"id": "{{#service.name}}"}\n')), code: 'template-syntax', file: G('marathon.json.mustache') },
  { name: 'resource.json breaks its schema', files: gizmo('3.0', {}, { 'resource.json': '{"images": "icon.png"}' }), code: 'schema-resource', file: G('resource.json') },
  { name: 'config.json is not an object schema', files: gizmo('4.0', {}, CONFIG({ type: 'array' })), code: 'schema-config', file: G('config.json') },
  { name: 'a byte order mark', files: gizmo('4.0', {}, { 'resource.json': '\ufeff{"images": {}}' }), code: 'file-encoding', file: G('resource.json') },
  { name: 'invalid UTF-8', files: gizmo('4.0', {}, { 'resource.json': Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) }), code: 'file-encoding', file: G('resource.json') },
  { name: 'a file over the size limit', files: gizmo('4.0', {}, { 'resource.json': `{"images": {}, "pad": "${'x'.repeat(1024 * 1024)}"}` }), code: 'file-too-large', file: G('resource.json') },
  { name: 'JSON nested too deep', files: gizmo('4.0', {}, { 'resource.json': `{"x": ${deep(80)}}` }), code: 'json-too-deep', file: G('resource.json') },
  { name: 'a __proto__ key', files: gizmo('4.0', {}, { 'resource.json': '{"images": {}, "__proto__": {}}' }), code: 'json-unsafe-key', file: G('resource.json') },
  {
    name: '3.0: a CLI for DC/OS before 1.8 without command.json',
    files: gizmo('3.0', {}, { 'resource.json': JSON.stringify({ cli: { binaries: { linux: { 'x86-64': { kind: 'executable', url: 'https://a/b', contentHash: [{ algo: 'sha256', value: 'a'.repeat(64) }] } } } } }) }),
    code: 'cli-requires-command',
    file: G('resource.json'),
  },
  { name: '4.0: an Aurora template', files: gizmo('4.0', {}, { 'job.aurora.mustache': 'jobs = [Job(name="x")]\n' }), code: 'aurora-requires-6', file: G('job.aurora.mustache') },
  { name: '6.0: an undeclared category', files: gizmo('6.0', { categories: ['games'] }), code: 'category-unknown', file: G('package.json') },
  { name: '6.0: a dependency on an unknown package', files: gizmo('6.0', { dependencies: { nothing: '^1.0.0' } }), code: 'dependency-unknown-package', file: G('package.json') },
  { name: '6.0: a dependency no revision satisfies', files: gizmo('6.0', { dependencies: { sprocket: '^2.0.0' } }), code: 'dependency-unsatisfiable', file: G('package.json') },
  { name: '6.0: no descriptor', files: gizmo('6.0', {}, { 'marathon.json.mustache': undefined }), code: 'descriptor-required', file: G('package.json') },
  { name: '6.0: the template renders invalid JSON', files: gizmo('6.0', {}, TEMPLATE('{"id": 1,,}\n')), code: 'template-render', file: G('marathon.json.mustache') },
];

/** A repository with BASE on main, `files` committed on top; returns the two commits. */
async function commitOnTop(files: Files): Promise<{ repo: TestRepo; base: string; head: string }> {
  const repo = await TestRepo.create(BASE as Record<string, MemoryFile>);
  const base = await repo.resolve();
  repo.write(files);
  return { repo, base, head: await repo.commit('add gizmo') };
}

test('new revisions: the clean additions the cases start from pass check in every packaging version', async () => {
  for (const pv of [...LEGACY, '6.0']) {
    const { repo, base, head } = await commitOnTop(gizmo(pv));
    try {
      const report = await repo.check({ base, head });
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), [], pv);
    } finally {
      repo.remove();
    }
  }
});

test(`new revisions: check refuses each of ${CASES.length} kinds of broken addition, with every error validate --policy new finds`, async () => {
  assert.ok(CASES.length >= 30);
  for (const c of CASES) {
    const { repo, base, head } = await commitOnTop(c.files);
    try {
      const report = await repo.check({ base, head });
      const errors = new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file} ${d.pointer}`));
      assert.ok(
        report.diagnostics.some((d) => d.severity === 'error' && d.code === c.code && d.file === c.file),
        `${c.name}: expected an error ${c.code} on ${c.file}, got ${JSON.stringify(report.diagnostics.map((d) => [d.code, d.severity, d.file]))}`,
      );
      // validate judging everything as new: its errors in what was added are check's errors too.
      const added = Object.keys(c.files).map((f) => f.split('/').slice(0, 3).join('/'));
      const all = await validateSnapshot(new WorktreeSnapshot(repo.repoDir), undefined, { policy: 'new', threads: 'off' });
      for (const d of all.diagnostics) {
        if (d.severity !== 'error' || !added.some((a) => d.file === a || d.file.startsWith(`${a}/`) || a.startsWith(`${d.file}/`))) continue;
        assert.ok(errors.has(`${d.code} ${d.file} ${d.pointer}`), `${c.name}: validate --policy new reports ${d.code} on ${d.file} ${d.pointer}, check does not`);
      }
    } finally {
      repo.remove();
    }
  }
});

test('new revisions: the CLI exits 1 and names the file', async () => {
  const c = CASES[0]!;
  const { repo, base, head } = await commitOnTop(c.files);
  try {
    const r = await repo.cli(['--base', base, '--head', head, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { diagnostics: Array<{ code: string; severity: string; file: string }> };
    assert.ok(out.diagnostics.some((d) => d.code === c.code && d.severity === 'error' && d.file === c.file));
  } finally {
    repo.remove();
  }
});

test('new revisions: the same legacy defect in a published revision is a warning, and editing that revision makes it an error', async () => {
  const broken = gizmo('4.0', {}, TEMPLATE('{"id": "{{service.name}}", "instances": 1,, "cmd": "x"}\n'));
  const repo = await TestRepo.create({ ...(BASE as Record<string, MemoryFile>), ...(broken as Record<string, MemoryFile>) });
  try {
    const base = await repo.resolve();
    // validate (no history): published, so a warning.
    const published = await validateSnapshot(new WorktreeSnapshot(repo.repoDir), undefined, { threads: 'off' });
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === 'template-render').map((d) => [d.severity, d.file]),
      [['warning', G('marathon.json.mustache')]],
    );
    // A change elsewhere in the package leaves it published: not reported by check.
    repo.write(revisionFiles('gizmo', 1, { packageJson: { version: '1.0.1' } }));
    const next = await repo.commit('gizmo 1');
    const report = await repo.check({ base, head: next });
    assert.deepEqual(report.diagnostics.filter((d) => d.code === 'template-render'), []);
    // Touching the broken revision itself makes it new again: an error.
    repo.write({ [G('package.json')]: JSON.stringify({ ...JSON.parse(broken[G('package.json')] as string), description: 'Edited.' }, null, 2) });
    const edit = await repo.commit('edit gizmo 0');
    const edited = await repo.check({ base: next, head: edit });
    assert.deepEqual(
      edited.diagnostics.filter((d) => d.code === 'template-render').map((d) => [d.severity, d.file]),
      [['error', G('marathon.json.mustache')]],
    );
  } finally {
    repo.remove();
  }
});

test('new revisions: a folder-level finding that was already there at the base is not the change\'s doing', async () => {
  const misplaced = gizmo('4.0', {}, {}, 'packages/P/gizmo/0');
  const repo = await TestRepo.create({ ...(BASE as Record<string, MemoryFile>), ...(misplaced as Record<string, MemoryFile>) });
  try {
    const base = await repo.resolve();
    repo.write(revisionFiles('widget', 2));
    const head = await repo.commit('widget 2');
    const report = await repo.check({ base, head });
    assert.deepEqual(report.diagnostics.filter((d) => d.code.startsWith('layout-')), []);
    assert.equal(path.basename(report.changes.packages[0]!.dir), 'widget');
  } finally {
    repo.remove();
  }
});
