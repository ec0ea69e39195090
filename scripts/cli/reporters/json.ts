import type { Diagnostic } from '../../lib/diagnostics/types.js';
import type { Report } from './report.js';

/** Diagnostics as the JSON output lists them: a stable key order, `data` and `related` only when set. */
export function jsonDiagnostics(diagnostics: readonly Diagnostic[]): Array<Record<string, unknown>> {
  return diagnostics.map((d) => {
    const o: Record<string, unknown> = {
      code: d.code,
      severity: d.severity,
      message: d.message,
      file: d.file,
      pointer: d.pointer,
      line: d.line,
      column: d.column,
    };
    if (d.data) o.data = d.data;
    if (d.related) o.related = d.related;
    return o;
  });
}

/**
 * `{"diagnostics":[…],"summary":{…}}`, one document, newline-terminated; a check's report goes on
 * with `base`, `head`, `changes` and `overrides`, in that order, as `CheckReport` defines them
 * (`universe github report` reads that document back).
 */
export function formatJson(report: Report): string {
  const doc: Record<string, unknown> = { diagnostics: jsonDiagnostics(report.diagnostics), summary: report.summary };
  const change = report.change;
  if (change) Object.assign(doc, { base: change.base, head: change.head, changes: change.changes, overrides: change.overrides });
  return JSON.stringify(doc, null, 2) + '\n';
}
