import type { Finding } from '../diagnostics/types.js';
import type { CatalogRule } from './types.js';
import { baseName, loadedFiles } from './util.js';

/** JSON files parse as exactly one strict JSON value (no comments, trailing commas, NaN…). */
export const jsonSyntax: CatalogRule = {
  id: 'json-syntax',
  description: 'JSON files are syntactically valid strict JSON.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const f of loadedFiles(catalog)) {
      const err = f.json?.syntaxError;
      if (!err) continue;
      // Parser messages that already say what to do ("…; it must hold a JSON value") stand alone.
      const fix = err.message.includes(';') ? '' : '; correct it at this position (strict JSON allows no comments, trailing commas or single quotes)';
      out.push({ file: f.path, offset: err.offset, message: `invalid JSON in '${baseName(f.path)}': ${err.message}${fix}` });
    }
    return out;
  },
};
