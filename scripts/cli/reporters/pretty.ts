import type { Diagnostic, Summary } from '../../lib/diagnostics/types.js';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/**
 * Human-readable report grouped by file: `line:col  severity  message  code`, then a summary.
 * `prefix` is prepended to repository-relative paths so they can be clicked from the cwd.
 */
export function formatPretty(diagnostics: readonly Diagnostic[], summary: Summary, opts: { color: boolean; prefix: string; ms?: number }): string {
  const c = (k: keyof typeof COLORS, s: string): string => (opts.color ? COLORS[k] + s + COLORS.reset : s);
  const lines: string[] = [];
  let file = '';
  for (const d of diagnostics) {
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
