import type { LoadedFile, Revision } from '../catalog/types.js';
import type { Analysis } from '../rules/analysis.js';
import { MAX_PACKAGE_NAME_LENGTH } from '../rules/util.js';
import type { JsonObject } from '../json/object.js';

/** A template file's decoded text; `bom` when the file started with a UTF-8 byte order mark. */
export interface TemplateText {
  text: string;
  bom: boolean;
}

/**
 * What the build needs from one revision, gathered once from the catalog. A JSON member is
 * `undefined` exactly when its file does not exist (JSON itself has no undefined).
 */
export interface RevisionData {
  /** The revision folder, repository-relative. */
  dir: string;
  /** The revision number (`releaseVersion`). */
  number: number;
  /** package.json. */
  pkg: JsonObject;
  version: string;
  packagingVersion: string;
  config: unknown;
  resource: unknown;
  command: unknown;
  marathon: TemplateText | undefined;
  aurora: TemplateText | undefined;
}

/** Folder names that are safe as output file names (the DC/OS package name pattern, loosened). */
const SAFE_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/** Whether a package folder name may be used as an output file name (`<name>.json`). */
export function isSafeName(name: string): boolean {
  return SAFE_NAME.test(name) && name.length <= MAX_PACKAGE_NAME_LENGTH;
}

function template(file: LoadedFile | undefined): TemplateText | undefined | false {
  if (!file) return undefined;
  return file.text === undefined ? false : { text: file.text, bom: file.bom };
}

/**
 * The build's view of a revision, or undefined when it cannot be used: no canonical revision
 * number, package.json not an object with string `version` and `packagingVersion`, or a file
 * present that could not be read, decoded or parsed. Validation reports all of these as errors;
 * the build only makes sure it never crashes on them.
 */
export function readRevision(rev: Revision, analysis: Analysis): RevisionData | undefined {
  if (rev.number === undefined) return undefined;
  const pkg = analysis.packageJson(rev);
  const version = analysis.packageVersion(rev);
  const packagingVersion = analysis.packagingVersion(rev);
  if (!pkg || version === undefined || packagingVersion === undefined) return undefined;
  const config = json(rev, analysis, 'config.json');
  const resource = json(rev, analysis, 'resource.json');
  const command = json(rev, analysis, 'command.json');
  const marathon = template(rev.files['marathon.json.mustache']);
  const aurora = template(rev.files['job.aurora.mustache']);
  if (config === UNUSABLE || resource === UNUSABLE || command === UNUSABLE || marathon === false || aurora === false) return undefined;
  return { dir: rev.dir, number: rev.number, pkg, version, packagingVersion, config, resource, command, marathon, aurora };
}

const UNUSABLE: unique symbol = Symbol('unusable');

/** A JSON file's value; undefined when absent, UNUSABLE when present but not parsed. */
function json(rev: Revision, analysis: Analysis, name: 'config.json' | 'resource.json' | 'command.json'): unknown {
  if (!rev.files[name]) return undefined;
  const v = analysis.json(rev, name);
  return v === undefined ? UNUSABLE : v;
}

/** The raw bytes of a template file (the BOM put back: DC/OS encodes the file as it is). */
export function templateBytes(t: TemplateText): Buffer {
  const body = Buffer.from(t.text, 'utf8');
  return t.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
