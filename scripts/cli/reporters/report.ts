import type { CheckReport } from '../../lib/change/types.js';
import type { Diagnostic, Summary } from '../../lib/diagnostics/types.js';

/** What `universe check` adds to a report: the two sides compared, what changed, the overrides found. */
export type ChangeSections = Pick<CheckReport, 'base' | 'head' | 'changes' | 'overrides'>;

/**
 * What every reporter renders, whichever command ran: the diagnostics (sorted by file and line)
 * and their summary, plus, for `universe check`, the {@link ChangeSections}. Reporters that have
 * room for the change (pretty, json, markdown) print it; the others ignore it.
 */
export interface Report {
  diagnostics: readonly Diagnostic[];
  summary: Summary;
  /**
   * What a check compared; `undefined` for every other command. Always written out, so that a
   * `CheckReport` is never taken for a report without its change (use {@link fromCheck}).
   */
  change: ChangeSections | undefined;
}

/** A check's result as a {@link Report}. */
export function fromCheck(report: CheckReport): Report {
  const { diagnostics, summary, base, head, changes, overrides } = report;
  return { diagnostics, summary, change: { base, head, changes, overrides } };
}

/** Options every reporter may use. */
export interface ReportOptions {
  color: boolean;
  /** Turns repository-relative paths into paths from the current folder ('' or 'dir/'): what people click. */
  prefix: string;
  /**
   * Turns them into paths from the top of the git checkout, which GitHub annotations, code
   * scanning and pull-request comments expect; the same as `prefix` outside a checkout.
   */
  checkoutPrefix: string;
  /** How long the run took, for the pretty summary line. */
  ms?: number;
}
