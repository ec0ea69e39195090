import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import git from 'isomorphic-git';
import { checkChanges, type CheckOptions } from '../../scripts/lib/ops/check.js';
import type { CheckReport } from '../../scripts/lib/change/types.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { runCli, type CliResult } from './cli.js';

const AUTHOR = { name: 'Test', email: 'test@example.com' };

/**
 * A temporary git repository laid out like this project (the universe under `repo/`), driven with
 * isomorphic-git only (CI machines need no git executable). Commits get increasing timestamps so
 * that history walks are deterministic.
 */
export class TestRepo {
  readonly dir: string;
  readonly repoDir: string;
  private clock = 1_700_000_000;

  private constructor(dir: string) {
    this.dir = dir;
    this.repoDir = path.join(dir, 'repo');
  }

  /** A new repository on branch `main` with `files` (paths relative to repo/) committed as the first commit, unless empty. */
  static async create(files: Record<string, MemoryFile> = {}, message = 'initial'): Promise<TestRepo> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-git-'));
    await git.init({ fs, dir, defaultBranch: 'main' });
    const r = new TestRepo(dir);
    fs.mkdirSync(r.repoDir, { recursive: true });
    if (Object.keys(files).length > 0) {
      r.write(files);
      await r.commit(message);
    }
    return r;
  }

  /** Writes files relative to repo/ (undefined deletes one). */
  write(files: Record<string, MemoryFile | undefined>): void {
    this.writeTop(Object.fromEntries(Object.entries(files).map(([k, v]) => [`repo/${k}`, v])));
  }

  /** Writes files relative to the working tree's top (undefined deletes one). */
  writeTop(files: Record<string, MemoryFile | undefined>): void {
    for (const [rel, content] of Object.entries(files)) {
      const abs = path.join(this.dir, rel);
      if (content === undefined) {
        fs.rmSync(abs, { recursive: true, force: true });
        continue;
      }
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.rmSync(abs, { force: true });
      if (typeof content === 'object' && 'symlink' in content) fs.symlinkSync(content.symlink, abs);
      else fs.writeFileSync(abs, content);
    }
  }

  /** Moves a path relative to repo/ (a rename, as git sees it: a removal and an addition). */
  move(from: string, to: string): void {
    fs.mkdirSync(path.dirname(path.join(this.repoDir, to)), { recursive: true });
    fs.renameSync(path.join(this.repoDir, from), path.join(this.repoDir, to));
  }

  /** Stages every change of the working tree (additions, edits, deletions). */
  async stageAll(): Promise<void> {
    for (const [filepath, head, work, stage] of await git.statusMatrix({ fs, dir: this.dir })) {
      if (work === 0 && (head !== 0 || stage !== 0)) await git.remove({ fs, dir: this.dir, filepath });
      else if (work !== stage || work === 2) await git.add({ fs, dir: this.dir, filepath });
    }
  }

  /** Stages everything and commits it (as `author` when given; the committer is always Test); returns the commit id. */
  async commit(message: string, opts: { stage?: boolean; parents?: string[]; author?: { name: string; email: string } } = {}): Promise<string> {
    if (opts.stage !== false) await this.stageAll();
    const time = { ...AUTHOR, timestamp: (this.clock += 60), timezoneOffset: 0 };
    const author = opts.author ? { ...time, ...opts.author } : time;
    return git.commit({ fs, dir: this.dir, message, author, committer: time, ...(opts.parents ? { parent: opts.parents } : {}) });
  }

  /** Creates a branch at a commit (default HEAD) and optionally checks it out. */
  async branch(name: string, opts: { from?: string; checkout?: boolean } = {}): Promise<void> {
    await git.branch({ fs, dir: this.dir, ref: name, ...(opts.from ? { object: opts.from } : {}) });
    if (opts.checkout) await git.checkout({ fs, dir: this.dir, ref: name, force: true });
  }

  /** Checks out a branch or commit, discarding working-tree changes. */
  async checkout(ref: string): Promise<void> {
    await git.checkout({ fs, dir: this.dir, ref, force: true });
  }

  /** Sets a ref (e.g. `refs/remotes/origin/main`) to a commit. */
  async setRef(ref: string, oid: string): Promise<void> {
    await git.writeRef({ fs, dir: this.dir, ref, value: oid, force: true });
  }

  /** The commit a ref names. */
  resolve(ref = 'HEAD'): Promise<string> {
    return git.resolveRef({ fs, dir: this.dir, ref });
  }

  /** Runs the check in-process. */
  check(opts: Omit<CheckOptions, 'repoDir'> = {}): Promise<CheckReport> {
    return checkChanges({ repoDir: this.repoDir, ...opts });
  }

  /** Runs the real CLI: `universe check --repo <repo> …args`. */
  cli(args: string[] = []): Promise<CliResult> {
    return runCli(['check', '--repo', this.repoDir, ...args], { cwd: this.dir });
  }

  /** Removes the repository. */
  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `[code, file, pointer]` of each diagnostic, optionally only codes with a prefix: what tests assert. */
export function codes(report: CheckReport, prefix = ''): Array<[string, string, string]> {
  return report.diagnostics.filter((d) => d.code.startsWith(prefix)).map((d) => [d.code, d.file, d.pointer]);
}
