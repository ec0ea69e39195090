/**
 * Which untracked paths git ignores, as `git status` decides it: the patterns of
 * `.git/info/exclude`, of the file `core.excludesFile` names (default
 * `$XDG_CONFIG_HOME/git/ignore`), and of every `.gitignore` from the working tree's top down to
 * the path's folder, a deeper file overriding a shallower one and `!pattern` re-including. A
 * path inside an ignored folder is ignored whatever deeper files say, as in git. Matching is the
 * `ignore` package's, which follows gitignore(5). Tracked files are never ignored: callers ask
 * only about untracked paths.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { gitConfigValue, xdgConfigDir, type UserConfigDirs } from './features.js';

/** One source of patterns and the folder (relative to the top, '' for the top) they are relative to. */
interface Level {
  base: string;
  rules: Ignore;
}

export class IgnoreRules {
  /** Patterns that apply everywhere: info/exclude and the user's excludes file. */
  private readonly global: Ignore;
  /** The `.gitignore` of each folder read so far (undefined: it has none). */
  private readonly perFolder = new Map<string, Ignore | undefined>();
  /** Folders already found ignored. */
  private readonly ignoredFolders = new Map<string, boolean>();

  /**
   * @param worktree the working tree's top folder; @param gitdir its git directory; @param user
   * where the user's git configuration is (without it, only the repository's own patterns apply).
   */
  constructor(
    private readonly worktree: string,
    gitdir: string,
    user: UserConfigDirs = {},
  ) {
    this.global = ignore();
    this.global.add(readText(path.join(gitdir, 'info', 'exclude')));
    const excludes = excludesFile(gitdir, user);
    if (excludes) this.global.add(readText(excludes));
  }

  /** Whether git ignores the untracked path `rel` (POSIX, relative to the top); `dir` for a folder. */
  ignored(rel: string, dir: boolean): boolean {
    const slash = rel.lastIndexOf('/');
    const parent = slash < 0 ? '' : rel.slice(0, slash);
    if (parent !== '' && this.folderIgnored(parent)) return true;
    return this.matches(rel, dir, parent);
  }

  private folderIgnored(dir: string): boolean {
    let known = this.ignoredFolders.get(dir);
    if (known === undefined) {
      known = this.ignored(dir, true);
      this.ignoredFolders.set(dir, known);
    }
    return known;
  }

  /** The verdict of the patterns alone, the deepest source that has a say winning. */
  private matches(rel: string, dir: boolean, parent: string): boolean {
    const levels: Level[] = [{ base: '', rules: this.global }];
    const parts = parent === '' ? [] : parent.split('/');
    for (let i = 0; i <= parts.length; i++) {
      const base = parts.slice(0, i).join('/');
      const rules = this.gitignoreOf(base);
      if (rules) levels.push({ base, rules });
    }
    let verdict = false;
    for (const { base, rules } of levels) {
      const sub = base === '' ? rel : rel.slice(base.length + 1);
      const t = rules.test(dir ? `${sub}/` : sub);
      if (t.ignored) verdict = true;
      else if (t.unignored) verdict = false;
    }
    return verdict;
  }

  private gitignoreOf(base: string): Ignore | undefined {
    if (this.perFolder.has(base)) return this.perFolder.get(base);
    const text = readText(path.join(this.worktree, ...(base === '' ? [] : base.split('/')), '.gitignore'));
    const rules = text === '' ? undefined : ignore().add(text);
    this.perFolder.set(base, rules);
    return rules;
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The excludes file git reads: core.excludesFile from the repository's or the user's config, else the XDG default. */
function excludesFile(gitdir: string, user: UserConfigDirs): string | undefined {
  const value = gitConfigValue(gitdir, user, 'core.excludesfile');
  if (value?.startsWith('~/')) return user.home !== undefined ? path.join(user.home, value.slice(2)) : undefined;
  if (value) return value;
  const xdg = xdgConfigDir(user);
  return xdg !== undefined ? path.join(xdg, 'git', 'ignore') : undefined;
}
