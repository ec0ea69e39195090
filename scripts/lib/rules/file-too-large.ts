import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { baseName, loadedFiles } from './util.js';

/** Files over the size limit are never read: untrusted input must not exhaust memory. */
export const fileTooLarge: CatalogRule = {
  id: 'file-too-large',
  description: 'No file is larger than the configured size limit.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const f of loadedFiles(catalog)) {
      if (f.failure?.reason !== 'too-large') continue;
      const { size, limit } = f.failure;
      out.push({
        file: f.path,
        message: `'${baseName(f.path)}' is ${size} bytes, over the limit of ${limit} bytes: make it smaller (host large assets and reference them from resource.json) or raise limits.maxFileBytes in repository.json`,
        data: { size, limit },
      });
    }
    return out;
  },
};
