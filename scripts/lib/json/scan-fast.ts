/**
 * The fast path of scanJson: decides, without building pointers or allocating per key, that a
 * JSON text has none of the problems scanJson reports. Almost every file of a universe is clean,
 * so scanJson only runs its full, pointer-tracking pass when this says "maybe".
 *
 * It mirrors the full scan's reading of the text exactly (strings, brackets, key positions, the
 * no-op pop of an unbalanced close) and answers "maybe" for anything it does not handle itself:
 * a `\u` anywhere, escaped keys, unterminated strings, too-deep nesting, unsafe keys and
 * duplicates. A "maybe" only costs the full scan; a wrong "clean" would hide a problem.
 */

/** Objects with more keys than this check duplicates with a Map instead of a linear search. */
const LINEAR_KEYS = 48;

// Scratch reused by every call: scanning is synchronous and never re-entered, and reusing it
// keeps the scan of 50,000 small files free of garbage.
let isObject = new Uint8Array(64);
let expectKey = new Uint8Array(64);
let keyBase = new Int32Array(64);
let keyMaps: Array<Map<string, true> | undefined> = [];
let keyFp = new Int32Array(1024);
let keyStart = new Int32Array(1024);

/** Whether keyMaps holds a Map (of the last text's keys) to let go of. */
let mapsUsed = false;

/** True when `scanJson(text, maxDepth, checkAscii)` would certainly report nothing. */
export function isCleanJson(text: string, maxDepth: number, checkAscii: boolean): boolean {
  const clean = scan(text, maxDepth, checkAscii);
  if (mapsUsed) {
    keyMaps.fill(undefined);
    mapsUsed = false;
  }
  return clean;
}

function scan(text: string, maxDepth: number, checkAscii: boolean): boolean {
  if (checkAscii && /[^\x00-\x7f]/.test(text)) return false;
  // Any `\u` (even after an escaped backslash) leaves the exact answer to the full scan.
  if (text.includes('\\u')) return false;
  let depth = 0;
  let top = 0; // keys of the open objects, innermost last, in keyFp/keyStart
  let nextBs = text.indexOf('\\');
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    while (c <= 0x20 && ++i < n) c = text.charCodeAt(i);
    if (i >= n) break;
    if (c === 0x22 /* " */) {
      const q = text.indexOf('"', i + 1);
      if (q < 0) return false;
      if (nextBs >= 0 && nextBs < i) nextBs = text.indexOf('\\', i);
      const d = depth - 1;
      const isKey = d >= 0 && isObject[d] === 1 && expectKey[d] === 1;
      let j = q;
      if (nextBs >= 0 && nextBs < q) {
        // Escapes: a key's text is no longer its value, so the full scan compares those.
        if (isKey) return false;
        // The string ends at the first quote after an even run of backslashes (they pair up).
        for (;;) {
          let run = 0;
          while (text.charCodeAt(j - 1 - run) === 0x5c) run++;
          if ((run & 1) === 0) break;
          j = text.indexOf('"', j + 1);
          if (j < 0) return false;
        }
      }
      if (isKey) {
        expectKey[d] = 0;
        const start = i + 1;
        const len = j - start;
        if (len === 9 && (text.startsWith('__proto__', start) || text.startsWith('prototype', start))) return false;
        if (len === 11 && text.startsWith('constructor', start)) return false;
        const map = keyMaps[d];
        if (map !== undefined) {
          const key = text.slice(start, j);
          if (map.has(key)) return false;
          map.set(key, true);
        } else {
          const base = keyBase[d]!;
          // A cheap fingerprint (length, first and last character) rules most pairs out.
          const fp = (len << 16) ^ (text.charCodeAt(start) << 8) ^ text.charCodeAt(j - 1);
          for (let k = base; k < top; k++) {
            if (keyFp[k] === fp && sameKey(text, keyStart[k]!, start, len)) return false;
          }
          if (top - base >= LINEAR_KEYS) {
            const m = new Map<string, true>();
            for (let k = base; k < top; k++) m.set(keyText(text, keyStart[k]!), true);
            m.set(text.slice(start, j), true);
            keyMaps[d] = m;
            mapsUsed = true;
            top = base;
          } else {
            if (top === keyFp.length) grow();
            keyFp[top] = fp;
            keyStart[top] = start;
            top++;
          }
        }
      }
      i = j + 1;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (depth >= maxDepth) return false;
      if (depth === isObject.length) growDepth();
      const obj = c === 0x7b ? 1 : 0;
      isObject[depth] = obj;
      expectKey[depth] = obj;
      keyBase[depth] = top;
      keyMaps[depth] = undefined;
      depth++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      // Like the full scan, a close without an open is ignored.
      if (depth > 0) {
        depth--;
        top = keyBase[depth]!;
        keyMaps[depth] = undefined;
      }
    } else if (c === 0x2c /* , */) {
      if (depth > 0 && isObject[depth - 1] === 1) expectKey[depth - 1] = 1;
    }
    i++;
  }
  return true;
}

/** Whether the key at `a` (its length is `len`, a closing quote follows) equals the one at `b`. */
function sameKey(text: string, a: number, b: number, len: number): boolean {
  if (text.charCodeAt(a + len) !== 0x22) return false;
  for (let k = 0; k < len; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/** The text of an unescaped key starting at `start` (it runs to the next quote). */
function keyText(text: string, start: number): string {
  return text.slice(start, text.indexOf('"', start));
}

function growDepth(): void {
  const n = isObject.length * 2;
  const o = new Uint8Array(n);
  o.set(isObject);
  isObject = o;
  const e = new Uint8Array(n);
  e.set(expectKey);
  expectKey = e;
  const b = new Int32Array(n);
  b.set(keyBase);
  keyBase = b;
}

function grow(): void {
  const fp = new Int32Array(keyFp.length * 2);
  fp.set(keyFp);
  keyFp = fp;
  const st = new Int32Array(keyStart.length * 2);
  st.set(keyStart);
  keyStart = st;
}
