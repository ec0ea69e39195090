/**
 * Broken additions for the check tests: a clean universe (BASE) and {@link CASES}, each a kind of
 * defect a new revision of a package can carry, in every packaging version and at folder level,
 * with the error `universe check` must give for it.
 */
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { revisionFiles } from '../helpers/repo.js';

/** Files by path relative to the universe folder; undefined removes one. */
export type Files = Record<string, MemoryFile | undefined>;

/** The clean universe every case starts from: a 4.0 package and a 6.0 package with a category. */
export const BASE: Files = {
  'repository.json': JSON.stringify({ formatVersion: '1.0', name: 'test', categories: [{ id: 'tools', title: 'Tools' }] }),
  ...revisionFiles('widget', 0),
  ...revisionFiles('widget', 1),
  ...revisionFiles('sprocket', 0, { packageJson: { packagingVersion: '6.0', version: '1.0.0', categories: ['tools'] } }),
};

/** The folder of revision 0 of package `name`, or a file in it. */
export const at = (name: string, file?: string): string => `packages/${name[0]!.toUpperCase()}/${name}/0${file ? `/${file}` : ''}`;

/**
 * A new package `name`, revision 0, in packaging version `pv`, with members and files laid over
 * it; `folder` moves it (a misplaced folder).
 */
export function added(name: string, pv: string, packageJson: Record<string, unknown> = {}, files: Files = {}, folder = at(name)): Files {
  const made = revisionFiles(name, 0, { packageJson: { packagingVersion: pv, ...packageJson } });
  const out: Files = {};
  for (const [k, v] of Object.entries(made)) out[k.replace(at(name), folder)] = v;
  for (const [k, v] of Object.entries(files)) out[`${folder}/${k}`] = v;
  return out;
}
export const TEMPLATE = (body: string): Files => ({ 'marathon.json.mustache': body });
const CONFIG = (value: unknown): Files => ({ 'config.json': JSON.stringify(value, null, 2) });
const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);

/** One kind of broken addition of a package `n`: what is added, and the error check must give (code, file). */
export interface BrokenCase {
  name: string;
  files: (n: string) => Files;
  code: string;
  file: (n: string) => string;
}

export const LEGACY = ['2.0', '3.0', '4.0', '5.0'];

export const CASES: BrokenCase[] = [
  ...LEGACY.map((pv) => ({
    name: `${pv}: the template renders invalid JSON ("instances": 1,,)`,
    files: (n: string) => added(n, pv, {}, TEMPLATE('{"id": "{{service.name}}", "instances": 1,, "cmd": "x", "cpus": 0.1, "mem": 32}\n')),
    code: 'template-render',
    file: (n: string) => at(n, 'marathon.json.mustache'),
  })),
  ...LEGACY.map((pv) => ({
    name: `${pv}: a default violates config.json`,
    files: (n: string) => added(n, pv, {}, CONFIG({ type: 'object', properties: { service: { type: 'object', properties: { name: { type: 'string', default: 5 } } } } })),
    code: 'config-defaults',
    file: (n: string) => at(n, 'config.json'),
  })),
  { name: '3.0: config.json is not a valid draft-04 schema', files: (n) => added(n, '3.0', {}, CONFIG({ type: 'object', properties: { service: { type: 'objekt' } } })), code: 'schema-config-draft04', file: (n) => at(n, 'config.json') },
  { name: '2.0: the template renders an array', files: (n) => added(n, '2.0', {}, TEMPLATE('[{"id": "{{service.name}}"}]\n')), code: 'template-render', file: (n) => at(n, 'marathon.json.mustache') },
  { name: '4.0: the template renders nothing', files: (n) => added(n, '4.0', {}, TEMPLATE('{{#service.missing}}{"id": "x"}{{/service.missing}}')), code: 'template-render', file: (n) => at(n, 'marathon.json.mustache') },
  { name: '4.0: a duplicate key', files: (n) => added(n, '4.0', {}, { 'package.json': `{"packagingVersion": "4.0", "name": "${n}", "version": "1.0.0", "maintainer": "a@b.c", "description": "d", "tags": ["t"], "website": "https://a", "website": "https://b"}` }), code: 'json-duplicate-key', file: (n) => at(n, 'package.json') },
  { name: '3.0: non-ASCII text', files: (n) => added(n, '3.0', { description: 'Caf\u00e9 service.' }), code: 'json-ascii', file: (n) => at(n, 'package.json') },
  { name: '4.0: a \\u escape', files: (n) => added(n, '4.0', {}, { 'package.json': `{"packagingVersion": "4.0", "name": "${n}", "version": "1.0.0", "maintainer": "a@b.c", "description": "a\\u00a0b", "tags": ["t"]}` }), code: 'json-ascii', file: (n) => at(n, 'package.json') },
  { name: 'the package folder is in the wrong letter folder', files: (n) => added(n, '4.0', {}, {}, `packages/P/${n}/0`), code: 'layout-letter-matches-name', file: (n) => `packages/P/${n}` },
  { name: 'the package folder is not lower-case', files: (n) => added(n, '4.0', { name: n.toUpperCase() }, {}, `packages/${n[0]!.toUpperCase()}/${n.toUpperCase()}/0`), code: 'layout-package-folder', file: (n) => `packages/${n[0]!.toUpperCase()}/${n.toUpperCase()}` },
  { name: 'a letter folder that is not a letter', files: (n) => added(n, '4.0', {}, {}, `packages/${n[0]}${n[0]}/${n}/0`), code: 'layout-letter-folder', file: (n) => `packages/${n[0]}${n[0]}` },
  { name: 'a revision folder that is not a number', files: (n) => added(n, '4.0', {}, {}, `${at(n).slice(0, -1)}01`), code: 'layout-revision-folder', file: (n) => `${at(n).slice(0, -1)}01` },
  { name: 'no package.json', files: (n) => added(n, '4.0', {}, { 'package.json': undefined }), code: 'package-json-required', file: (n) => at(n, 'package.json') },
  { name: 'package.json does not parse', files: (n) => added(n, '4.0', {}, { 'package.json': `{"name": "${n}",` }), code: 'json-syntax', file: (n) => at(n, 'package.json') },
  { name: 'name differs from the folder', files: (n) => added(n, '4.0', { name: `${n}x` }), code: 'package-name-matches-folder', file: (n) => at(n, 'package.json') },
  { name: 'package.json misses maintainer', files: (n) => added(n, '4.0', { maintainer: undefined }), code: 'schema-package', file: (n) => at(n, 'package.json') },
  { name: 'package.json has an unknown member', files: (n) => added(n, '5.0', { colour: 'blue' }), code: 'schema-package', file: (n) => at(n, 'package.json') },
  { name: '4.0: command.json', files: (n) => added(n, '4.0', {}, { 'command.json': '{"pip": ["gizmo==1.0"]}' }), code: 'command-forbidden', file: (n) => at(n, 'command.json') },
  { name: '2.0: no Marathon template', files: (n) => added(n, '2.0', {}, { 'marathon.json.mustache': undefined }), code: 'marathon-template-required', file: (n) => at(n, 'marathon.json.mustache') },
  { name: 'a template that does not parse', files: (n) => added(n, '4.0', {}, TEMPLATE('{"id": "{{#service.name}}"}\n')), code: 'template-syntax', file: (n) => at(n, 'marathon.json.mustache') },
  { name: 'resource.json breaks its schema', files: (n) => added(n, '3.0', {}, { 'resource.json': '{"images": "icon.png"}' }), code: 'schema-resource', file: (n) => at(n, 'resource.json') },
  { name: 'config.json is not an object schema', files: (n) => added(n, '4.0', {}, CONFIG({ type: 'array' })), code: 'schema-config', file: (n) => at(n, 'config.json') },
  { name: 'a byte order mark', files: (n) => added(n, '4.0', {}, { 'resource.json': '\ufeff{"images": {}}' }), code: 'file-encoding', file: (n) => at(n, 'resource.json') },
  { name: 'invalid UTF-8', files: (n) => added(n, '4.0', {}, { 'resource.json': Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) }), code: 'file-encoding', file: (n) => at(n, 'resource.json') },
  { name: 'a file over the size limit', files: (n) => added(n, '4.0', {}, { 'resource.json': `{"images": {}, "pad": "${'x'.repeat(1024 * 1024)}"}` }), code: 'file-too-large', file: (n) => at(n, 'resource.json') },
  { name: 'JSON nested too deep', files: (n) => added(n, '4.0', {}, { 'resource.json': `{"x": ${deep(80)}}` }), code: 'json-too-deep', file: (n) => at(n, 'resource.json') },
  { name: 'a __proto__ key', files: (n) => added(n, '4.0', {}, { 'resource.json': '{"images": {}, "__proto__": {}}' }), code: 'json-unsafe-key', file: (n) => at(n, 'resource.json') },
  {
    name: '3.0: a CLI for DC/OS before 1.8 without command.json',
    files: (n) => added(n, '3.0', {}, { 'resource.json': JSON.stringify({ cli: { binaries: { linux: { 'x86-64': { kind: 'executable', url: 'https://a/b', contentHash: [{ algo: 'sha256', value: 'a'.repeat(64) }] } } } } }) }),
    code: 'cli-requires-command',
    file: (n) => at(n, 'resource.json'),
  },
  { name: '4.0: an Aurora template', files: (n) => added(n, '4.0', {}, { 'job.aurora.mustache': 'jobs = [Job(name="x")]\n' }), code: 'aurora-requires-6', file: (n) => at(n, 'job.aurora.mustache') },
  { name: '6.0: an undeclared category', files: (n) => added(n, '6.0', { categories: ['games'] }), code: 'category-unknown', file: (n) => at(n, 'package.json') },
  { name: '6.0: a dependency on an unknown package', files: (n) => added(n, '6.0', { dependencies: { nothing: '^1.0.0' } }), code: 'dependency-unknown-package', file: (n) => at(n, 'package.json') },
  { name: '6.0: a dependency no revision satisfies', files: (n) => added(n, '6.0', { dependencies: { sprocket: '^2.0.0' } }), code: 'dependency-unsatisfiable', file: (n) => at(n, 'package.json') },
  { name: '6.0: no descriptor', files: (n) => added(n, '6.0', {}, { 'marathon.json.mustache': undefined }), code: 'descriptor-required', file: (n) => at(n, 'package.json') },
  { name: 'a symbolic link where a revision folder belongs', files: (n) => ({ ...added(n, '4.0'), [at(n).replace(/0$/, '1')]: { symlink: '0' } }), code: 'layout-folder-symlink', file: (n) => at(n).replace(/0$/, '1') },
  { name: '6.0: a placeholder universe new wrote', files: (n) => added(n, '6.0', { maintainer: 'maintainer@example.com' }), code: 'scaffold-placeholder', file: (n) => at(n, 'package.json') },
  { name: '6.0: the template renders invalid JSON', files: (n) => added(n, '6.0', {}, TEMPLATE('{"id": 1,,}\n')), code: 'template-render', file: (n) => at(n, 'marathon.json.mustache') },
];
