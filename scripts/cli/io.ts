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
