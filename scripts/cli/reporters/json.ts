import type { Diagnostic, Summary } from '../../lib/diagnostics/types.js';

/** `{"diagnostics":[…],"summary":{…}}` with a stable key order, one document, newline-terminated. */
export function formatJson(diagnostics: readonly Diagnostic[], summary: Summary): string {
  const out = diagnostics.map((d) => {
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
  return JSON.stringify({ diagnostics: out, summary }, null, 2) + '\n';
}
