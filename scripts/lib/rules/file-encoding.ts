import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { baseName, loadedFiles } from './util.js';

/**
 * Files are UTF-8 without a byte order mark. Invalid bytes are reported, never replaced (a
 * silent U+FFFD would change what gets published); a BOM breaks readers that expect JSON
 * to start with a value.
 */
export const fileEncoding: CatalogRule = {
  id: 'file-encoding',
  description: 'Files are valid UTF-8 without a byte order mark.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const f of loadedFiles(catalog)) {
      const name = baseName(f.path);
      if (f.bom) {
        out.push({ file: f.path, offset: 0, message: `'${name}' starts with a UTF-8 byte order mark: save it as UTF-8 without a BOM` });
      }
      if (f.invalidUtf8At !== undefined) {
        out.push({
          file: f.path,
          offset: 0,
          message: `'${name}' is not valid UTF-8 (first invalid byte at byte offset ${f.invalidUtf8At}): save it as UTF-8 (JSON files as plain ASCII)`,
          data: { byteOffset: f.invalidUtf8At },
        });
      }
    }
    return out;
  },
};
