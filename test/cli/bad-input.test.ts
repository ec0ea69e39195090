/**
 * The bad-input suite: dozens of distinct malformed packages, each run through the real compiled
 * CLI in its own folder. Each must give exit 1 and a diagnostic with the right code and file —
 * never exit 2, a stack trace or a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { runCli, writeTree } from '../helpers/cli.js';

type Files = Record<string, MemoryFile>;
const W = 'packages/W/widget/0';

const json = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';

function pkg(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    packagingVersion: '6.0',
    name: 'widget',
    version: '1.0.0',
    maintainer: 'team@example.com',
    description: 'A widget service.',
    tags: ['widget'],
    categories: ['tools'],
    ...extra,
  };
}

const CONFIG = {
  type: 'object',
  properties: {
    service: {
      type: 'object',
      description: 'Service settings.',
      properties: {
        name: { type: 'string', description: 'Service name.', default: 'widget' },
        cpus: { type: 'number', description: 'CPU shares.', default: 0.5, minimum: 0.1 },
      },
      required: ['name'],
    },
  },
};

const TEMPLATE = '{\n  "id": "/{{service.name}}",\n  "cpus": {{service.cpus}},\n  "mem": 128,\n  "cmd": "widget --serve",\n  "container": {"type": "DOCKER", "docker": {"image": "{{resource.assets.container.docker.widget}}"}}\n}\n';
const RESOURCE = { assets: { container: { docker: { widget: 'example/widget:1.0.0' } } }, images: { 'icon-small': 'https://example.com/widget.png' } };

/** A clean universe: widget 1.0.0 (6.0) and gadget 2.1.0 (6.0), one category. */
function base(): Files {
  return {
    'repository.json': json({ formatVersion: '1.0', name: 'test-universe', categories: [{ id: 'tools', title: 'Tools' }] }),
    [`${W}/package.json`]: json(pkg()),
    [`${W}/config.json`]: json(CONFIG),
    [`${W}/marathon.json.mustache`]: TEMPLATE,
    [`${W}/resource.json`]: json(RESOURCE),
    'packages/G/gadget/0/package.json': json({ ...pkg(), name: 'gadget', version: '2.1.0', description: 'A gadget.' }),
    'packages/G/gadget/0/marathon.json.mustache': '{"id": "/gadget", "cmd": "gadget", "cpus": 0.1, "mem": 32}\n',
  };
}

/** Base with a package.json replaced by these members (undefined removes one). */
function withPkg(extra: Record<string, unknown>, remove: string[] = []): Files {
  const p = pkg(extra);
  for (const k of remove) delete p[k];
  return { ...base(), [`${W}/package.json`]: json(p) };
}

function without(files: Files, ...paths: string[]): Files {
  const out = { ...files };
  for (const p of paths) delete out[p];
  return out;
}

function moved(from: string, to: string): Files {
  const out: Files = {};
  for (const [k, v] of Object.entries(base())) out[k.startsWith(from + '/') ? to + k.slice(from.length) : k] = v;
  return out;
}

const legacy = (pv: string, extra: Record<string, unknown> = {}): Record<string, unknown> => {
  const p: Record<string, unknown> = { ...pkg(), packagingVersion: pv, ...extra };
  delete p.categories;
  return p;
};

interface Case {
  name: string;
  files: Files;
  code: string;
  file: string;
  strict?: boolean;
}

const deep = '['.repeat(5000) + ']'.repeat(5000);

const CASES: Case[] = [
  // files and encodings
  { name: 'package.json missing', files: without(base(), `${W}/package.json`), code: 'package-json-required', file: `${W}/package.json` },
  { name: 'trailing comma', files: { ...base(), [`${W}/package.json`]: '{"name": "widget",}\n' }, code: 'json-syntax', file: `${W}/package.json` },
  { name: 'empty package.json', files: { ...base(), [`${W}/package.json`]: '' }, code: 'json-syntax', file: `${W}/package.json` },
  { name: 'truncated package.json', files: { ...base(), [`${W}/package.json`]: json(pkg()).slice(0, 60) }, code: 'json-syntax', file: `${W}/package.json` },
  { name: 'comment in JSON', files: { ...base(), [`${W}/config.json`]: '// options\n' + json(CONFIG) }, code: 'json-syntax', file: `${W}/config.json` },
  { name: 'single quotes', files: { ...base(), [`${W}/resource.json`]: "{'images': {}}\n" }, code: 'json-syntax', file: `${W}/resource.json` },
  { name: 'two documents', files: { ...base(), [`${W}/resource.json`]: '{}\n{}\n' }, code: 'json-syntax', file: `${W}/resource.json` },
  { name: 'NaN literal', files: { ...base(), [`${W}/config.json`]: '{"type": "object", "properties": {"a": {"type": "number", "default": NaN}}}' }, code: 'json-syntax', file: `${W}/config.json` },
  { name: 'raw control character in a string', files: { ...base(), [`${W}/package.json`]: json(pkg()).replace('A widget service.', 'A widget\tservice.') }, code: 'json-syntax', file: `${W}/package.json` },
  { name: 'duplicate key', files: { ...base(), [`${W}/package.json`]: json(pkg()).replace('"name": "widget",', '"name": "widget",\n  "name": "widget",') }, code: 'json-duplicate-key', file: `${W}/package.json` },
  { name: 'duplicate nested key', files: { ...base(), [`${W}/config.json`]: json(CONFIG).replace('"default": "widget"', '"default": "widget", "default": "w"') }, code: 'json-duplicate-key', file: `${W}/config.json` },
  { name: 'byte order mark', files: { ...base(), [`${W}/package.json`]: '\ufeff' + json(pkg()) }, code: 'file-encoding', file: `${W}/package.json` },
  { name: 'invalid UTF-8', files: { ...base(), [`${W}/package.json`]: Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]) }, code: 'file-encoding', file: `${W}/package.json` },
  { name: 'invalid UTF-8 in a template', files: { ...base(), [`${W}/marathon.json.mustache`]: Buffer.from([0x7b, 0xff, 0x7d]) }, code: 'file-encoding', file: `${W}/marathon.json.mustache` },
  { name: 'non-ASCII text', files: withPkg({ description: 'Caf\u00e9 service.' }), code: 'json-ascii', file: `${W}/package.json` },
  { name: '\\u escape', files: { ...base(), [`${W}/package.json`]: json(pkg()).replace('A widget service.', 'A widget \\u0073ervice.') }, code: 'json-ascii', file: `${W}/package.json` },
  { name: '__proto__ key', files: { ...base(), [`${W}/config.json`]: json(CONFIG).replace('"type": "object",', '"type": "object", "__proto__": {"polluted": true},') }, code: 'json-unsafe-key', file: `${W}/config.json` },
  { name: 'constructor key', files: { ...base(), [`${W}/resource.json`]: '{"constructor": {"prototype": {}}}\n' }, code: 'json-unsafe-key', file: `${W}/resource.json` },
  { name: 'deep nesting', files: { ...base(), [`${W}/resource.json`]: deep }, code: 'json-too-deep', file: `${W}/resource.json` },
  { name: 'huge file', files: { ...base(), [`${W}/config.json`]: '{"type": "object", "description": "' + 'x'.repeat(2 * 1024 * 1024) + '"}' }, code: 'file-too-large', file: `${W}/config.json` },
  { name: 'symlink out of the repo', files: { ...base(), [`${W}/package.json`]: { symlink: '/etc/hostname' } }, code: 'file-unreadable', file: `${W}/package.json` },
  { name: 'symlink loop', files: { ...base(), [`${W}/config.json`]: { symlink: 'config.json' } }, code: 'file-unreadable', file: `${W}/config.json` },
  { name: 'package.json is a folder', files: { ...without(base(), `${W}/package.json`), [`${W}/package.json/x`]: '{}' }, code: 'file-unreadable', file: `${W}/package.json` },
  // layout
  { name: 'lower-case letter folder', files: moved('packages/W', 'packages/w'), code: 'layout-letter-folder', file: 'packages/w' },
  { name: 'upper-case package folder', files: moved('packages/W/widget', 'packages/W/Widget'), code: 'layout-package-folder', file: 'packages/W/Widget' },
  { name: 'letter does not match', files: moved('packages/W/widget', 'packages/X/widget'), code: 'layout-letter-matches-name', file: 'packages/X/widget' },
  { name: 'revision with a leading zero', files: moved(W, 'packages/W/widget/01'), code: 'layout-revision-folder', file: 'packages/W/widget/01' },
  { name: 'revision that is a word', files: moved(W, 'packages/W/widget/latest'), code: 'layout-revision-folder', file: 'packages/W/widget/latest' },
  { name: 'negative revision', files: moved(W, 'packages/W/widget/-1'), code: 'layout-revision-folder', file: 'packages/W/widget/-1' },
  { name: 'name differs from folder', files: withPkg({ name: 'widgets' }), code: 'package-name-matches-folder', file: `${W}/package.json` },
  { name: 'stray file (strict)', files: { ...base(), [`${W}/notes.txt`]: 'hello' }, code: 'layout-stray-file', file: `${W}/notes.txt`, strict: true },
  // package.json schema
  { name: 'missing version', files: withPkg({}, ['version']), code: 'schema-package', file: `${W}/package.json` },
  { name: 'missing maintainer', files: withPkg({}, ['maintainer']), code: 'schema-package', file: `${W}/package.json` },
  { name: 'unknown property', files: withPkg({ homepage: 'https://example.com' }), code: 'schema-package', file: `${W}/package.json` },
  { name: 'tag with whitespace', files: withPkg({ tags: ['a widget'] }), code: 'schema-package', file: `${W}/package.json` },
  { name: 'unknown packaging version', files: withPkg({ packagingVersion: '7.0' }), code: 'schema-package', file: `${W}/package.json` },
  { name: 'numeric packaging version', files: withPkg({ packagingVersion: 6 }), code: 'schema-package', file: `${W}/package.json` },
  { name: 'version with spaces (3.0)', files: { ...base(), [`${W}/package.json`]: json(legacy('3.0', { version: '1.0 beta' })) }, code: 'schema-package', file: `${W}/package.json` },
  { name: 'bad minDcosReleaseVersion', files: withPkg({ minDcosReleaseVersion: 'latest' }), code: 'schema-package', file: `${W}/package.json` },
  { name: 'licenses as strings', files: withPkg({ licenses: ['MIT'] }), code: 'schema-package', file: `${W}/package.json` },
  { name: 'upgradesFrom in 3.0', files: { ...base(), [`${W}/package.json`]: json(legacy('3.0', { upgradesFrom: ['0.9.0'] })) }, code: 'schema-package', file: `${W}/package.json` },
  { name: 'manager in 4.0', files: { ...base(), [`${W}/package.json`]: json(legacy('4.0', { manager: { packageName: 'x' } })) }, code: 'schema-package', file: `${W}/package.json` },
  { name: 'categories in 5.0', files: { ...base(), [`${W}/package.json`]: json({ ...legacy('5.0'), categories: ['tools'] }) }, code: 'schema-package', file: `${W}/package.json` },
  { name: 'non-semver version in 6.0', files: withPkg({ version: '1.0' }), code: 'schema-package', file: `${W}/package.json` },
  { name: 'deprecated without message', files: withPkg({ deprecated: { replacement: 'gadget' } }), code: 'schema-package', file: `${W}/package.json` },
  { name: 'package.json is an array', files: { ...base(), [`${W}/package.json`]: '[]\n' }, code: 'schema-package', file: `${W}/package.json` },
  { name: 'package.json is null', files: { ...base(), [`${W}/package.json`]: 'null\n' }, code: 'schema-package', file: `${W}/package.json` },
  // config.json
  { name: 'config of type array', files: { ...base(), [`${W}/config.json`]: json({ type: 'array', items: {} }) }, code: 'schema-config', file: `${W}/config.json` },
  { name: 'config properties not an object', files: { ...base(), [`${W}/config.json`]: json({ type: 'object', properties: [] }) }, code: 'schema-config', file: `${W}/config.json` },
  { name: 'config type misspelled', files: { ...base(), [`${W}/config.json`]: json({ type: 'object', properties: { a: { type: 'strng' } } }) }, code: 'schema-config-draft04', file: `${W}/config.json` },
  { name: 'default of the wrong type', files: { ...base(), [`${W}/config.json`]: json({ ...CONFIG, properties: { service: { ...CONFIG.properties.service, properties: { ...CONFIG.properties.service.properties, cpus: { type: 'number', default: 'lots' } } } } }) }, code: 'config-defaults', file: `${W}/config.json` },
  { name: 'default outside its enum', files: { ...base(), [`${W}/config.json`]: json({ type: 'object', properties: { mode: { type: 'string', enum: ['a', 'b'], default: 'c' } } }) }, code: 'config-defaults', file: `${W}/config.json` },
  { name: 'default below its minimum', files: { ...base(), [`${W}/config.json`]: json({ ...CONFIG, properties: { service: { ...CONFIG.properties.service, properties: { ...CONFIG.properties.service.properties, cpus: { type: 'number', default: 0, minimum: 0.1 } } } } }) }, code: 'config-defaults', file: `${W}/config.json` },
  // resource.json and command.json
  { name: 'images not an object', files: { ...base(), [`${W}/resource.json`]: json({ images: 'icon.png' }) }, code: 'schema-resource', file: `${W}/resource.json` },
  { name: 'resource is an array', files: { ...base(), [`${W}/resource.json`]: '[]\n' }, code: 'schema-resource', file: `${W}/resource.json` },
  { name: 'CLI binary without a hash', files: { ...base(), [`${W}/resource.json`]: json({ ...RESOURCE, cli: { binaries: { linux: { 'x86-64': { kind: 'executable', url: 'https://example.com/w' } } } } }) }, code: 'schema-resource', file: `${W}/resource.json` },
  { name: 'command.json in 4.0', files: { ...base(), [`${W}/package.json`]: json(legacy('4.0')), [`${W}/command.json`]: json({ pip: ['widget==1.0'] }) }, code: 'command-forbidden', file: `${W}/command.json` },
  { name: 'command.json in 6.0', files: { ...base(), [`${W}/command.json`]: json({ pip: ['widget==1.0'] }) }, code: 'command-forbidden', file: `${W}/command.json` },
  { name: 'command.json without pip', files: { ...base(), [`${W}/package.json`]: json(legacy('2.0')), [`${W}/command.json`]: json({ npm: ['x'] }) }, code: 'schema-command', file: `${W}/command.json` },
  { name: '2.0 without a Marathon template', files: { ...without(base(), `${W}/marathon.json.mustache`), [`${W}/package.json`]: json(legacy('2.0')) }, code: 'marathon-template-required', file: `${W}/marathon.json.mustache` },
  { name: 'CLI for DC/OS 1.7 without command.json', files: { ...base(), [`${W}/package.json`]: json(legacy('3.0', { minDcosReleaseVersion: '1.7' })), [`${W}/resource.json`]: json({ cli: { binaries: { linux: { 'x86-64': { kind: 'executable', url: 'https://example.com/w', contentHash: [{ algo: 'sha256', value: 'a'.repeat(64) }] } } } } }) }, code: 'cli-requires-command', file: `${W}/resource.json` },
  // templates
  { name: 'unclosed section', files: { ...base(), [`${W}/marathon.json.mustache`]: '{"id": "{{#service}}x"}' }, code: 'template-syntax', file: `${W}/marathon.json.mustache` },
  { name: 'unclosed tag', files: { ...base(), [`${W}/marathon.json.mustache`]: '{"id": "{{service.name"}' }, code: 'template-syntax', file: `${W}/marathon.json.mustache` },
  { name: 'mismatched section', files: { ...base(), [`${W}/marathon.json.mustache`]: '{"id": "{{#service}}{{/resource}}"}' }, code: 'template-syntax', file: `${W}/marathon.json.mustache` },
  { name: 'sections nested 20,000 deep', files: { ...base(), [`${W}/marathon.json.mustache`]: '{"id": "' + '{{#service}}'.repeat(20000) + 'x' + '{{/service}}'.repeat(20000) + '"}' }, code: 'template-syntax', file: `${W}/marathon.json.mustache` },
  {
    name: 'exponential rendering',
    files: {
      ...base(),
      [`${W}/config.json`]: json({ type: 'object', properties: { a: { type: 'array', description: 'List.', default: [1, 2, 3, 4] } } }),
      [`${W}/marathon.json.mustache`]: '{"id": "' + '{{#a}}'.repeat(40) + 'x' + '{{/a}}'.repeat(40) + '", "cmd": "w", "cpus": 0.1, "mem": 32}',
    },
    code: 'template-render',
    file: `${W}/marathon.json.mustache`,
  },
  { name: 'partial tag', files: { ...base(), [`${W}/marathon.json.mustache`]: '{"id": "{{> other}}"}' }, code: 'template-syntax', file: `${W}/marathon.json.mustache` },
  { name: 'template renders invalid JSON', files: { ...base(), [`${W}/marathon.json.mustache`]: TEMPLATE.replace('"mem": 128,', '"mem": 128') }, code: 'template-render', file: `${W}/marathon.json.mustache` },
  { name: 'template renders an array', files: { ...base(), [`${W}/marathon.json.mustache`]: '[{"id": "/{{service.name}}"}]' }, code: 'template-render', file: `${W}/marathon.json.mustache` },
  { name: 'unknown template variable (strict)', files: { ...base(), [`${W}/marathon.json.mustache`]: TEMPLATE.replace('{{service.name}}', '{{service.nmae}}') }, code: 'template-unknown-variable', file: `${W}/marathon.json.mustache`, strict: true },
  { name: 'Aurora template in 4.0', files: { ...base(), [`${W}/package.json`]: json(legacy('4.0')), [`${W}/job.aurora.mustache`]: 'jobs = [Job(name="{{service.name}}")]\n' }, code: 'aurora-requires-6', file: `${W}/job.aurora.mustache` },
  { name: 'Aurora template without jobs', files: { ...base(), [`${W}/job.aurora.mustache`]: 'task = Task(name="{{service.name}}")\n' }, code: 'aurora-render', file: `${W}/job.aurora.mustache` },
  { name: 'no descriptor in 6.0', files: without(base(), `${W}/marathon.json.mustache`), code: 'descriptor-required', file: `${W}/package.json` },
  // package-level and 6.0 references
  { name: 'duplicate version (strict)', files: { ...base(), 'packages/W/widget/1/package.json': json(pkg()), 'packages/W/widget/1/marathon.json.mustache': '{"id": "/w", "cmd": "w", "cpus": 0.1, "mem": 32}\n' }, code: 'duplicate-version', file: 'packages/W/widget/1/package.json', strict: true },
  { name: 'upgradesFrom unknown version (strict)', files: withPkg({ upgradesFrom: ['0.9.0'] }), code: 'upgrades-unknown-version', file: `${W}/package.json`, strict: true },
  { name: 'dependency on a missing package', files: withPkg({ dependencies: { sprocket: '^1.0.0' } }), code: 'dependency-unknown-package', file: `${W}/package.json` },
  { name: 'unsatisfiable dependency', files: withPkg({ dependencies: { gadget: '^3.0.0' } }), code: 'dependency-unsatisfiable', file: `${W}/package.json` },
  { name: 'invalid dependency range', files: withPkg({ dependencies: { gadget: 'not a range!' } }), code: 'dependency-unsatisfiable', file: `${W}/package.json` },
  {
    name: 'dependency cycle',
    files: {
      ...withPkg({ dependencies: { gadget: '^2.0.0' } }),
      'packages/G/gadget/0/package.json': json({ ...pkg(), name: 'gadget', version: '2.1.0', dependencies: { widget: '^1.0.0' } }),
    },
    code: 'dependency-cycle',
    file: 'packages/G/gadget/0/package.json',
  },
  { name: 'unknown category', files: withPkg({ categories: ['toolz'] }), code: 'category-unknown', file: `${W}/package.json` },
  // repository settings
  { name: 'settings with an unknown key', files: { ...base(), 'repository.json': json({ formatVersion: '1.0', name: 'x', colour: 'blue' }) }, code: 'settings-schema', file: 'repository.json' },
  { name: 'settings syntax error', files: { ...base(), 'repository.json': '{"name": "x"' }, code: 'json-syntax', file: 'repository.json' },
];

test('the clean base universe validates without a diagnostic', async () => {
  const dir = writeTree(base());
  try {
    const r = await runCli(['validate', '--repo', dir, '--format', 'json', '--strict']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test(`bad-input suite has at least 60 distinct cases (${CASES.length})`, () => {
  assert.ok(CASES.length >= 60);
  assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length);
});

for (const c of CASES) {
  test(`bad input: ${c.name} → ${c.code}`, async () => {
    const dir = writeTree(c.files);
    try {
      const r = await runCli(['validate', '--repo', dir, '--format', 'json', ...(c.strict ? ['--strict'] : [])], { timeoutMs: 20_000 });
      assert.equal(r.timedOut, false, 'the CLI hung');
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'stack trace on stderr');
      assert.equal(r.code, 1, `exit code (stderr: ${r.stderr.slice(0, 300)})`);
      const out = JSON.parse(r.stdout) as { diagnostics: Array<{ code: string; file: string; line: number; column: number }> };
      const hit = out.diagnostics.find((d) => d.code === c.code && d.file === c.file);
      assert.ok(hit, `expected ${c.code} on ${c.file}; got ${JSON.stringify(out.diagnostics.map((d) => [d.code, d.file]))}`);
      assert.ok(hit.line >= 1 && hit.column >= 1);
      assert.ok(!out.diagnostics.some((d) => d.code === 'internal-error'), 'internal error');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
