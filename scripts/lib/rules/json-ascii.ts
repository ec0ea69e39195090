import { SETTINGS_FILE } from '../catalog/types.js';
import type { Finding } from '../diagnostics/types.js';
import type { ScanProblem } from '../json/scan.js';
import type { CatalogRule } from './types.js';
import { loadedFiles } from './util.js';

/** Short JSON escapes for the control characters that have one. */
const SHORT_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };

function escapeMessage(p: ScanProblem): string {
  const escape = p.excerpt ?? '\\u';
  const code = /^\\u[0-9a-fA-F]{4}$/.test(escape) ? parseInt(escape.slice(2), 16) : -1;
  const head = `the escape '${escape}' cannot be read by old DC/OS clients`;
  if (code >= 0x20 && code < 0x7f) return `${head}: write the character '${String.fromCharCode(code)}' itself instead`;
  if (SHORT_ESCAPES[code]) return `${head}: use the escape '${SHORT_ESCAPES[code]}' instead`;
  return `${head}, and non-ASCII text is not allowed: reword the text with ASCII characters only (first such escape in the file)`;
}

function nonAsciiMessage(p: ScanProblem): string {
  const ch = p.excerpt ?? '';
  const code = ch ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : 'a non-ASCII character';
  return `'${ch}' (${code}) is not ASCII, and old DC/OS clients read package files as ASCII: reword the text with ASCII characters only (first such character in the file)`;
}

/**
 * JSON files are plain ASCII without `\uXXXX` escapes, as the DC/OS Universe required (Cosmos
 * 0.6 and older read them as ASCII; DCOS-42473 banned escapes). Escaping is no way out, so the
 * message asks for ASCII wording. One finding per file and kind: the scanner records the first.
 * repository.json is exempt: no DC/OS client reads it, and category titles may need any script.
 */
export const jsonAscii: CatalogRule = {
  id: 'json-ascii',
  description: 'JSON files are plain ASCII, without \\u escapes.',
  severity: 'error',
  legacySeverity: 'warning',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const f of loadedFiles(catalog)) {
      if (f.path === SETTINGS_FILE) continue;
      for (const p of f.json?.problems ?? []) {
        if (p.kind !== 'non-ascii' && p.kind !== 'unicode-escape') continue;
        const message = p.kind === 'non-ascii' ? nonAsciiMessage(p) : escapeMessage(p);
        out.push({ file: f.path, pointer: p.pointer, offset: p.offset, message, data: { kind: p.kind } });
      }
    }
    return out;
  },
};
