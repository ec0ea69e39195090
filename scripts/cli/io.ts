import { readFileSync } from 'node:fs';
import type { Summary } from '../lib/diagnostics/types.js';

/** Where a command writes: injected so commands never reach for globals. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour output (a TTY without NO_COLOR). */
  color: boolean;
  /** Current working directory, for relative paths in messages. */
  cwd: string;
}

/** A bad command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, cannotRun: 2 } as const;

/** One of {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The exit code of a run that found diagnostics: problems (1) with errors, or with warnings under
 * `--strict`; otherwise ok (0). Could-not-run (2) comes from the errors the entry point maps.
 */
export function exitCodeFor(summary: Pick<Summary, 'errors' | 'warnings'>, strict: boolean): ExitCode {
  return summary.errors > 0 || (strict && summary.warnings > 0) ? EXIT.problems : EXIT.ok;
}

/** This tool's version, from the project's package.json (dist/scripts/cli → the project). */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
