import { toPointer } from './pointer.js';
import { isCleanJson } from './scan-fast.js';

/** Keys that would reach an object's prototype if copied naively into a plain object. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A structural fact about a JSON text found by {@link scanJson}. */
export interface ScanProblem {
  kind: 'duplicate-key' | 'unsafe-key' | 'too-deep' | 'unicode-escape' | 'non-ascii';
  /** UTF-16 offset of the key or character concerned. */
  offset: number;
  /** Pointer to the member concerned (for keys: the member the key names). */
  pointer: string;
  key?: string;
  /** Offset of the first occurrence, for duplicate keys. */
  firstOffset?: number;
  /** 1-based line of the first occurrence, for duplicate keys (set by parseJsonText). */
  firstLine?: number;
  /** 1-based column of the first occurrence, for duplicate keys (set by parseJsonText). */
  firstColumn?: number;
  /** The offending text: the `\uXXXX` escape, or the non-ASCII character. */
  excerpt?: string;
}

interface Frame {
  isObject: boolean;
  index: number;
  key: string | undefined;
  keys: Map<string, number> | undefined;
  expectKey: boolean;
}

/**
 * One pass over a JSON text that finds what JSON.parse silently accepts: duplicate keys,
 * prototype-polluting keys, nesting deeper than `maxDepth`, `\uXXXX` escapes and non-ASCII
 * characters. It tolerates malformed input (it only tracks strings and brackets), so it can run
 * before JSON.parse and stop deep nesting from ever reaching a recursive consumer.
 */
export function scanJson(text: string, maxDepth: number, checkAscii: boolean): { problems: ScanProblem[]; tooDeep: boolean } {
  // Nearly every file is clean: a pass that allocates nothing proves it, and only the others pay
  // for the pass below, which tracks pointers to say where each problem is.
  if (isCleanJson(text, maxDepth, checkAscii)) return { problems: [], tooDeep: false };
  return fullScanJson(text, maxDepth, checkAscii);
}

/**
 * The scan proper, without the fast check for clean texts: every problem, with the pointer of
 * the member concerned. The fast check must never call clean a text this finds a problem in.
 */
export function fullScanJson(text: string, maxDepth: number, checkAscii: boolean): { problems: ScanProblem[]; tooDeep: boolean } {
  const problems: ScanProblem[] = [];
  const stack: Frame[] = [];
  const path = (): Array<string | number> => stack.map((f) => (f.isObject ? (f.key ?? '') : f.index));
  // Only the first \u escape is reported: one finding per file says what to fix.
  let escapeReported = false;
  // The first non-ASCII character is found up front (one regex pass) so that the string holding
  // it can name its member; non-ASCII outside strings is a syntax error JSON.parse reports.
  const firstNonAscii = checkAscii ? /[^\x00-\x7f]/.exec(text)?.index ?? -1 : -1;
  // Cursor on the next backslash at or after the current position (-1: none left), so finding
  // out whether a string has escapes costs O(1) amortised instead of a scan per string.
  let nextBs = text.indexOf('\\');
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      const q = text.indexOf('"', i + 1);
      if (nextBs >= 0 && nextBs < i) nextBs = text.indexOf('\\', i);
      let j: number;
      let hasEscape = false;
      let escapeAt = -1;
      if (q < 0) j = n;
      else if (nextBs < 0 || nextBs > q) j = q;
      else {
        hasEscape = true;
        j = n;
        for (let k = start + 1; k < n; k++) {
          const ck = text.charCodeAt(k);
          if (ck === 0x5c) {
            if (text.charCodeAt(k + 1) === 0x75 /* u */ && escapeAt < 0 && !escapeReported) escapeAt = k;
            k++;
          } else if (ck === 0x22) { j = k; break; }
        }
      }
      const top = stack[stack.length - 1];
      const isKey = top !== undefined && top.isObject && top.expectKey;
      if (isKey) {
        let key = text.slice(start + 1, j);
        if (hasEscape) {
          try { key = JSON.parse(text.slice(start, j + 1)) as string; } catch { /* syntax error reported elsewhere */ }
        }
        top.expectKey = false;
        top.key = key;
        const seen = top.keys ?? (top.keys = new Map());
        const first = seen.get(key);
        if (first !== undefined) {
          problems.push({ kind: 'duplicate-key', offset: start, pointer: toPointer(path()), key, firstOffset: first });
        } else {
          seen.set(key, start);
        }
        if (UNSAFE_KEYS.has(key)) problems.push({ kind: 'unsafe-key', offset: start, pointer: toPointer(path()), key });
      }
      // Pointers are taken after a key has been recorded, so a key's problems name its own member.
      if (escapeAt >= 0) {
        escapeReported = true;
        problems.push({ kind: 'unicode-escape', offset: escapeAt, pointer: toPointer(path()), excerpt: text.slice(escapeAt, escapeAt + 6) });
      }
      if (firstNonAscii > start && firstNonAscii < j) {
        const ch = String.fromCodePoint(text.codePointAt(firstNonAscii)!);
        problems.push({ kind: 'non-ascii', offset: firstNonAscii, pointer: toPointer(path()), excerpt: ch });
      }
      i = j + 1;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push({ isObject: c === 0x7b, index: 0, key: undefined, keys: undefined, expectKey: c === 0x7b });
      if (stack.length > maxDepth) {
        problems.push({ kind: 'too-deep', offset: i, pointer: toPointer(path().slice(0, maxDepth)) });
        return { problems, tooDeep: true };
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.isObject) top.expectKey = true;
        else top.index++;
      }
    }
    i++;
  }
  if (firstNonAscii >= 0 && !problems.some((p) => p.kind === 'non-ascii')) {
    // Outside any string (a syntax error too): still say where it is.
    problems.push({ kind: 'non-ascii', offset: firstNonAscii, pointer: '', excerpt: String.fromCodePoint(text.codePointAt(firstNonAscii)!) });
  }
  return { problems, tooDeep: false };
}
