/**
 * The `check` section of `npm run bench`: `universe check` with one changed package, through the
 * compiled CLI (wall time, each run a fresh process), on a git repository holding the corpus and
 * on one holding the 12,000-revision synthetic universe, committed, in the worktree and staged.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitChange, ensureGitUniverse, resetChange, stageChange, worktreeChange, type GitUniverse } from './git-universe.js';

/** What the section needs to know about its surroundings. */
export interface CheckBenchOptions {
  project: string;
  work: string;
  runs: number;
  /** Universe folders to commit, each with the package that gets a new revision. */
  universes: Array<{ label: string; source: string; changePackage: string }>;
}

interface Timing {
  ms: number;
  code: number;
  stdout: string;
  /** Whether some run left .git/index different from what it was given. */
  indexRewritten: boolean;
}

/** The bench itself could not run (a command exited with neither 0 nor 1): `npm run bench` exits 2. */
export class BenchFailure extends Error {}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Median wall time of `runs` fresh runs; `prepare` restores the repository state before each. */
function time(runs: number, cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; prepare?: () => void; index?: string } = {}): Timing {
  const xs: number[] = [];
  let last: Timing = { ms: 0, code: 0, stdout: '', indexRewritten: false };
  let rewritten = false;
  for (let i = 0; i < runs; i++) {
    opts.prepare?.();
    const before = opts.index ? fs.readFileSync(opts.index) : undefined;
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 28 });
    xs.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 1) {
      throw new BenchFailure(`${[cmd, ...args].join(' ')} exited ${r.status ?? r.signal}:\n${r.stderr}${r.error ? String(r.error) : ''}`);
    }
    if (before && opts.index && !before.equals(fs.readFileSync(opts.index))) rewritten = true;
    last = { ms: 0, code: r.status, stdout: r.stdout, indexRewritten: false };
  }
  return { ...last, ms: median(xs), indexRewritten: rewritten };
}

/** Whether `node <cli> check --help` works: the command may not exist yet. */
function checkAvailable(cli: string): boolean {
  return spawnSync(process.execPath, [cli, 'check', '--help'], { stdio: 'ignore' }).status === 0;
}

/** A summary of the committed run's JSON report: counts, and whether it saw the new revision. */
function describe(u: GitUniverse, t: Timing): string {
  try {
    const r = JSON.parse(t.stdout) as {
      summary: { errors: number; warnings: number; infos: number };
      changes: { packages: Array<{ name: string; revisions: Array<{ folder: string; status: string }> }>; files: string[] };
    };
    const seen = r.changes.packages.some((p) => p.name === u.change.package && p.revisions.some((v) => v.folder === String(u.change.revision) && v.status === 'added'));
    const changed = r.changes.packages.map((p) => `${p.name}: ${p.revisions.map((v) => `${v.folder} ${v.status}`).join(', ')}`).join('; ');
    return `exit ${t.code}: ${r.summary.errors} errors, ${r.summary.warnings} warnings, ${r.summary.infos} infos; changes: ${changed || 'none'}${seen ? '' : '  <-- WARNING: the new revision is not among the changes'}`;
  } catch {
    return `exit ${t.code}; output is not a check report: ${t.stdout.slice(0, 200)}`;
  }
}

/** Runs the section; returns its lines, or throws BenchFailure (the caller exits 2). */
export async function benchCheck(o: CheckBenchOptions): Promise<string[]> {
  const cli = path.join(o.project, 'dist/scripts/cli/main.js');
  const hook = path.join(o.project, 'hooks/pre-commit');
  if (!checkAvailable(cli)) return ['## check', `skipped: \`node ${cli} check --help\` fails (the command does not exist yet)`, ''];
  const hasGit = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
  const hookRuns = fs.readFileSync(hook, 'utf8').split('\n').filter((l) => /^\s*exec\s/.test(l)).map((l) => l.trim().replace(/^exec\s+/, ''))[0] ?? '?';
  const node = time(o.runs, process.execPath, ['-e', '0']);
  const lines = [`## check: one changed package, through the compiled CLI (wall, median of ${o.runs} fresh processes)`, `node start-up (node -e 0): ${node.ms.toFixed(0)} ms`];
  const results = new Map<string, { committed: number; worktree: number; staged: number; hook?: number }>();
  for (const { label, source, changePackage } of o.universes) {
    const t0 = performance.now();
    const u = ensureGitUniverse(source, path.join(o.work, `git-${label}`), { changePackage });
    const ready = performance.now() - t0;
    const index = path.join(u.dir, '.git/index');
    const b = await commitChange(u);
    const c = u.change;
    lines.push(
      `### ${label}: ${u.dir}`,
      `${u.files} files in commit A ${u.commitA.slice(0, 12)}, ${u.objects} objects in one ${mib(u.packBytes)} pack; ${u.reused ? 'reused' : 'generated'} in ${ready.toFixed(0)} ms`,
      `change: ${c.package} revision ${c.revision} (copy of ${c.from}, version ${c.version}), ${c.files.length} files; B ${b.slice(0, 12)}`,
    );
    const cliArgs = (...a: string[]): string[] => [cli, 'check', '--repo', u.repoDir, ...a];
    const committed = time(o.runs, process.execPath, cliArgs('--base', u.commitA, '--head', b, '--format', 'json'), { prepare: () => resetChange(u), index });
    const worktree = time(o.runs, process.execPath, cliArgs('--base', u.commitA), { prepare: () => worktreeChange(u), index });
    const staged = time(o.runs, process.execPath, cliArgs('--staged'), { cwd: u.dir, prepare: () => stageChange(u), index });
    const row = (name: string, what: string, t: Timing): string =>
      `${name.padEnd(10)} ${t.ms.toFixed(0).padStart(6)} ms  ${what}${t.indexRewritten ? '  (NOTE: it rewrote .git/index)' : ''}`;
    lines.push(
      row('committed', `check --base A --head B --format json; ${describe(u, committed)}`, committed),
      row('worktree', `check --base A (change in the worktree, unstaged); exit ${worktree.code}`, worktree),
      row('staged', `check --staged (cwd = the repository, change staged); exit ${staged.code}`, staged),
    );
    const r: { committed: number; worktree: number; staged: number; hook?: number } = { committed: committed.ms, worktree: worktree.ms, staged: staged.ms };
    if (hasGit) {
      // The hook finds the CLI at `$(git rev-parse --show-toplevel)/dist`: link this project's in
      // (/dist is ignored in the generated repository). Git runs pre-commit with GIT_INDEX_FILE
      // naming index.lock, a refreshed copy of the index it holds locked during the commit.
      const link = path.join(u.dir, 'dist');
      if (!fs.existsSync(link)) fs.symlinkSync(path.join(o.project, 'dist'), link);
      const lock = `${index}.lock`;
      const env = { ...process.env, GIT_INDEX_FILE: lock };
      try {
        const h = time(o.runs, 'sh', [hook], { cwd: u.dir, env, prepare: () => (stageChange(u), fs.copyFileSync(index, lock)) });
        lines.push(row('hook', `sh hooks/pre-commit as git runs it (it runs: ${hookRuns}); exit ${h.code}`, h));
        r.hook = h.ms;
      } finally {
        fs.rmSync(lock, { force: true });
      }
    } else lines.push('hook       not timed: no git CLI on this machine (the hook calls git rev-parse)');
    resetChange(u);
    results.set(label, r);
    lines.push('');
  }
  const corpus = results.get('corpus');
  const synth = results.get('synthetic');
  if (corpus && synth) {
    const ok = (c: boolean): string => (c ? 'ok' : 'OVER');
    const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
    lines.push(
      '### targets',
      `synthetic committed ${synth.committed.toFixed(0)} ms (target ≤ 300 ms: ${ok(synth.committed <= 300)})`,
      `synthetic ÷ corpus: committed ${ratio(synth.committed, corpus.committed)} (target ≤ 1.5×: ${ok(synth.committed <= 1.5 * corpus.committed)}), worktree ${ratio(synth.worktree, corpus.worktree)}, staged ${ratio(synth.staged, corpus.staged)}`,
      `pre-commit on synthetic: check --staged ${synth.staged.toFixed(0)} ms (target ≤ 400 ms: ${ok(synth.staged <= 400)})` +
        (synth.hook === undefined ? '' : `; the hook script itself ${synth.hook.toFixed(0)} ms (${ok(synth.hook <= 400)}; runs: ${hookRuns})`),
      '',
    );
  }
  return lines;
}

