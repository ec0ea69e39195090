import type { Finding } from '../diagnostics/types.js';
import type { ReadFailure } from '../snapshot/types.js';
import type { CatalogRule } from './types.js';
import { baseName, loadedFiles } from './util.js';

/** Why a file could not be read, as one sentence naming it. */
function describe(name: string, failure: ReadFailure): string | undefined {
  switch (failure.reason) {
    case 'missing':
      return `'${name}' is listed but cannot be found (a dangling symbolic link?): restore the file or remove the entry`;
    case 'symlink-escape':
      return `'${name}' is a symbolic link to '${failure.target}', outside the repository: replace the link with a regular file (links must stay inside the repository)`;
    case 'not-a-file':
      return `'${name}' is not a regular file (a folder or a special file): replace it with a regular file`;
    case 'unreadable':
      return `'${name}' could not be read (${failure.detail}): make it a readable regular file`;
    case 'too-large':
      return undefined; // file-too-large
  }
}

/**
 * Files the catalog could not read at all: links out of the repository, folders where a file
 * belongs, permission errors. Covers the settings file and every revision file. Catalog scope,
 * like every file and JSON rule, so that repository.json is covered by the same rule.
 */
export const fileUnreadable: CatalogRule = {
  id: 'file-unreadable',
  description: 'Every file of the repository can be read and stays inside it.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const f of loadedFiles(catalog)) {
      const message = f.failure && describe(baseName(f.path), f.failure);
      if (!message) continue;
      out.push({ file: f.path, message, data: { reason: f.failure!.reason } });
    }
    return out;
  },
};
