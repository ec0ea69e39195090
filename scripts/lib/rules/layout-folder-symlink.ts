import type { Finding } from '../diagnostics/types.js';
import type { SnapshotEntry } from '../snapshot/types.js';
import type { CatalogRule } from './types.js';

/**
 * A symbolic link where a letter, package or revision folder belongs. The DC/OS Universe build
 * follows it and publishes what it points to; this tool never follows links between folders
 * (they could leave the repository or loop), so without this rule the revision, package or whole
 * letter would silently be missing from the build. A link to a file in those places is no
 * better: it is reported here too.
 */
export const layoutFolderSymlink: CatalogRule = {
  id: 'layout-folder-symlink',
  description: 'Letter, package and revision folders are real folders, not symbolic links.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    const links = (dir: string, entries: readonly SnapshotEntry[], what: string, lost: string): void => {
      for (const e of entries) {
        if (e.kind !== 'symlink') continue;
        out.push({
          file: `${dir}/${e.name}`,
          message: `'${e.name}' is a symbolic link where ${what} belongs, which the DC/OS build would follow but this universe skips (${lost}): replace the link with a real folder holding a copy of what it points to, or remove it`,
        });
      }
    };
    links('packages', catalog.packagesEntries, 'a letter folder', 'none of the packages behind it is validated or built');
    for (const letter of catalog.letters) links(letter.dir, letter.entries, 'a package folder', 'the package is neither validated nor built');
    for (const pkg of catalog.packages) links(pkg.dir, pkg.entries, 'a revision folder', 'the revision is neither validated nor built');
    return out;
  },
};
