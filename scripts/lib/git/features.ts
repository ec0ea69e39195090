/**
 * What a repository uses that this reader may not read right, found before anything is read:
 * a format it does not know, SHA-256 objects, reftable refs, extensions it does not know.
 * Each is refused with {@link UnsupportedRepositoryError} (exit 2) saying what to run instead,
 * never misread in silence. Object alternates are supported: {@link objectDirectories} lists
 * them. A partial clone is read as far as it has the objects; one it did not download is a
 * missing object, which ends the run (exit 2) with a message saying how to fetch it
 * ({@link isPartialClone}). (Index extensions are checked where the index is parsed: index-file.ts.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CannotRunError } from '../diagnostics/errors.js';

/** The repository uses a git feature this reader does not support; nothing was read. */
export class UnsupportedRepositoryError extends CannotRunError {
  override readonly name: string = 'UnsupportedRepositoryError';
}

/**
 * `[extensions]` keys (lower case, as git compares them) that do not change how objects, refs
 * or the index are stored, so a reader that ignores them reads the repository right.
 */
const HARMLESS_EXTENSIONS: ReadonlySet<string> = new Set(['noop', 'noop-v1', 'worktreeconfig', 'preciousobjects']);

/**
 * The values of a git config file, as `section.key` (and `section.subsection.key`) in lower case → last value.
 * @internal Exported for its table test of how git reads sections, booleans and comments.
 */
export function parseGitConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      section = header[2] !== undefined ? `${header[1]!.toLowerCase()}.${header[2]}` : header[1]!.toLowerCase();
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*?))?\s*$/.exec(line.replace(/\s[#;].*$/, ''));
    if (!kv || section === '') continue;
    // A key without "=" is a boolean true, as git reads it.
    out.set(`${section}.${kv[1]!.toLowerCase()}`, (kv[2] ?? 'true').replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

/** Throws {@link UnsupportedRepositoryError} when the repository at `gitdir` uses a storage feature this reader does not read. */
export function checkRepositoryFeatures(gitdir: string): void {
  let text = '';
  try {
    text = fs.readFileSync(path.join(gitdir, 'config'), 'utf8');
  } catch {
    // No config: a bare-bones repository with the defaults.
  }
  const config = parseGitConfig(text);
  const version = Number(config.get('core.repositoryformatversion') ?? '0');
  if (!Number.isInteger(version) || version > 1) {
    throw new UnsupportedRepositoryError(`${gitdir} has repository format version ${config.get('core.repositoryformatversion')}, which this reader does not know (0 and 1 are read): check it with git itself, or clone it with a git that writes format 0 or 1`);
  }
  const objectFormat = config.get('extensions.objectformat')?.toLowerCase();
  if (version === 1 && objectFormat !== undefined && objectFormat !== 'sha1') {
    throw new UnsupportedRepositoryError(`${gitdir} stores ${objectFormat.toUpperCase()} object ids (extensions.objectFormat); only SHA-1 repositories are read: run universe check on a SHA-1 clone`);
  }
  const refStorage = config.get('extensions.refstorage')?.toLowerCase();
  if ((version === 1 && refStorage !== undefined && refStorage !== 'files') || fs.existsSync(path.join(gitdir, 'reftable'))) {
    throw new UnsupportedRepositoryError(`${gitdir} keeps its refs in reftable format, which this reader does not read: convert it with 'git refs migrate --ref-format=files', or run universe check on a clone made without --ref-format=reftable`);
  }
  if (version === 1) {
    const unknown = [...config.keys()]
      .filter((k) => k.startsWith('extensions.'))
      .map((k) => k.slice('extensions.'.length))
      .filter((k) => !HARMLESS_EXTENSIONS.has(k) && k !== 'objectformat' && k !== 'refstorage' && k !== 'partialclone');
    // partialClone: objects may be missing, which reading reports (see isPartialClone).
    if (unknown.length > 0) {
      throw new UnsupportedRepositoryError(`${gitdir} uses the git extension${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}, which this reader does not know; as git itself would, it refuses to read the repository rather than misread it`);
    }
  }
}

/** Whether the repository is a partial clone (`git clone --filter`): objects may be missing by design. */
export function isPartialClone(gitdir: string): boolean {
  try {
    const config = parseGitConfig(fs.readFileSync(path.join(gitdir, 'config'), 'utf8'));
    // Older git marks it with extensions.partialClone; newer git with a promisor remote.
    return config.has('extensions.partialclone') || [...config].some(([k, v]) => k.startsWith('remote.') && ((k.endsWith('.promisor') && v === 'true') || k.endsWith('.partialclonefilter')));
  } catch {
    return false;
  }
}

/** How many alternates deep objects are looked for, as git does (it stops at 5). */
const MAX_ALTERNATE_DEPTH = 5;

/**
 * The object folders to read, in order: the repository's own `objects`, then those its
 * `objects/info/alternates` names (`git clone --reference` or `--shared`), recursively, relative
 * paths resolved against the folder that names them. A line git would read differently (a
 * quoted path) is refused instead of guessed.
 */
export function objectDirectories(gitdir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, depth: number): void => {
    const abs = path.resolve(dir);
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push(abs);
    let text: string;
    try {
      text = fs.readFileSync(path.join(abs, 'info', 'alternates'), 'utf8');
    } catch {
      return;
    }
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith('"')) {
        throw new UnsupportedRepositoryError(`${path.join(abs, 'info', 'alternates')} names a quoted path (${line}), which this reader does not decode: write the path unquoted`);
      }
      if (depth >= MAX_ALTERNATE_DEPTH) {
        throw new UnsupportedRepositoryError(`${path.join(abs, 'info', 'alternates')} chains alternates more than ${MAX_ALTERNATE_DEPTH} deep, which git does not follow either: point it at the repository that holds the objects`);
      }
      visit(path.resolve(abs, line), depth + 1);
    }
  };
  visit(path.join(gitdir, 'objects'), 0);
  return out;
}

/** Where the user's own git configuration lives (the CLI reads them from the environment). */
export interface UserConfigDirs {
  /** $HOME: ~/.gitconfig, and ~ in paths. */
  home?: string;
  /** $XDG_CONFIG_HOME (default ~/.config): git/config and the default git/ignore. */
  xdgConfigHome?: string;
}

/** $XDG_CONFIG_HOME, or ~/.config; undefined without either. */
export function xdgConfigDir(user: UserConfigDirs): string | undefined {
  return user.xdgConfigHome || (user.home !== undefined ? path.join(user.home, '.config') : undefined);
}

/**
 * A config value as git reads it: the repository's config wins over the user's (~/.gitconfig,
 * then $XDG_CONFIG_HOME/git/config). `key` is `section.key` in lower case.
 */
export function gitConfigValue(gitdir: string, user: UserConfigDirs, key: string): string | undefined {
  const files = [path.join(gitdir, 'config')];
  if (user.home !== undefined) files.push(path.join(user.home, '.gitconfig'));
  const xdg = xdgConfigDir(user);
  if (xdg !== undefined) files.push(path.join(xdg, 'git', 'config'));
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const value = parseGitConfig(text).get(key);
    if (value) return value;
  }
  return undefined;
}
