import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { jsonProblems } from './util.js';

/**
 * No object has the same key twice. JSON.parse silently keeps the last one, so what a
 * contributor reads and what gets published differ; the DC/OS Universe rejected duplicates too.
 */
export const jsonDuplicateKey: CatalogRule = {
  id: 'json-duplicate-key',
  description: 'No JSON object has the same key twice.',
  severity: 'error',
  legacySeverity: 'warning',
  scope: 'catalog',
  check({ catalog }) {
    return jsonProblems(catalog, 'duplicate-key').map(({ file: f, problem: p }): Finding => ({
      file: f.path,
      pointer: p.pointer,
      offset: p.offset,
      message: `key '${p.key}' appears twice in the same object and readers silently keep only the last one: remove one of them`,
      related: [
        {
          file: f.path,
          pointer: p.pointer,
          message: `first occurrence of '${p.key}'`,
          ...(p.firstLine !== undefined ? { line: p.firstLine, column: p.firstColumn } : {}),
        },
      ],
    }));
  },
};
