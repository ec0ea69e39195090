import type { ChangeStatus, CheckReport, Override, PackageChange, RevisionChange, Side } from '../change/types.js';
import type { Diagnostic, Related, Severity, Summary } from '../diagnostics/types.js';
import { CannotRunError } from '../diagnostics/errors.js';

/** The largest report file read back (it comes from a pull request's artifact: untrusted). */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const STATUSES: readonly ChangeStatus[] = ['added', 'modified', 'removed'];

type Obj = Record<string, unknown>;

/** Thrown inside the parser with the JSON path of the first bad value. */
class Bad extends Error {}

/**
 * Parses the JSON that `universe check --format json` wrote, checking every value's type, and
 * returns fresh objects holding only the known keys (strings stay data: nothing is interpreted).
 * A file that is not such a report is a CannotRunError naming the first bad value.
 */
export function parseCheckReport(text: string, name: string): CheckReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CannotRunError(`${name} is not JSON (${e instanceof Error ? e.message : String(e)}): pass the file that universe check --format json wrote.`);
  }
  try {
    const r = obj(raw, '$');
    const changes = obj(r.changes, '$.changes');
    return {
      diagnostics: arr(r.diagnostics, '$.diagnostics').map((d, i) => diagnostic(d, `$.diagnostics[${i}]`)),
      summary: summary(r.summary, '$.summary'),
      base: side(r.base, '$.base'),
      head: side(r.head, '$.head'),
      changes: {
        packages: arr(changes.packages, '$.changes.packages').map((p, i) => packageChange(p, `$.changes.packages[${i}]`)),
        files: arr(changes.files, '$.changes.files').map((f, i) => str(f, `$.changes.files[${i}]`)),
      },
      overrides: arr(r.overrides, '$.overrides').map((o, i) => override(o, `$.overrides[${i}]`)),
    };
  } catch (e) {
    if (e instanceof Bad) throw new CannotRunError(`${name} is not a universe check report: ${e.message}.`);
    throw e;
  }
}

function diagnostic(v: unknown, at: string): Diagnostic {
  const o = obj(v, at);
  const d: Diagnostic = {
    code: str(o.code, `${at}.code`),
    severity: oneOf(o.severity, SEVERITIES, `${at}.severity`),
    message: str(o.message, `${at}.message`),
    file: str(o.file, `${at}.file`),
    pointer: str(o.pointer, `${at}.pointer`),
    line: int(o.line, `${at}.line`),
    column: int(o.column, `${at}.column`),
  };
  // `data` stays the parsed object: JSON.parse makes `__proto__` an own key, and nothing copies it.
  if (o.data !== undefined) d.data = obj(o.data, `${at}.data`);
  if (o.related !== undefined) d.related = arr(o.related, `${at}.related`).map((x, i) => related(x, `${at}.related[${i}]`));
  return d;
}

function related(v: unknown, at: string): Related {
  const o = obj(v, at);
  const r: Related = { file: str(o.file, `${at}.file`), pointer: str(o.pointer, `${at}.pointer`), message: str(o.message, `${at}.message`) };
  if (o.line !== undefined) r.line = int(o.line, `${at}.line`);
  if (o.column !== undefined) r.column = int(o.column, `${at}.column`);
  return r;
}

function summary(v: unknown, at: string): Summary {
  const o = obj(v, at);
  const n = (k: keyof Summary): number => int(o[k], `${at}.${k}`);
  return { errors: n('errors'), warnings: n('warnings'), infos: n('infos'), packages: n('packages'), revisions: n('revisions'), files: n('files') };
}

function side(v: unknown, at: string): Side {
  const o = obj(v, at);
  const s: Side = { ref: str(o.ref, `${at}.ref`) };
  if (o.commit !== undefined) s.commit = str(o.commit, `${at}.commit`);
  return s;
}

function packageChange(v: unknown, at: string): PackageChange {
  const o = obj(v, at);
  return {
    name: str(o.name, `${at}.name`),
    dir: str(o.dir, `${at}.dir`),
    status: oneOf(o.status, STATUSES, `${at}.status`),
    revisions: arr(o.revisions, `${at}.revisions`).map((x, i) => revisionChange(x, `${at}.revisions[${i}]`)),
  };
}

function revisionChange(v: unknown, at: string): RevisionChange {
  const o = obj(v, at);
  const r: RevisionChange = { folder: str(o.folder, `${at}.folder`), status: oneOf(o.status, STATUSES, `${at}.status`) };
  if (o.version !== undefined) r.version = str(o.version, `${at}.version`);
  return r;
}

function override(v: unknown, at: string): Override {
  const o = obj(v, at);
  if (typeof o.used !== 'boolean') throw new Bad(`${at}.used must be true or false`);
  const out: Override = {
    check: str(o.check, `${at}.check`),
    target: str(o.target, `${at}.target`),
    reason: str(o.reason, `${at}.reason`),
    commit: str(o.commit, `${at}.commit`),
    used: o.used,
  };
  // Optional: reports written before these members existed lack them.
  if (o.author !== undefined) out.author = str(o.author, `${at}.author`);
  if (o.problem !== undefined) out.problem = str(o.problem, `${at}.problem`);
  return out;
}

function obj(v: unknown, at: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Bad(`${at} must be an object`);
  return v as Obj;
}

function arr(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new Bad(`${at} must be an array`);
  return v;
}

function str(v: unknown, at: string): string {
  if (typeof v !== 'string') throw new Bad(`${at} must be a string`);
  return v;
}

function int(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Bad(`${at} must be a non-negative integer`);
  return v;
}

function oneOf<T extends string>(v: unknown, choices: readonly T[], at: string): T {
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) throw new Bad(`${at} must be one of ${choices.join(', ')}`);
  return v as T;
}
