import type { Diagnostic, Summary } from '../../lib/diagnostics/types.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';

/** The output formats of `validate` (and later `check`). */
export const FORMATS = ['pretty', 'json', 'github'] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** Options every reporter may use. */
export interface ReportOptions {
  color: boolean;
  /** Prefix for repository-relative paths (the --repo folder as given, with a trailing slash). */
  prefix: string;
  ms?: number;
}

/** Renders diagnostics in the chosen format: the registry of reporters. */
export function report(format: Format, diagnostics: readonly Diagnostic[], summary: Summary, opts: ReportOptions): string {
  switch (format) {
    case 'json':
      return formatJson(diagnostics, summary);
    case 'github':
      return formatGithub(diagnostics, summary, opts);
    case 'pretty':
      return formatPretty(diagnostics, summary, opts);
  }
}

/** Exit code for a finished run: 1 with errors (or warnings under --strict), else 0. */
export function exitCodeFor(summary: Summary, strict: boolean): number {
  return summary.errors > 0 || (strict && summary.warnings > 0) ? 1 : 0;
}
