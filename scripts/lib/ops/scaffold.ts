import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import semver from 'semver';
import { compareStrings } from '../diagnostics/sort.js';
import { REVISION_FILES, type Catalog, type PackageDir, type Revision } from '../catalog/types.js';
import type { Analysis } from '../rules/analysis.js';
import { CannotRunError } from './errors.js';
import { PLACEHOLDER_MAINTAINER, placeholderDescription, placeholderIconBase, placeholderImagePrefix } from '../rules/shared/placeholders.js';
import { MAX_PACKAGE_NAME_LENGTH, PACKAGE_NAME } from '../rules/util.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** One file of a plan, with its path relative to the repository folder (the one holding packages/). */
export interface ScaffoldFile {
  path: string;
  content: string;
}

/** What `universe new` would create: the files of one new revision, and what the user must do next. */
export interface ScaffoldPlan {
  files: ScaffoldFile[];
  /** The revision number created. */
  revision: number;
  /** `package`: revision 0 of a new package; `revision`: the next revision of an existing one. */
  created: 'package' | 'revision';
  /** Things the user must still do (bump the version, replace placeholders), one sentence each. */
  notes: string[];
}

/** Why no plan could be made (an invalid name, an unusable latest revision), in one sentence. */
export interface ScaffoldError {
  error: string;
}

/** Optional values for a new package; placeholders that validate are used otherwise. */
export interface ScaffoldOptions {
  maintainer?: string;
  description?: string;
  /** Epoch seconds written to `lastUpdated` (new packages, and copies whose package.json has it); unset keeps plans deterministic. */
  lastUpdated?: number;
}


/** The packaging version `universe new` writes for new packages: the newest one. */
const SCAFFOLD_PACKAGING_VERSION = '6.0';

/** Packaging versions whose package.json has `upgradesFrom`/`downgradesTo`. */
const UPGRADE_VERSIONS = new Set(['4.0', '5.0', '6.0']);

/**
 * Plans a new package (revision 0, packaging version 6.0, valid as written) or, when the package
 * exists, its next revision copied from the latest one. Pure: reads only the catalog, returns
 * file contents; {@link applyScaffold} writes them.
 */
export function planScaffold(catalog: Catalog, analysis: Analysis, name: string, options: ScaffoldOptions = {}): ScaffoldPlan | ScaffoldError {
  const invalid = checkName(name);
  if (invalid) return { error: invalid };
  const matches = catalog.packages.filter((p) => p.name === name);
  const letter = name[0]!.toUpperCase();
  const pkg = matches.find((p) => p.letter === letter) ?? matches[0];
  const numbered = pkg?.revisions.filter((r) => r.number !== undefined) ?? [];
  if (!pkg || numbered.length === 0) return planPackage(catalog, analysis, name, pkg?.dir ?? `packages/${letter}/${name}`, options);
  const latest = numbered.reduce((a, b) => (b.number! > a.number! ? b : a));
  return planRevision(analysis, pkg, latest, options);
}

/** A one-sentence reason why `name` cannot be a package name, or undefined when it can. */
function checkName(name: string): string | undefined {
  if (PACKAGE_NAME.test(name) && name.length <= MAX_PACKAGE_NAME_LENGTH) return undefined;
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}...` : name);
  if (PACKAGE_NAME.test(name)) return `invalid package name ${shown}: it is ${name.length} characters long, use at most ${MAX_PACKAGE_NAME_LENGTH}`;
  const fixed = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
  const hint = PACKAGE_NAME.test(fixed) ? ` (e.g. '${fixed}')` : '';
  return `invalid package name ${shown}: use lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit, at least 2 characters${hint}`;
}

function planPackage(catalog: Catalog, analysis: Analysis, name: string, pkgDir: string, options: ScaffoldOptions): ScaffoldPlan {
  const dir = `${pkgDir}/0`;
  const title = name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  const packageJson: JsonObject = {
    packagingVersion: SCAFFOLD_PACKAGING_VERSION,
    name,
    version: '0.1.0',
    maintainer: options.maintainer ?? PLACEHOLDER_MAINTAINER,
    description: options.description ?? placeholderDescription(title),
    tags: [name],
    ...(options.lastUpdated !== undefined ? { lastUpdated: options.lastUpdated } : {}),
  };
  const config = {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    properties: {
      service: {
        type: 'object',
        description: 'DC/OS service configuration.',
        properties: {
          name: { type: 'string', description: 'Name of the Marathon app.', default: name },
          cpus: { type: 'number', description: 'CPU shares for the service.', default: 0.5, minimum: 0.01 },
          mem: { type: 'integer', description: 'Memory for the service, in MiB.', default: 512, minimum: 32 },
        },
        required: ['name', 'cpus', 'mem'],
      },
    },
  };
  const resource = {
    images: {
      'icon-small': `${placeholderIconBase(name)}icon-small.png`,
      'icon-medium': `${placeholderIconBase(name)}icon-medium.png`,
      'icon-large': `${placeholderIconBase(name)}icon-large.png`,
    },
    assets: { container: { docker: { [name]: `${placeholderImagePrefix(name)}0.1.0` } } },
  };
  // Strings in "{{x}}" quotes, numbers unquoted: the renderer inserts values JSON-escaped.
  const marathon = [
    '{',
    '  "id": "/{{service.name}}",',
    '  "instances": 1,',
    '  "cpus": {{service.cpus}},',
    '  "mem": {{service.mem}},',
    '  "container": {',
    '    "type": "MESOS",',
    '    "docker": {',
    `      "image": "{{resource.assets.container.docker.${name}}}"`,
    '    }',
    '  },',
    '  "labels": {',
    '    "DCOS_SERVICE_NAME": "{{service.name}}"',
    '  }',
    '}',
    '',
  ].join('\n');
  const placeholders = [options.maintainer === undefined ? 'maintainer' : '', options.description === undefined ? 'description' : '', 'tags'].filter(Boolean);
  const listed = placeholders.length > 1 ? `${placeholders.slice(0, -1).join(', ')} and ${placeholders.at(-1)}` : placeholders[0];
  const notes = [
    `package.json: replace the placeholder ${listed}, and set "version" to the release you package.`,
    `resource.json: replace the placeholder icons and the docker image ${placeholderImagePrefix(name)}0.1.0.`,
    `config.json and marathon.json.mustache: add the options your service needs, each with a description and a default.`,
  ];
  const categories = declaredCategories(catalog, analysis);
  if (categories.length > 0) notes.push(`package.json: consider adding "categories" from those declared in repository.json (${categories.join(', ')}).`);
  return {
    created: 'package',
    revision: 0,
    // Sorted by path, like everything that reaches output.
    files: [
      { path: `${dir}/config.json`, content: toJson(config) },
      { path: `${dir}/marathon.json.mustache`, content: marathon },
      { path: `${dir}/package.json`, content: toJson(packageJson) },
      { path: `${dir}/resource.json`, content: toJson(resource) },
    ],
    notes,
  };
}

function planRevision(analysis: Analysis, pkg: PackageDir, latest: Revision, options: ScaffoldOptions): ScaffoldPlan | ScaffoldError {
  const from = `revision ${latest.number} of ${pkg.name} (${latest.dir})`;
  const packageJson = analysis.packageJson(latest);
  if (!packageJson) return { error: `cannot copy ${from}: its package.json is missing or does not parse into an object; fix it first` };
  const revision = latest.number! + 1;
  const dir = `${pkg.dir}/${revision}`;
  const files: ScaffoldFile[] = [];
  for (const name of REVISION_FILES) {
    const f = latest.files[name];
    if (!f) continue;
    const unusable = f.failure !== undefined || f.invalidUtf8At !== undefined || (f.json !== undefined && (f.json.syntaxError !== undefined || f.json.value === undefined));
    if (unusable) return { error: `cannot copy ${from}: its ${name} could not be read or parsed; fix it first` };
    // JSON is re-serialised from the parsed value (the catalog keeps no JSON text): same members
    // in the same order, in the project's 2-space style.
    const content = name === 'package.json' ? toJson(nextPackageJson(packageJson, options)) : f.json ? toJson(f.json.value) : (f.text ?? '');
    files.push({ path: `${dir}/${name}`, content });
  }
  files.sort((a, b) => compareStrings(a.path, b.path));
  const copied = files.map((f) => f.path.slice(dir.length + 1)).filter((f) => f !== 'package.json');
  return { created: 'revision', revision, files, notes: revisionNotes(packageJson, latest, from, copied) };
}

/** The copied package.json: the previous version added to `upgradesFrom` where the format has it. */
function nextPackageJson(previous: JsonObject, options: ScaffoldOptions): JsonObject {
  const out: JsonObject = copyObject(previous);
  if (options.lastUpdated !== undefined && 'lastUpdated' in out) out.lastUpdated = options.lastUpdated;
  const version = previous.version;
  if (typeof version !== 'string' || !UPGRADE_VERSIONS.has(String(previous.packagingVersion))) return out;
  const current = Array.isArray(previous.upgradesFrom) ? previous.upgradesFrom : undefined;
  if (current) {
    if (!current.includes(version) && !current.includes('*')) out.upgradesFrom = [...current, version];
    return out;
  }
  return withUpgradesFrom(out, [version]);
}

function revisionNotes(pkg: JsonObject, latest: Revision, from: string, copied: string[]): string[] {
  const notes: string[] = [];
  const version = typeof pkg.version === 'string' ? pkg.version : undefined;
  const suggestion = version && semver.valid(version) ? ` (e.g. ${semver.inc(version, 'patch')})` : '';
  notes.push(
    version
      ? `package.json: "version" is still ${version}, copied from ${from}: bump it${suggestion}, since two revisions with the same version confuse clients.`
      : `package.json: set "version" to the new release's version.`,
  );
  if (Array.isArray(pkg.downgradesTo)) notes.push(`package.json: "downgradesTo" was copied unchanged: check that it lists the versions this revision can safely downgrade to.`);
  if (pkg.deprecated !== undefined) notes.push(`package.json: "deprecated" was copied from revision ${latest.number}: remove it if the new revision is not deprecated.`);
  if (copied.length > 0) notes.push(`${copied.join(', ')} ${copied.length > 1 ? 'were' : 'was'} copied unchanged: update image tags, URLs, CLI hashes and options for the new release.`);
  return notes;
}

/** Category ids declared in repository.json: from the resolved settings, else read from the settings file as loaded. */
function declaredCategories(catalog: Catalog, analysis: Analysis): string[] {
  let list: unknown = analysis.settings.categories;
  if (!Array.isArray(list) || list.length === 0) {
    const value = catalog.settings?.json?.syntaxError ? undefined : catalog.settings?.json?.value;
    list = isJsonObject(value) ? value.categories : undefined;
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => (isJsonObject(c) && typeof c.id === 'string' ? [c.id] : [])).sort();
}

/** A shallow copy that keeps every own member, `__proto__` included, as data (never as a prototype). */
function copyObject(source: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(source)) Object.defineProperty(out, key, { value: source[key], enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * A copy of `obj` with `upgradesFrom` where a reader looks for it: before `downgradesTo`, else
 * after `minDcosReleaseVersion`, else at the end.
 */
function withUpgradesFrom(obj: JsonObject, value: string[]): JsonObject {
  const keys = Object.keys(obj);
  const before = keys.indexOf('downgradesTo');
  const at = before >= 0 ? before : keys.indexOf('minDcosReleaseVersion') + 1 || keys.length;
  const out: JsonObject = {};
  for (const k of [...keys.slice(0, at), 'upgradesFrom', ...keys.slice(at)]) {
    Object.defineProperty(out, k, { value: k === 'upgradesFrom' ? value : obj[k], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Raised when a plan cannot be written (a file exists, a path leaves the repository): exit 2. */
class ScaffoldWriteError extends CannotRunError {}

/**
 * Writes a plan under `root` (the repository folder). Refuses, before writing anything, when a
 * file already exists, a path leaves `root`, or a folder on the way is a symbolic link; each
 * file is then created exclusively, so a file that appears meanwhile is not overwritten either.
 * Returns the absolute paths written.
 */
export async function applyScaffold(root: string, plan: ScaffoldPlan): Promise<string[]> {
  const base = path.resolve(root);
  const targets = plan.files.map((f) => {
    const abs = path.resolve(base, f.path);
    if (path.isAbsolute(f.path) || !abs.startsWith(base + path.sep)) throw new ScaffoldWriteError(`refusing to write ${f.path}: it is outside ${root}`);
    return { abs, file: f };
  });
  for (const { abs, file } of targets) {
    for (let d = path.dirname(abs); d !== base && d.startsWith(base + path.sep); d = path.dirname(d)) {
      const st = await fs.lstat(d).catch(() => undefined);
      if (st?.isSymbolicLink()) throw new ScaffoldWriteError(`refusing to write ${file.path}: ${path.relative(base, d)} is a symbolic link`);
    }
    if (await fs.lstat(abs).then(() => true, () => false)) throw new ScaffoldWriteError(`refusing to overwrite ${file.path}: it already exists (published revisions are never edited; scaffold a new revision instead)`);
  }
  const written: string[] = [];
  for (const { abs, file } of targets) {
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, file.content, { flag: 'wx' });
    written.push(abs);
  }
  return written;
}
