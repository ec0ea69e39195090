/** How bad a diagnostic is. `off` only appears in policy, never on a diagnostic. */
export type Severity = 'error' | 'warning' | 'info';

/** A severity as configured in a policy: a severity, or `off` to silence a rule. */
export type PolicySeverity = Severity | 'off';

/** A secondary location that explains a diagnostic (the other duplicate, the base value…). */
export interface Related {
  file: string;
  pointer: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * A problem in the data, as plain data. `file` is relative to the repository folder (the one
 * that holds `packages/`), `pointer` an RFC 6901 JSON pointer into that file ('' for the whole
 * file), `line`/`column` 1-based and filled in by the runner from the parsed document.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  pointer: string;
  line: number;
  column: number;
  data?: Record<string, unknown>;
  related?: Related[];
}

/**
 * What a rule reports: a diagnostic before the runner has decided its severity and location.
 * `offset` (a UTF-16 offset into the file's text) wins over `pointer` for locating it; rules on
 * templates use it, rules on JSON use `pointer`.
 */
export interface Finding {
  file: string;
  pointer?: string;
  offset?: number;
  message: string;
  data?: Record<string, unknown>;
  related?: Related[];
}

/** Counts per severity, as printed in summaries. */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  packages: number;
  revisions: number;
  files: number;
}
