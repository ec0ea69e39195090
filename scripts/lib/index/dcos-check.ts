/**
 * The DC/OS outputs are checked before anything is written: every package object is validated
 * against the repository schema of each media type it is served with (schema/dcos/), as DC/OS's
 * own build validates each repo-up-to file it writes, and the build refuses when one fails — a
 * DC/OS cluster rejects a whole repository over one invalid package.
 *
 * Each object is checked once per media type, not once per file: universe.json and the v5 files
 * share the modern object, 1.10 and 1.11 the v4 one, 1.8 and 1.9 the legacy one, and every slice
 * holds the same objects as its repo-up-to file.
 *
 * Two members are left out of the objects checked, because their value cannot change the
 * verdict (test/index/dcos-schema.test.ts holds the schema files to what this relies on: every
 * package definition declares both with the same `$ref`, requires neither, and says nothing else
 * of them):
 * - `config` is checked against `#/config`, the empty schema: any value is valid. The legacy form's
 *   re-escaped config is therefore not computed here.
 * - `marathon` is `{"v2AppMustacheTemplate": base64 of the template}`, made here, never copied
 *   from the revision, and only for a non-empty template; `#/marathon` asks for exactly that
 *   shape and a base64 text, which Node's encoder always writes (test/index/dcos-schema.test.ts
 *   checks it against the DC/OS schema). Encoding and matching the templates again (most of an object's bytes)
 *   would double the cost of this check for nothing.
 */
import { CannotRunError } from '../diagnostics/errors.js';
import { compareStrings } from '../diagnostics/sort.js';
import { DCOS_MEDIA, FIRST_DCOS_VERSION, MEDIA_PACKAGING_VERSIONS, servedPackagingVersion, type DcosMedia } from '../schema/dcos-media.js';
import { dcosDefinitionIssues, notCarriedIssue } from '../schema/dcos-repo.js';
import type { SchemaIssue } from '../schema/issue.js';
import { dcosObject, dcosPackages, hasMarathon } from './dcos-object.js';
import { DCOS_FILES } from './dcos-versions.js';
import type { PlannedPackage } from './plan.js';
import type { RevisionData } from './revision-data.js';

/** A revision a DC/OS client would reject, and what to change. */
export interface DcosProblem {
  /** The revision folder, repository-relative. */
  dir: string;
  /** The revision's file to change, repository-relative (package.json, resource.json, …). */
  file: string;
  /** JSON pointer into that file. */
  pointer: string;
  /** The media types whose repository schema rejects the revision. */
  media: DcosMedia[];
  /** The DC/OS files that would hold it (their per-package slices hold it too). */
  files: string[];
  /** One sentence: what is wrong and what to do. */
  message: string;
}

/** What {@link checkDcos} found. */
export interface DcosCheck {
  problems: DcosProblem[];
  /** Some revision in a v4 file is served there in another form than in the v5 files. */
  distinctV4: boolean;
}

/** The files of each media type, as bits of a revision's inclusion mask. */
const MEDIA_BITS: Record<DcosMedia, number> = { 3: 0, 4: 0, 5: 0 };
for (const f of DCOS_FILES) MEDIA_BITS[f.media] |= f.bit;

/** Validates every planned revision's DC/OS objects; see the file comment. */
export function checkDcos(packages: readonly PlannedPackage[]): DcosCheck {
  const problems: DcosProblem[] = [];
  let distinctV4 = false;
  for (const pkg of packages) {
    for (const r of pkg.revisions) {
      if (!r.mask) continue;
      const c = checkRevision(r.data, r.mask);
      problems.push(...c.problems);
      distinctV4 ||= c.distinctV4;
    }
  }
  problems.sort((a, b) => compareStrings(a.dir, b.dir) || compareStrings(a.file, b.file) || compareStrings(a.pointer, b.pointer) || a.media[0]! - b.media[0]!);
  return { problems, distinctV4 };
}

/** One revision: each of its objects against each media type of the files that include it. */
function checkRevision(d: RevisionData, mask: number): DcosCheck {
  const pkgs = dcosPackages(d);
  const marathon = hasMarathon(d);
  const found = new Map<string, { issue: SchemaIssue; media: DcosMedia[] }>();
  const add = (issue: SchemaIssue, media: DcosMedia): void => {
    const key = `${issue.pointer}\u0000${issue.message}`;
    const seen = found.get(key);
    if (seen) seen.media.push(media);
    else found.set(key, { issue, media: [media] });
  };
  const mediaIn = DCOS_MEDIA.filter((m) => (mask & MEDIA_BITS[m]) !== 0);
  // One verdict per distinct object: the forms often share package.json (and so the object).
  const verdicts = new Map<object, SchemaIssue[] | undefined>();
  for (const m of mediaIn) {
    const pkg = m === 5 ? pkgs.modern : m === 4 ? pkgs.v4 : pkgs.legacy;
    const pv = pkg.packagingVersion;
    if (typeof pv !== 'string' || !MEDIA_PACKAGING_VERSIONS[m].includes(pv)) {
      add(notCarriedIssue(pv, m), m);
      continue;
    }
    let issues = verdicts.get(pkg);
    if (!verdicts.has(pkg)) {
      // config as it is in every form, and without marathon: see the file comment.
      const obj = dcosObject(d, pkg, d.config, undefined);
      // A marathon member package.json itself has is replaced by the template's (or kept without one).
      if (marathon) delete obj.marathon;
      issues = dcosDefinitionIssues(obj);
      verdicts.set(pkg, issues);
    }
    for (const i of issues ?? []) add(i, m);
  }
  const problems = [...found.values()].map(({ issue, media }) => toProblem(d, issue, media, mask));
  return { problems, distinctV4: (mask & MEDIA_BITS[4]) !== 0 && pkgs.v4 !== pkgs.modern };
}

/** Where in the revision an object's member comes from. */
function source(d: RevisionData, pointer: string): { file: string; pointer: string } {
  const m = /^\/(resource|config|command|marathon|releaseVersion)(?=\/|$)/.exec(pointer);
  const member = m?.[1];
  if (member === 'resource' || member === 'config' || member === 'command') return { file: `${d.dir}/${member}.json`, pointer: pointer.slice(member.length + 1) };
  if (member === 'marathon') return { file: `${d.dir}/marathon.json.mustache`, pointer: '' };
  // releaseVersion is the folder's number; everything else is package.json's own member.
  return { file: `${d.dir}/package.json`, pointer: member === 'releaseVersion' ? '' : pointer };
}

function toProblem(d: RevisionData, issue: SchemaIssue, media: DcosMedia[], mask: number): DcosProblem {
  media.sort((a, b) => a - b);
  const files = DCOS_FILES.filter((f) => (mask & f.bit) !== 0 && media.includes(f.media)).map((f) => `${f.base}.json`);
  const at = source(d, issue.pointer);
  const where = `${listFiles(files)} and their package slices (media type ${media.map((m) => `v${m}`).join(', ')})`;
  return { dir: d.dir, ...at, media, files, message: `DC/OS would reject the revision in ${where}: ${issue.message}; ${advice(d, media)}` };
}

/** What to change: the DC/OS version to require when no downgrade can serve it, else the schema to meet. */
function advice(d: RevisionData, media: DcosMedia[]): string {
  const manager = Object.hasOwn(d.pkg, 'manager');
  if (media.some((m) => servedPackagingVersion(d.packagingVersion, manager, m) === undefined)) {
    return `set minDcosReleaseVersion to "${FIRST_DCOS_VERSION[5]}" or later (the first DC/OS version served media type v5, which carries manager), or remove manager`;
  }
  return `change the revision so that its package object validates against schema/dcos/v${media[0]}-repo-schema.json`;
}

/** "universe.json and repo-up-to-1.8.json to repo-up-to-2.0.json": runs of three or more shortened. */
function listFiles(files: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < files.length; ) {
    let j = i;
    while (j + 1 < files.length && adjacent(files[j]!, files[j + 1]!)) j++;
    if (j - i >= 2) parts.push(`${files[i]} to ${files[j]}`);
    else parts.push(...files.slice(i, j + 1));
    i = j + 1;
  }
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Two repo-up-to files of consecutive DC/OS versions. */
function adjacent(a: string, b: string): boolean {
  const ia = DCOS_FILES.findIndex((f) => `${f.base}.json` === a);
  const ib = DCOS_FILES.findIndex((f) => `${f.base}.json` === b);
  return ia > 0 && ib === ia + 1;
}

/**
 * The build refused: DC/OS clients would reject some revisions in the files they are served.
 * Nothing was written. The CLI prints the message (a line per problem) and stops.
 */
export class DcosRejectedError extends CannotRunError {
  override readonly name: string = 'DcosRejectedError';

  constructor(readonly problems: readonly DcosProblem[]) {
    const dirs = new Set(problems.map((p) => p.dir)).size;
    const shown = problems.slice(0, MAX_SHOWN).map((p) => `  ${p.file}${p.pointer ? ` ${p.pointer}` : ''}: ${p.message}\n`);
    const more = problems.length > MAX_SHOWN ? `  and ${problems.length - MAX_SHOWN} more\n` : '';
    super(`refusing to build: DC/OS clients would reject ${dirs} revision${dirs === 1 ? '' : 's'} (nothing was written):\n${shown.join('')}${more}`.trimEnd());
  }
}

const MAX_SHOWN = 20;
