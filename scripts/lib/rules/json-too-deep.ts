import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { baseName, jsonProblems } from './util.js';

/**
 * JSON nests no deeper than limits.maxJsonDepth. Deeper documents are refused before any
 * recursive code (JSON.parse, schema validation, rendering) sees them, so they cannot overflow
 * the stack.
 */
export const jsonTooDeep: CatalogRule = {
  id: 'json-too-deep',
  description: 'JSON files nest no deeper than the configured depth limit.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    return jsonProblems(catalog, 'too-deep').map(({ file: f, problem: p }): Finding => ({
      file: f.path,
      pointer: p.pointer,
      offset: p.offset,
      message: `'${baseName(f.path)}' nests arrays and objects deeper than ${catalog.limits.maxJsonDepth} levels: flatten it (or raise limits.maxJsonDepth in repository.json)`,
      data: { limit: catalog.limits.maxJsonDepth },
    }));
  },
};
