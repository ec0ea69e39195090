import type { Report } from './report.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), which show as
 * annotations on the pull request. Paths get `prefix` (the repo folder relative to the checkout).
 */
export function formatGithub(report: Report, opts: { prefix: string }): string {
  const { diagnostics, summary } = report;
  const lines = diagnostics.map((d) => {
    const props = [
      `file=${escapeProperty(opts.prefix + d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `title=${escapeProperty(d.code)}`,
    ].join(',');
    const msg = d.pointer ? `${d.message} (${d.pointer})` : d.message;
    return `::${COMMAND[d.severity]} ${props}::${escapeData(msg)}`;
  });
  lines.push(`${summary.errors} errors, ${summary.warnings} warnings in ${summary.packages} packages, ${summary.revisions} revisions`);
  return lines.join('\n') + '\n';
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
