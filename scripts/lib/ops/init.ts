/**
 * `universe init`: turns a fork of this repository into a universe of one's own in one step. It
 * sets the name, description and categories in repository.json, removes the sample packages
 * (every package under packages/, unless kept), leaves packages/ holding only `.gitkeep` so that
 * the empty folder survives a clone, and records all of it in one git commit whose message says
 * why and carries the `Universe-Allow` trailer that lets `universe check` accept the removals.
 *
 * Nothing is changed before everything that could stop it is known: invalid settings, staged
 * changes of someone else's (the commit would take them along), no git identity.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import git from 'isomorphic-git';
import { SETTINGS_FILE } from '../catalog/types.js';
import { compareStrings } from '../diagnostics/sort.js';
import { gitConfigValue, type UserConfigDirs } from '../git/features.js';
import { locateRepository } from '../git/locate.js';
import { isJsonObject, type JsonObject } from '../json/object.js';
import { validateSettings } from '../schema/validators.js';
import { CannotRunError } from './errors.js';

/** The placeholder that keeps an empty packages/ folder in git. */
const PACKAGES_PLACEHOLDER = '.gitkeep';

/** What to set and remove. */
export interface InitOptions {
  /** The universe folder (it holds packages/ and usually repository.json). */
  repoDir: string;
  /** The universe's name (repository.json `name`). */
  name?: string;
  description?: string;
  /** Replaces the categories (ids and titles); absent: the current ones are kept. */
  categories?: Array<{ id: string; title: string }>;
  /** Keep the packages that are there (only the settings change). */
  keepPackages?: boolean;
  /** Make the commit (default); false leaves the changes in the working tree. */
  commit?: boolean;
  /** Where the user's git configuration lives, for the commit's author. */
  userConfig?: UserConfigDirs;
}

/** What init did. */
export interface InitReport {
  /** The packages removed, by name, sorted. */
  removed: string[];
  /** repository.json's new name and description. */
  name: string;
  description?: string;
  /** The commit made, when one was. */
  commit?: string;
  /** The commit message, when one was made. */
  message?: string;
}

/** The trailer that lets `universe check` accept the removal of every sample revision. */
const INIT_TRAILER = 'Universe-Allow: breaking/revision-removed */*: the sample packages this universe was forked with are not part of it';

/** Sets up the universe at `options.repoDir`; throws {@link CannotRunError} (nothing changed) when it cannot. */
export async function initUniverse(options: InitOptions): Promise<InitReport> {
  const repoDir = path.resolve(options.repoDir);
  const packagesDir = path.join(repoDir, 'packages');
  const settingsFile = path.join(repoDir, SETTINGS_FILE);
  const settings = nextSettings(settingsFile, options);
  const packages = options.keepPackages ? [] : packageFolders(packagesDir);
  let committer: Committer | undefined;
  if (options.commit !== false) committer = await prepareCommit(repoDir, options.userConfig ?? {});

  // Everything checked: change the files.
  fs.writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  for (const letter of new Set(packages.map((p) => p.letterDir))) fs.rmSync(letter, { recursive: true, force: true });
  fs.mkdirSync(packagesDir, { recursive: true });
  const placeholder = path.join(packagesDir, PACKAGES_PLACEHOLDER);
  if (!options.keepPackages && !fs.existsSync(placeholder)) fs.writeFileSync(placeholder, '');
  const removed = packages.map((p) => p.name).sort(compareStrings);
  const report: InitReport = { removed, name: String(settings.name), ...(typeof settings.description === 'string' ? { description: settings.description } : {}) };
  if (!committer) return report;
  const message = commitMessage(report);
  const commit = await committer.commit(message, [SETTINGS_FILE, ...(options.keepPackages ? [] : [`packages/${PACKAGES_PLACEHOLDER}`])], options.keepPackages ? undefined : 'packages');
  return { ...report, commit, message };
}

/** repository.json with the new values, validated; the file's other members are kept as they are. */
function nextSettings(file: string, options: InitOptions): JsonObject {
  let current: JsonObject = { formatVersion: '1.0', name: 'universe' };
  if (fs.existsSync(file)) {
    let value: unknown;
    try {
      value = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new CannotRunError(`${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}): fix it first (universe validate says where)`);
    }
    if (!isJsonObject(value)) throw new CannotRunError(`${file} does not hold a JSON object: fix it first`);
    current = value;
  }
  const next: JsonObject = { ...current };
  if (options.name !== undefined) next.name = options.name;
  if (options.description !== undefined) next.description = options.description;
  if (options.categories !== undefined) next.categories = options.categories;
  const issues = validateSettings(next);
  if (issues.length > 0) {
    throw new CannotRunError(`the new ${SETTINGS_FILE} would not be valid: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}; nothing was changed`);
  }
  return next;
}

/** The package folders under packages/ (letter folders of folders), with their letter folder. */
function packageFolders(packagesDir: string): Array<{ name: string; letterDir: string }> {
  let letters: fs.Dirent[];
  try {
    letters = fs.readdirSync(packagesDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: Array<{ name: string; letterDir: string }> = [];
  for (const l of letters) {
    if (!l.isDirectory()) continue;
    const letterDir = path.join(packagesDir, l.name);
    for (const p of fs.readdirSync(letterDir, { withFileTypes: true })) if (p.isDirectory()) out.push({ name: p.name, letterDir });
  }
  return out;
}

function commitMessage(report: InitReport): string {
  const lines = [`Start ${report.name}: ${report.removed.length > 0 ? 'remove the sample packages' : 'set its name and description'}`, ''];
  if (report.removed.length > 0) {
    lines.push(
      `This universe was forked from the sample universe. Its ${report.removed.length} sample package${report.removed.length === 1 ? '' : 's'} (${report.removed.join(', ')})`,
      `are not part of it: nobody installed them from here, so removing them breaks no one.`,
      '',
      INIT_TRAILER,
    );
  } else {
    lines.push('Set by universe init.');
  }
  return `${lines.join('\n')}\n`;
}

interface Committer {
  /** Stages `add` (paths relative to the universe folder) and the deletions under `removedDir`, and commits. */
  commit(message: string, add: string[], removedDir: string | undefined): Promise<string>;
}

/** Checks that a commit can be made (a repository, nothing else staged, an author) before anything changes. */
async function prepareCommit(repoDir: string, user: UserConfigDirs): Promise<Committer> {
  const location = locateRepository(repoDir);
  const dir = location.worktree;
  const author = gitIdentity(location.gitdir, user);
  if (!author) {
    throw new CannotRunError(`git does not know who you are, and the commit needs an author: run git config --global user.name 'Your Name' and git config --global user.email you@example.com (or pass --no-commit); nothing was changed`);
  }
  const matrix = await git.statusMatrix({ fs, dir, gitdir: location.gitdir });
  const staged = matrix.filter(([, head, , stage]) => !((head === 0 && stage === 0) || (head === 1 && stage === 1))).map(([f]) => f);
  if (staged.length > 0) {
    throw new CannotRunError(`the git index holds staged changes (${staged.slice(0, 5).join(', ')}${staged.length > 5 ? ', …' : ''}), which universe init's commit would take along: commit or unstage them first (or pass --no-commit); nothing was changed`);
  }
  const rel = (p: string): string => (location.prefix === '' ? p : `${location.prefix}/${p}`);
  return {
    async commit(message, add, removedDir) {
      if (removedDir !== undefined) {
        const below = `${rel(removedDir)}/`;
        for (const f of await git.listFiles({ fs, dir, gitdir: location.gitdir })) {
          if (f.startsWith(below) && !fs.existsSync(path.join(dir, f))) await git.remove({ fs, dir, gitdir: location.gitdir, filepath: f });
        }
      }
      for (const f of add) await git.add({ fs, dir, gitdir: location.gitdir, filepath: rel(f) });
      return git.commit({ fs, dir, gitdir: location.gitdir, message, author });
    },
  };
}

/** user.name and user.email, each as git reads it (the repository's config, else the user's). */
function gitIdentity(gitdir: string, user: UserConfigDirs): { name: string; email: string } | undefined {
  const name = gitConfigValue(gitdir, user, 'user.name');
  const email = gitConfigValue(gitdir, user, 'user.email');
  return name && email ? { name, email } : undefined;
}
