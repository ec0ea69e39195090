import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { loadedFiles } from './util.js';

/**
 * No `__proto__`, `constructor` or `prototype` keys: copied naively into a JavaScript object
 * they reach its prototype (prototype pollution) in the clients and servers that read the index.
 */
export const jsonUnsafeKey: CatalogRule = {
  id: 'json-unsafe-key',
  description: 'JSON files use no __proto__, constructor or prototype keys.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const f of loadedFiles(catalog)) {
      for (const p of f.json?.problems ?? []) {
        if (p.kind !== 'unsafe-key') continue;
        out.push({
          file: f.path,
          pointer: p.pointer,
          offset: p.offset,
          message: `key '${p.key}' can alter object prototypes in JavaScript readers: rename or remove it`,
        });
      }
    }
    return out;
  },
};
