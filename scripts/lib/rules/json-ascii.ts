import { SETTINGS_FILE } from '../catalog/types.js';
import type { Finding } from '../diagnostics/types.js';
import { hasNonAscii, MAX_ASCII_FINDINGS, nonAsciiCharacters, type AsciiFinding } from '../json/ascii.js';
import type { ScanProblem } from '../json/scan.js';
import { TEMPLATE_FILES } from './shared/template-analysis.js';
import type { CatalogRule } from './types.js';
import { loadedFiles } from './util.js';

/** Short JSON escapes for the control characters that have one. */
const SHORT_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };

const TEMPLATE_NAMES: ReadonlySet<string> = new Set(TEMPLATE_FILES);

function escapeMessage(p: ScanProblem): string {
  if (p.more !== undefined) {
    return `${p.more} more '\\u' escape${p.more === 1 ? '' : 's'} from here on, past the first ${MAX_ASCII_FINDINGS} reported above: old DC/OS clients cannot read them, so reword the text with ASCII characters only`;
  }
  const escape = p.excerpt ?? '\\u';
  const code = /^\\u[0-9a-fA-F]{4}$/.test(escape) ? parseInt(escape.slice(2), 16) : -1;
  const head = `the escape '${escape}' cannot be read by old DC/OS clients`;
  if (code >= 0x20 && code < 0x7f) return `${head}: write the character '${String.fromCharCode(code)}' itself instead`;
  if (SHORT_ESCAPES[code]) return `${head}: use the escape '${SHORT_ESCAPES[code]}' instead`;
  return `${head}, and non-ASCII text is not allowed: reword the text with ASCII characters only`;
}

function nonAsciiMessage(p: AsciiFinding, what: string): string {
  if (p.more !== undefined) {
    return `${p.more} more non-ASCII character${p.more === 1 ? '' : 's'} from here on, past the first ${MAX_ASCII_FINDINGS} reported above: old DC/OS clients read ${what} as ASCII, so reword the text with ASCII characters only`;
  }
  const ch = p.excerpt ?? '';
  const code = ch ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : 'a non-ASCII character';
  return `'${ch}' (${code}) is not ASCII, and old DC/OS clients read ${what} as ASCII: reword the text with ASCII characters only`;
}

/**
 * Package files are plain ASCII, as the DC/OS Universe required (Cosmos 0.6 and older read them
 * as ASCII): the JSON files, without `\uXXXX` escapes either (the DC/OS Universe banned them too;
 * escaping is no way out, so the message asks for ASCII wording), and the Marathon and Aurora templates.
 * Every character and escape is reported, up to a bound per file past which one finding counts
 * the rest. repository.json is exempt: no DC/OS client reads it, and category titles may need
 * any script. (The id names JSON for the policies that already name it.)
 */
export const jsonAscii: CatalogRule = {
  id: 'json-ascii',
  description: 'Package files (JSON and templates) are plain ASCII; JSON files have no \\u escapes.',
  severity: 'error',
  legacySeverity: 'warning',
  scope: 'catalog',
  check({ catalog }) {
    const out: Finding[] = [];
    for (const f of loadedFiles(catalog)) {
      if (f.path === SETTINGS_FILE) continue;
      for (const p of f.json?.problems ?? []) {
        if (p.kind !== 'non-ascii' && p.kind !== 'unicode-escape') continue;
        const message = p.kind === 'non-ascii' ? nonAsciiMessage(p, 'package files') : escapeMessage(p);
        out.push({ file: f.path, pointer: p.pointer, offset: p.offset, message, data: { kind: p.kind } });
      }
      if (f.text === undefined || !TEMPLATE_NAMES.has(f.path.slice(f.path.lastIndexOf('/') + 1)) || !hasNonAscii(f.text)) continue;
      for (const p of nonAsciiCharacters(f.text)) {
        out.push({ file: f.path, offset: p.offset, message: nonAsciiMessage(p, 'templates'), data: { kind: 'non-ascii' } });
      }
    }
    return out;
  },
};
