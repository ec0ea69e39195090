import { REVISION_FILES } from '../catalog/types.js';
import type { Finding } from '../diagnostics/types.js';
import type { SnapshotEntry } from '../snapshot/types.js';
import type { CatalogRule } from './types.js';

const KNOWN: ReadonlySet<string> = new Set<string>(REVISION_FILES);
const KNOWN_LIST = REVISION_FILES.join(', ');

/** What an entry is, for messages. */
function what(e: SnapshotEntry): string {
  if (e.kind === 'dir') return 'a folder';
  if (e.kind === 'symlink') return 'a symbolic link (never followed here)';
  if (e.kind === 'file') return 'a file';
  return 'a special file';
}

/**
 * Files and folders where none belong. The loader ignores them, so without this rule a
 * misplaced or misspelled file (`Package.json`, `config.json.bak`, a package one folder too
 * high) would silently not be part of the universe. The one exception is `packages/.gitkeep`,
 * which keeps an empty universe's packages/ folder in git.
 */
export const layoutStrayFile: CatalogRule = {
  id: 'layout-stray-file',
  description: 'No files or folders where the layout has no place for them.',
  severity: 'warning',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    const nonDirs = (dir: string, entries: SnapshotEntry[], expected: string): void => {
      for (const e of entries) {
        // A symbolic link where a folder belongs is layout-folder-symlink's to report.
        if (e.kind === 'dir' || e.kind === 'symlink') continue;
        out.push({ file: `${dir}/${e.name}`, message: `'${e.name}' is ${what(e)} where only ${expected} belong: move or remove it` });
      }
    };
    // An empty `.gitkeep` keeps an empty packages/ folder in git (universe init writes one).
    nonDirs('packages', catalog.packagesEntries.filter((e) => !(e.name === '.gitkeep' && e.kind === 'file')), 'letter folders (A-Z)');
    for (const letter of catalog.letters) nonDirs(letter.dir, letter.entries, 'package folders');
    for (const pkg of catalog.packages) {
      nonDirs(pkg.dir, pkg.entries, 'revision folders (0, 1, 2, …)');
      for (const rev of pkg.revisions) {
        for (const e of rev.entries) {
          // A known name that is not a regular file is file-unreadable's to report.
          if (KNOWN.has(e.name)) continue;
          out.push({
            file: `${rev.dir}/${e.name}`,
            message: `'${e.name}' is ${what(e)} that a revision folder cannot hold (only ${KNOWN_LIST}): remove it or fix its name`,
          });
        }
      }
    }
    return out;
  },
};
