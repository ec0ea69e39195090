import type { Diagnostic, Summary } from '../../lib/diagnostics/types.js';
import type { ChangeSections, Report } from './report.js';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** How many findings of one rule in one folder are printed before the rest are counted. */
const PRETTY_LIMIT_PER_FOLDER = 50;

/**
 * Human-readable report grouped by file: `line:col  severity  message  code`, then a summary.
 * `prefix` is prepended to repository-relative paths so they can be clicked from the cwd. After
 * {@link PRETTY_LIMIT_PER_FOLDER} findings of one rule in one folder (200,000 stray files, say)
 * the rest are counted in one line per rule and folder; `--format json` lists every one.
 */
function formatPretty(diagnostics: readonly Diagnostic[], summary: Summary, opts: { color: boolean; prefix: string; ms?: number }): string {
  const c = (k: keyof typeof COLORS, s: string): string => (opts.color ? COLORS[k] + s + COLORS.reset : s);
  const lines: string[] = [];
  const shown = new Map<string, number>();
  const hidden = new Map<string, { code: string; folder: string; n: number }>();
  let file = '';
  for (const d of diagnostics) {
    const slash = d.file.lastIndexOf('/');
    const folder = slash === -1 ? '' : d.file.slice(0, slash);
    const key = `${d.code}\0${folder}`;
    const n = (shown.get(key) ?? 0) + 1;
    shown.set(key, n);
    if (n > PRETTY_LIMIT_PER_FOLDER) {
      const h = hidden.get(key) ?? { code: d.code, folder, n: 0 };
      h.n++;
      hidden.set(key, h);
      continue;
    }
    if (d.file !== file) {
      if (file !== '') lines.push('');
      file = d.file;
      lines.push(c('bold', opts.prefix + d.file));
    }
    const where = `${d.line}:${d.column}`.padEnd(8);
    const sev = c(d.severity, d.severity.padEnd(7));
    const ptr = d.pointer ? c('dim', ` (${d.pointer})`) : '';
    lines.push(`  ${where} ${sev} ${d.message}${ptr}  ${c('dim', d.code)}`);
    for (const r of d.related ?? []) {
      const at = r.line ? `:${r.line}:${r.column ?? 1}` : r.pointer ? ` ${r.pointer}` : '';
      lines.push(`  ${''.padEnd(8)} ${''.padEnd(7)} ${c('dim', `↳ ${r.message} (${opts.prefix}${r.file}${at})`)}`);
    }
  }
  if (hidden.size > 0) {
    if (lines.length) lines.push('');
    for (const h of hidden.values()) {
      lines.push(c('dim', `… and ${h.n.toLocaleString('en-US')} more ${h.code} in ${opts.prefix}${h.folder || '.'}/ (--format json lists every finding)`));
    }
  }
  if (lines.length) lines.push('');
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}${summary.infos ? `, ${plural(summary.infos, 'note')}` : ''}`;
  const scope = `${plural(summary.packages, 'package')}, ${plural(summary.revisions, 'revision')}, ${plural(summary.files, 'file')}`;
  const time = opts.ms !== undefined ? ` in ${Math.round(opts.ms)} ms` : '';
  const mark = summary.errors ? c('error', '✖') : summary.warnings ? c('warning', '!') : c('info', '✔');
  lines.push(`${mark} ${counts} (${scope})${time}`);
  return lines.join('\n') + '\n';
}

/**
 * A report for people: the diagnostics as {@link formatPretty} prints them; a check's report first
 * says what was compared and what changed, and ends with the overrides found.
 */
export function formatPrettyReport(report: Report, opts: { color: boolean; prefix: string; ms?: number }): string {
  const body = formatPretty(report.diagnostics, report.summary, opts);
  const change = report.change;
  if (!change) return body;
  const tail = overrideLines(change);
  return changeLines(change, opts.prefix).join('\n') + '\n' + body + (tail.length ? tail.join('\n') + '\n' : '');
}

/** What a check compared and what changed, then a blank line. */
function changeLines(change: ChangeSections, prefix: string): string[] {
  const side = (s: ChangeSections['base']): string => (s.commit ? `${s.ref} (${s.commit.slice(0, 12)})` : s.ref);
  const lines = [`Comparing ${side(change.base)} → ${side(change.head)}`];
  if (change.changes.packages.length === 0 && change.changes.files.length === 0) lines.push('No changes in the universe.');
  for (const p of change.changes.packages) {
    const revs = p.revisions.map((r) => `${r.folder}${r.version !== undefined ? ` (${r.version})` : ''} ${r.status}`).join(', ');
    lines.push(`  ${p.name}: ${p.status}${revs ? ` — ${revs}` : ''}`);
  }
  for (const f of change.changes.files) lines.push(`  ${prefix}${f}: changed`);
  lines.push('');
  return lines;
}

/** The overrides a check found: used, ignored (malformed) and not needed. */
function overrideLines(change: ChangeSections): string[] {
  const by = (o: ChangeSections['overrides'][number]): string => `${o.commit.slice(0, 12)}${o.author ? ` by ${o.author}` : ''}`;
  const lines: string[] = [];
  for (const o of change.overrides.filter((o) => o.used)) lines.push(`Override used: ${o.check} ${o.target} (${by(o)}): ${o.reason}`);
  for (const o of change.overrides.filter((o) => o.problem !== undefined)) lines.push(`Override ignored (${by(o)}): ${o.problem}`);
  for (const o of change.overrides.filter((o) => !o.used && o.problem === undefined)) lines.push(`Override not needed (nothing to allow): ${o.check} ${o.target} (${by(o)})`);
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
