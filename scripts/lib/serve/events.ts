/**
 * What the server reports besides the access log: watch and rebuild progress, artifact swaps and
 * failures. Plain data handed to an injected `notify` function; the CLI prints it.
 */
import type { Diagnostic, Summary } from '../diagnostics/types.js';

/** An event of a running server. */
export type ServeEvent =
  /** `--watch` is watching the repository; `mode` says how (file-system events, or polling only). */
  | { kind: 'watching'; repo: string; mode: 'events' | 'polling' }
  /** A change was seen; the repository is being validated and built. */
  | { kind: 'rebuilding'; repo: string }
  /** The rebuild wrote a new artifact. */
  | { kind: 'rebuilt'; repo: string; ms: number; packages: number; revisions: number; commit: string | null }
  /**
   * The rebuild failed — validation errors (`diagnostics` and `summary` say which) or a build that
   * could not run (`message`); the last good artifact is still served.
   */
  | { kind: 'rebuild-failed'; repo: string; ms: number; message: string; diagnostics: Diagnostic[]; summary?: Summary }
  /** A new artifact is served from now on. */
  | { kind: 'swapped'; dir: string; packages: number; commit: string | null }
  /** A new artifact could not be loaded; the previous one is still served. */
  | { kind: 'reload-failed'; dir: string; message: string }
  /** A worker process ended unexpectedly (`--workers`); it is replaced unless it failed too often. */
  | { kind: 'worker-exited'; pid: number | undefined; code: number | null; signal: string | null; restarting: boolean }
  /** An unexpected error while answering a request (a bug); the client got a 500. */
  | { kind: 'error'; message: string; stack?: string };

/** Receives events. */
export type Notify = (event: ServeEvent) => void;
