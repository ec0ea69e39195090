import type { Diagnostic, Summary } from '../../lib/diagnostics/types.js';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** How many findings of one rule in one folder are printed before the rest are counted. */
export const PRETTY_LIMIT_PER_FOLDER = 50;

/**
 * Human-readable report grouped by file: `line:col  severity  message  code`, then a summary.
 * `prefix` is prepended to repository-relative paths so they can be clicked from the cwd. After
 * {@link PRETTY_LIMIT_PER_FOLDER} findings of one rule in one folder (200,000 stray files, say)
 * the rest are counted in one line per rule and folder; `--format json` lists every one.
 */
export function formatPretty(diagnostics: readonly Diagnostic[], summary: Summary, opts: { color: boolean; prefix: string; ms?: number }): string {
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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
