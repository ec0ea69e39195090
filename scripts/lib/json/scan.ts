import { MAX_ASCII_FINDINGS, NonAsciiCursor } from './ascii.js';
import { toPointer } from './pointer.js';

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
  /**
   * For `unicode-escape` and `non-ascii`: set on one final problem of its kind when the file has
   * more than {@link MAX_ASCII_FINDINGS} of them, counting those not recorded (the problem is at
   * the first of them).
   */
  more?: number;
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
 * before JSON.parse and stop deep nesting from ever reaching a recursive consumer. Linear in the
 * text, iterative (no recursion however deep the nesting).
 */
export function scanJson(text: string, maxDepth: number, checkAscii: boolean): { problems: ScanProblem[]; tooDeep: boolean } {
  const problems: ScanProblem[] = [];
  const stack: Frame[] = [];
  const path = (): Array<string | number> => stack.map((f) => (f.isObject ? (f.key ?? '') : f.index));
  // Every \u escape and every non-ASCII character is recorded, up to a bound per kind; past it
  // they are counted into one final problem of the kind.
  let escapes = 0;
  let moreEscapes: ScanProblem | undefined;
  let nonAscii = 0;
  let moreNonAscii: ScanProblem | undefined;
  const escapeOffsets: number[] = [];
  const addNonAscii = (offset: number, excerpt: string, pointer: string): void => {
    if (nonAscii++ < MAX_ASCII_FINDINGS) problems.push({ kind: 'non-ascii', offset, pointer, excerpt });
    else if (moreNonAscii) moreNonAscii.more!++;
    else moreNonAscii = { kind: 'non-ascii', offset, pointer, more: 1 };
  };
  // Non-ASCII characters are found by a cursor that moves with the scan, so the string holding
  // each can name its member; outside strings (a syntax error JSON.parse reports) the pointer is ''.
  const cursor = checkAscii ? new NonAsciiCursor(text) : undefined;
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
      if (q < 0) j = n;
      else if (nextBs < 0 || nextBs > q) j = q;
      else {
        hasEscape = true;
        j = n;
        for (let k = start + 1; k < n; k++) {
          const ck = text.charCodeAt(k);
          if (ck === 0x5c) {
            if (text.charCodeAt(k + 1) === 0x75 /* u */) escapeOffsets.push(k);
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
      if (escapeOffsets.length > 0 || (cursor && cursor.next >= 0 && cursor.next < j)) {
        const pointer = toPointer(path());
        for (const at of escapeOffsets) {
          if (escapes++ < MAX_ASCII_FINDINGS) problems.push({ kind: 'unicode-escape', offset: at, pointer, excerpt: text.slice(at, at + 6) });
          else if (moreEscapes) moreEscapes.more!++;
          else moreEscapes = { kind: 'unicode-escape', offset: at, pointer, more: 1 };
        }
        escapeOffsets.length = 0;
        while (cursor && cursor.next >= 0 && cursor.next < j) {
          const c = cursor.take();
          addNonAscii(c.offset, c.excerpt, c.offset > start ? pointer : '');
        }
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
  while (cursor && cursor.next >= 0) {
    const c = cursor.take();
    addNonAscii(c.offset, c.excerpt, '');
  }
  if (moreEscapes) problems.push(moreEscapes);
  if (moreNonAscii) problems.push(moreNonAscii);
  return { problems, tooDeep: false };
}
