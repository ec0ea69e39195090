/**
 * `--watch`: validates and builds the repository into the served folder when it changes, one
 * build at a time (changes during a build give one more build after it). `buildArtifact` writes
 * into a fresh staging folder and renames it into place, so the folder never holds a half-written
 * artifact; the caller then loads it and swaps the served artifact. A failed build (validation
 * errors, or a build that cannot run) is reported and leaves the last good artifact in place.
 */
import * as path from 'node:path';
import { CannotRunError } from '../diagnostics/errors.js';
import type { Diagnostic, Summary } from '../diagnostics/types.js';
import { buildArtifact, removeReplacedArtifacts, type BuildOptions, type BuildReport } from '../ops/build.js';
import { validateSnapshot } from '../ops/validate.js';
import { WorktreeSnapshot } from '../snapshot/worktree.js';
import type { Notify } from './events.js';
import { TreeWatcher, treeSignature, type TreeWatchOptions } from './watch.js';

/** What to build and how. */
export interface RebuildOptions {
  /** The repository folder (it holds packages/). */
  repo: string;
  /** The artifact folder, replaced by each successful build. */
  out: string;
  /** The commit to stamp (the CLI reads git); default none. */
  commit?: () => Promise<string | null>;
  /** Further build options, as `universe build` passes them (webDir, gzip…). */
  build?: Omit<BuildOptions, 'outDir' | 'repoDir' | 'commit'>;
  /**
   * Where the builds run. Default: {@link rebuild} on this thread, which stops a server on the
   * same thread answering for as long as a build takes; the CLI runs them in a child process.
   */
  runner?: BuildRunner;
}

/** Runs the builds of a {@link Rebuilder} somewhere else (a child process, say). */
export interface BuildRunner {
  /** Validates and builds once, as {@link rebuild} does; never throws. */
  run(): Promise<RebuildResult>;
  /** Frees what the runner holds (ends its process); called once the Rebuilder is closed. */
  close(): void;
}

/** The outcome of one build. */
export type RebuildResult =
  | { ok: true; ms: number; report: BuildReport; summary: Summary; commit: string | null }
  | { ok: false; ms: number; message: string; diagnostics: Diagnostic[]; summary?: Summary };

/** Validates `repo` and, without errors, builds it into `out`. Never throws. */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  const started = performance.now();
  const ms = (): number => performance.now() - started;
  try {
    // Validation renders every descriptor with its defaults; kept, the build's spec.json reuses them.
    const result = await validateSnapshot(new WorktreeSnapshot(options.repo), undefined, { keepRenders: true });
    const { summary } = result;
    if (summary.errors > 0) {
      const diagnostics = result.diagnostics.filter((d) => d.severity === 'error');
      return { ok: false, ms: ms(), message: `${summary.errors} validation error${summary.errors === 1 ? '' : 's'} in ${options.repo}`, diagnostics, summary };
    }
    const commit = options.commit ? await options.commit() : null;
    const report = await buildArtifact(result.catalog, result.analysis, {
      ...options.build,
      outDir: path.resolve(options.out),
      repoDir: path.resolve(options.repo),
      commit,
      keepPrevious: true,
    });
    // Deleting the replaced artifact synchronously would stop the server answering for seconds.
    void removeReplacedArtifacts(options.out).catch(() => undefined);
    return { ok: true, ms: ms(), report, summary, commit };
  } catch (e) {
    const message = e instanceof CannotRunError ? e.message : `the build failed: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, ms: ms(), message, diagnostics: [] };
  }
}

/** A build that failed when the server started, with nothing good to serve instead. */
export class InitialBuildError extends CannotRunError {
  override readonly name = 'InitialBuildError';

  constructor(readonly result: Extract<RebuildResult, { ok: false }>) {
    super(`cannot serve: ${result.message}, and there is no earlier artifact to serve`);
  }
}

/**
 * Paths relative to `repo` that belong to the artifact (when `out` lies inside the repository).
 * @internal Exported for its unit test: through {@link Rebuilder}, a path wrongly ignored or not
 * shows only as a rebuild that does or does not happen, which no test can wait for reliably.
 */
export function artifactPaths(repo: string, out: string): (rel: string) => boolean {
  const rel = path.relative(path.resolve(repo), path.resolve(out)).split(path.sep).join('/');
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return () => false;
  const slash = rel.lastIndexOf('/');
  // Staging and old siblings of the artifact folder: `.<name>.staging-…`, `.<name>.old-…`.
  const siblings = `${rel.slice(0, slash + 1)}.${rel.slice(slash + 1)}.`;
  return (p) => p === rel || p.startsWith(`${rel}/`) || p.startsWith(siblings);
}

/** Options of {@link Rebuilder}. */
export interface RebuilderOptions extends RebuildOptions {
  /** Called after each successful build, before the next may start (load and swap the artifact). */
  onBuilt: () => Promise<void>;
  notify: Notify;
  watch?: TreeWatchOptions;
}

/** Builds at start, then on every change of the repository. */
export class Rebuilder {
  private watcher: TreeWatcher | undefined;
  private running: Promise<void> | undefined;
  private pending = false;
  private closed = false;
  private baseline: string | undefined;

  constructor(private readonly options: RebuilderOptions) {}

  /** Builds once (at start): remembers the repository's state first, so a change during the build is not missed. */
  async initial(): Promise<RebuildResult> {
    const ignore = artifactPaths(this.options.repo, this.options.out);
    this.baseline = await treeSignature(this.options.repo, ignore);
    return this.build();
  }

  private build(): Promise<RebuildResult> {
    return this.options.runner ? this.options.runner.run() : rebuild(this.options);
  }

  /** Starts watching; changes trigger builds. */
  async watch(): Promise<void> {
    const ignore = artifactPaths(this.options.repo, this.options.out);
    this.watcher = new TreeWatcher(this.options.repo, () => this.changed(), { ...this.options.watch, ignore });
    const mode = await this.watcher.start(this.baseline);
    this.options.notify({ kind: 'watching', repo: this.options.repo, mode });
  }

  private changed(): void {
    if (this.closed) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  private async loop(): Promise<void> {
    do {
      this.pending = false;
      const { notify, repo } = this.options;
      notify({ kind: 'rebuilding', repo });
      const r = await this.build();
      if (this.closed) return;
      if (r.ok) {
        notify({ kind: 'rebuilt', repo, ms: r.ms, packages: r.report.packages, revisions: r.report.revisions, commit: r.commit });
        await this.options.onBuilt();
      } else {
        notify({ kind: 'rebuild-failed', repo, ms: r.ms, message: r.message, diagnostics: r.diagnostics, summary: r.summary });
      }
    } while (this.pending && !this.closed);
  }

  /** Stops watching and waits for a build in progress. */
  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    await this.running;
    this.options.runner?.close();
  }
}
