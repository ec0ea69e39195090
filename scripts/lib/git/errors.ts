import { CannotRunError } from '../diagnostics/errors.js';

/**
 * The repository holds something git itself would refuse (`git fsck` reports it): a malformed or
 * ambiguous tree, an object whose content does not match its id, a missing object, a damaged
 * pack index or ref. `universe check` never guesses past it: like every {@link CannotRunError}
 * it ends the run with exit 2.
 */
export class CorruptRepositoryError extends CannotRunError {
  override readonly name: string = 'CorruptRepositoryError';
  /** The object (or file) that is wrong: a full object id, or a path inside the git directory. */
  readonly subject: string;

  constructor(subject: string, message: string) {
    super(message);
    this.subject = subject;
  }
}

/** The error for an object that is damaged: names it, says what is wrong and what to run. */
export function corruptObject(oid: string, what: string): CorruptRepositoryError {
  return new CorruptRepositoryError(oid, `object ${oid} is corrupt: ${what}; run git fsck to find the damage and restore the object from a good clone`);
}
