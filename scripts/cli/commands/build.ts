import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '../args.js';
import { EXIT, exitCodeFor, type Io } from '../io.js';
import { checkoutPrefix, displayPrefix, universeDir } from '../paths.js';
import { reporter } from '../reporters/index.js';
import { buildArtifact, DcosRejectedError, LeftOutError, type BuildReport } from '../../lib/ops/build.js';
import { validateSnapshot } from '../../lib/ops/validate.js';
import { WorktreeSnapshot } from '../../lib/snapshot/worktree.js';
import { removePrevious } from '../../lib/index/artifact-dir.js';
import { headCommit } from '../git.js';
import { PROCESSES } from '../processes.js';

/** `universe build --help`. */
export const help = `Usage: universe build [--repo DIR] [--out DIR] [--no-gzip]

Validates the universe and, when it has no errors, writes the artifact to the out folder: the
native index (index.json, packages/<name>.json), the DC/OS Universe outputs under dcos/
(universe.json, repo-up-to-<V>.json with .content_type files, per-package slices), the static
directory API (categories.json, packages.json, packages-<category>.json,
packages/<name>/versions.json, packages/<name>/<version>/spec.json with the descriptors
rendered with the default options), the web catalogue (index.html...), a manifest with the
sha256 and size of every file, and .gz siblings. The output is byte-identical for the same
input and stamped with the git commit, never a timestamp. The out folder always holds a whole
artifact, the old one or the new one: the new one is written beside it and renamed into place,
and a build that died half-way is repaired by the next one. One build at a time per out folder
(lock file .<out>.lock beside it).

Options:
  --repo DIR    the universe folder (it holds packages/; default: the nearest folder at or above
                the current one that holds packages/ or repo/packages/)
  --out DIR     where to write the artifact (replaced as a whole; default: target, beside the
                universe folder when it was found upwards, in the current folder with --repo)
  --no-gzip     skip the .gz siblings
  -h, --help    show this help

Exit codes: 0 built, 1 validation errors (nothing written), 2 could not run (another build is
writing the out folder, an unsafe out folder...).
`;

/** The web catalogue's files, shipped with the tool (dist/scripts/cli/commands → the project's web/). */
const WEB_DIR = fileURLToPath(new URL('../../../../web', import.meta.url));

/** Runs `universe build`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    repo: { type: 'string' },
    out: { type: 'string' },
    'no-gzip': { type: 'boolean' },
  });
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  const universe = universeDir(values.repo, io);
  const repo = universe.label;
  // Found upwards, the universe's own target/ (the project's, for a checkout), wherever the cwd is.
  const out = values.out ?? (universe.given ? 'target' : path.relative(io.cwd, path.join(path.dirname(universe.abs), 'target')) || '.');
  const prefix = displayPrefix(io.cwd, repo);
  const started = performance.now();
  // Validation renders every descriptor with its defaults; kept, spec.json reuses them.
  const result = await validateSnapshot(new WorktreeSnapshot(repo), undefined, { keepRenders: true });
  const validatedMs = performance.now() - started;
  const { summary } = result;
  if (summary.errors > 0) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const pretty = await reporter('pretty');
    io.err(pretty({ diagnostics: errors, summary, change: undefined }, { color: io.color, prefix, checkoutPrefix: checkoutPrefix(io.cwd, repo), ms: validatedMs }));
    io.err(`universe: refusing to build: ${summary.errors} error${summary.errors === 1 ? '' : 's'} in ${repo} (nothing was written to ${out})\n`);
    return exitCodeFor(summary, false);
  }
  const commit = await headCommit(path.resolve(io.cwd, repo));
  let built: BuildReport;
  try {
    built = await buildArtifact(result.catalog, result.analysis, {
      outDir: path.resolve(io.cwd, out),
      repoDir: path.resolve(io.cwd, repo),
      commit,
      gzip: !values['no-gzip'],
      webDir: WEB_DIR,
      keepPrevious: true,
      processes: PROCESSES,
      everyRevision: true,
    });
  } catch (e) {
    // Output DC/OS clients would reject, or a revision the build would leave out, is a problem in
    // the data (exit 1), not a failure to run.
    if (!(e instanceof DcosRejectedError) && !(e instanceof LeftOutError)) throw e;
    io.err(`universe: ${e.message}\n`);
    return EXIT.problems;
  }
  const removing = removeReplaced(built);
  const warn = summary.warnings ? `, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'} (run universe validate --repo ${repo} to list them)` : '';
  io.out(`validated ${summary.packages} packages, ${summary.revisions} revisions in ${Math.round(validatedMs)} ms: 0 errors${warn}\n`);
  io.out(`built ${out}/: ${built.files} files, ${formatBytes(built.bytes)}${built.gzBytes ? ` (+ ${formatBytes(built.gzBytes)} gzip)` : ''} in ${Math.round(performance.now() - started - validatedMs)} ms${commit ? ` at commit ${commit.slice(0, 12)}` : ''}\n`);
  if (built.dcosRevisions < built.revisions) {
    io.out(`${built.revisions - built.dcosRevisions} revision(s) left out of dcos/ (packaging version 6.0 without a Marathon template)\n`);
  }
  if (removing) io.out(`the replaced artifact is being deleted in the background (${path.relative(io.cwd, removing) || removing})\n`);
  return exitCodeFor(summary, false);
}

/** Below this size the replaced artifact is deleted before returning; above, in the background. */
const BACKGROUND_REMOVAL_BYTES = 64 * 1024 * 1024;

/**
 * Deletes the artifact the build replaced: at once when small, otherwise in a detached process
 * (deleting gigabytes takes seconds, and nothing needs to wait for it). Only this build's own:
 * what earlier builds left, the build deleted under its lock. Returns the folder being deleted in
 * the background, if any.
 */
function removeReplaced(built: BuildReport): string | undefined {
  const dir = built.previous;
  if (dir === undefined) return undefined;
  if (built.bytes + built.gzBytes < BACKGROUND_REMOVAL_BYTES) {
    try {
      removePrevious(dir);
    } catch {
      // Deleted by the next build.
    }
    return undefined;
  }
  const remover = fileURLToPath(new URL('../remove-previous.js', import.meta.url));
  spawn(process.execPath, [remover, dir], { detached: true, stdio: 'ignore' }).unref();
  return dir;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
