import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { jsonProblems } from './util.js';

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
    return jsonProblems(catalog, 'unsafe-key').map(({ file: f, problem: p }): Finding => ({
      file: f.path,
      pointer: p.pointer,
      offset: p.offset,
      message: `key '${p.key}' can alter object prototypes in JavaScript readers: rename or remove it`,
    }));
  },
};
