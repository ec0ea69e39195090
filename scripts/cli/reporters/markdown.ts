import type { Override, PackageChange, RevisionChange } from '../../lib/change/types.js';
import type { Diagnostic } from '../../lib/diagnostics/types.js';
import type { ChangeSections, Report } from './report.js';

/** Hard ceiling on the output: a PR comment holds 65,536 characters; the rest is headroom. */
const MAX_MARKDOWN_CHARS = 60_000;
const DEFAULT_MAX_DIAGNOSTICS = 50;
/** Untrusted text per table cell, in code points. */
const MAX_CELL = 300;
const MAX_PACKAGE_ROWS = 100;
const MAX_REVISIONS_PER_CELL = 10;
/** Kept free for the closing lines (the "N more" notes). */
const RESERVE = 1_000;

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;
const head = (related: string): string => `| | Where | Check | Message | ${related} |\n| --- | --- | --- | --- | --- |`;

/** Options of {@link formatMarkdown}. */
export interface MarkdownOptions {
  /** Prefix for repository-relative paths (the universe folder relative to the checkout). */
  prefix: string;
  /** Heading of the summary (default "Universe check" for a check, "Universe validation" otherwise). */
  title?: string;
  /** How many diagnostics to list at most (default 50); the rest are counted. */
  maxDiagnostics?: number;
}

/**
 * A GitHub-flavoured summary of a report for a pull-request comment and `$GITHUB_STEP_SUMMARY`:
 * a verdict line, for a check the changed packages, then breaking-change findings, other errors,
 * warnings and, for a check, the overrides used. Every string from the report is escaped
 * (package data is untrusted), listings are capped and the whole never exceeds
 * {@link MAX_MARKDOWN_CHARS}. Deterministic.
 */
export function formatMarkdown(report: Report, opts: MarkdownOptions): string {
  const out = new Budget(MAX_MARKDOWN_CHARS - RESERVE);
  const notes: string[] = [];
  const change = report.change;
  out.push(`### ${text(opts.title ?? (change ? 'Universe check' : 'Universe validation'))}`, '', verdict(report), '');
  if (change) changedPackages(change, opts.prefix, out, notes);

  const breaking = report.diagnostics.filter((d) => d.code.startsWith('breaking/'));
  const rest = report.diagnostics.filter((d) => !d.code.startsWith('breaking/'));
  const sections: [string, string, Diagnostic[]][] = [
    ['Breaking changes', 'Base value', breaking],
    ['Errors', 'Related', rest.filter((d) => d.severity === 'error')],
    ['Warnings', 'Related', rest.filter((d) => d.severity === 'warning')],
  ];
  let left = Math.max(0, Math.floor(opts.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS));
  let omitted = 0;
  for (const [title, related, list] of sections) {
    if (!list.length) continue;
    const rows = left > 0 ? list.slice(0, left).map((d) => diagnosticRow(d, opts.prefix)) : [];
    const top = [`#### ${title} (${list.length})`, '', head(related)];
    let shown = 0;
    if (rows.length && out.fits(`${top.join('\n')}\n${rows[0]}\n`)) {
      out.push(...top);
      shown = out.rows(rows);
      out.push('');
    }
    left -= shown;
    omitted += list.length - shown;
    if (shown < rows.length) left = 0; // out of room: list nothing further, count it instead
  }
  if (omitted) notes.push(`${omitted} more findings are not listed: run \`universe ${change ? 'check' : 'validate'}\` locally or read the job summary.`);
  if (change) overridesUsed(change, out, notes);

  const lines = out.lines;
  for (const n of notes) lines.push(`_${n}_`);
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}

/** The changed packages and the other changed files of a check. */
function changedPackages(change: ChangeSections, prefix: string, out: Budget, notes: string[]): void {
  const packages = change.changes.packages;
  if (packages.length) {
    out.push('| Package | Status | Added | Modified | Removed |', '| --- | --- | --- | --- | --- |');
    const shown = out.rows(packages.slice(0, MAX_PACKAGE_ROWS).map(packageRow));
    if (shown < packages.length) notes.push(`${packages.length - shown} more changed packages are not listed.`);
    out.push('');
  } else {
    out.push('No package changed.', '');
  }
  const files = change.changes.files;
  if (files.length) {
    const list = files.slice(0, 20).map((f) => code(prefix + f));
    out.push(`Other changed files: ${list.join(', ')}${files.length > list.length ? `, and ${files.length - list.length} more` : ''}.`, '');
  }
}

/** The overrides a check used, and notes on those that allow nothing. */
function overridesUsed(change: ChangeSections, out: Budget, notes: string[]): void {
  const used = change.overrides.filter((o) => o.used);
  if (used.length) {
    out.push('#### Overrides used', '', '| Check | Target | Reason | Commit |', '| --- | --- | --- | --- |');
    const shown = out.rows(used.map(overrideRow));
    if (shown < used.length) notes.push(`${used.length - shown} more overrides are not listed.`);
    out.push('');
  }
  const broken = change.overrides.filter((o) => o.problem !== undefined);
  for (const o of broken.slice(0, 10)) notes.push(`\`Universe-Allow\` in ${code(o.commit.slice(0, 7))} allows nothing: ${text(o.problem!)}${/[?.]$/.test(o.problem!) ? '' : '.'}`);
  if (broken.length > 10) notes.push(`${broken.length - 10} more malformed \`Universe-Allow\` trailers are not listed.`);
  const unused = change.overrides.length - used.length - broken.length;
  if (unused) notes.push(`${unused} \`Universe-Allow\` ${unused === 1 ? 'trailer allows' : 'trailers allow'} nothing that this change needed.`);
}

/** The first line: an icon, the counts, and what they cover (the changed packages and the two sides of a check). */
function verdict(report: Report): string {
  const s = report.summary;
  const icon = s.errors ? '❌' : s.warnings ? '⚠️' : '✅';
  const counts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
  if (s.errors) counts[0] = `**${counts[0]}**`;
  if (s.infos) counts.push(plural(s.infos, 'note'));
  const change = report.change;
  if (!change) return `${icon} ${counts.join(', ')} in ${plural(s.packages, 'package')}, ${plural(s.revisions, 'revision')}`;
  const sides = `${side(change.base)} → ${side(change.head)}`;
  return `${icon} ${counts.join(', ')} in ${plural(change.changes.packages.length, 'changed package')} (${sides})`;
}

function side(s: { ref: string; commit?: string }): string {
  return s.commit ? `${code(s.ref)} ${code(s.commit.slice(0, 7))}` : code(s.ref);
}

function packageRow(p: PackageChange): string {
  const cell = (status: RevisionChange['status']): string => revisions(p.revisions.filter((r) => r.status === status));
  return `| ${code(p.name)} | ${p.status} | ${cell('added')} | ${cell('modified')} | ${cell('removed')} |`;
}

function revisions(list: RevisionChange[]): string {
  const shown = list.slice(0, MAX_REVISIONS_PER_CELL).map((r) => (r.version !== undefined ? `${text(r.folder)} (${text(r.version)})` : text(r.folder)));
  if (list.length > shown.length) shown.push(`+${list.length - shown.length} more`);
  return shown.join(', ');
}

function diagnosticRow(d: Diagnostic, prefix: string): string {
  const overridden = d.data !== undefined && d.data.override !== undefined;
  const icon = overridden ? `${ICON.info} allowed` : ICON[d.severity];
  const base = (d.related ?? []).slice(0, 3).map((r) => `${text(r.message)} (${where(prefix, r.file, r.line)})`);
  if ((d.related?.length ?? 0) > 3) base.push(`+${d.related!.length - 3} more`);
  return `| ${icon} | ${where(prefix, d.file, d.line)} | ${code(d.code)} | ${text(d.message)} | ${base.join('; ')} |`;
}

function overrideRow(o: Override): string {
  return `| ${code(o.check)} | ${code(o.target)} | ${text(o.reason)} | ${code(o.commit.slice(0, 7))} |`;
}

function where(prefix: string, file: string, line: number | undefined): string {
  return line ? `${code(prefix + file)}:${line}` : code(prefix + file);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A code span for identifier-like strings; anything else is escaped as text. */
function code(s: string): string {
  return /^[A-Za-z0-9._/@:+-]{1,200}$/.test(s) ? `\`${s}\`` : text(s);
}

/**
 * Untrusted text as inert markdown on one line: control and bidi characters become spaces,
 * markdown and HTML punctuation is escaped (`|` too, for table cells), `@` cannot mention anyone,
 * and it is cut to {@link MAX_CELL} code points.
 */
function text(s: string): string {
  let t = s
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .trim();
  const points = Array.from(t);
  if (points.length > MAX_CELL) t = points.slice(0, MAX_CELL - 1).join('') + '…';
  return t.replace(/[\\`*_{}[\]()#+\-!|~<>&$@]/g, (c) => {
    if (c === '<') return '&lt;';
    if (c === '>') return '&gt;';
    if (c === '&') return '&amp;';
    if (c === '@') return '@&#8203;'; // a zero-width space after @ stops mentions of users and teams
    return `\\${c}`;
  });
}

/** Lines with a size budget: rows are added while they fit. */
class Budget {
  readonly lines: string[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  fits(s: string): boolean {
    return this.size + s.length <= this.limit;
  }

  push(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l);
      this.size += l.length + 1;
    }
  }

  /** Adds rows until one does not fit; returns how many were added. */
  rows(rows: readonly string[]): number {
    let n = 0;
    for (const r of rows) {
      if (!this.fits(r + '\n')) break;
      this.push(r);
      n++;
    }
    return n;
  }
}
