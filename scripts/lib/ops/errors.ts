/** The error a command cannot run past; it lives with the diagnostics so every layer can raise it. */
export { CannotRunError } from '../diagnostics/errors.js';
