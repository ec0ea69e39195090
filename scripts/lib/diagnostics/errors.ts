/**
 * Raised when a command cannot run at all — nothing to validate, an unsafe output folder, a file
 * that would be overwritten — as opposed to problems in the data, which are diagnostics. The CLI
 * prints its message (no stack trace) and exits 2.
 */
export class CannotRunError extends Error {
  override readonly name: string = 'CannotRunError';
}
