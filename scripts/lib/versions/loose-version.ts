/**
 * The one comparison of DC/OS versions: Python's distutils `LooseVersion`, which the DC/OS
 * Universe's own build (scripts/gen_universe.py) uses to filter revisions by
 * `minDcosReleaseVersion` and to pick each `repo-up-to-<V>` file's media type. Every DC/OS version
 * this project compares (minDcosReleaseVersion, the DC/OS versions it writes files for, the
 * version a client names in its User-Agent) goes through here, so the build, the validation
 * rules and the server agree with each other and with gen_universe.py.
 *
 * A version is split into runs of decimal digits, runs of lowercase ASCII letters and the text in
 * between (anything else, e.g. `-` or `RC`), dots dropped: `1.9-dev` is [1, 9, "-", "dev"]. Parts
 * compare one by one, numbers as numbers (exactly, at any size; `07` is 7), text by code point;
 * when one version is a prefix of the other the shorter is smaller. So `1.8` < `1.8.0` < `1.10`,
 * and `1.8` < `1.8-dev` (a suffix makes a version larger, not a pre-release).
 *
 * One decision where Python has no answer: Python 3 raises a TypeError when a number meets text
 * at the same place (`1.x` against `1.8`); here a number sorts before text, as Python 2 ordered
 * them, so the comparison is total. gen_universe.py would crash on such a version, and the DC/OS
 * schema rejects it anyway (see isDcosReleaseVersion in schema/dcos-media.ts).
 */

/**
 * One part of a loose version: a number (a run of digits: a `number` up to 15 digits, a `bigint`
 * beyond, so every value is exact) or a piece of text.
 */
export type LoosePart = number | bigint | string;

/** A parsed loose version: its parts in order (empty for an empty version). */
export type LooseVersion = readonly LoosePart[];

/** Python's `component_re`: digits (`\d` is any Unicode decimal digit), lowercase letters, a dot. */
const COMPONENT = /(\p{Nd}+|[a-z]+|\.)/u;
const ASCII_DIGITS = /^[0-9]+$/;
const DIGIT = /\p{Nd}/u;
/** The common case, dotted integers that are exact as a `number`: split without the regex. */
const DOTTED = /^[0-9]{1,15}(?:\.[0-9]{1,15})*$/;

/** Splits a version into its parts, as `LooseVersion.parse` does. */
export function parseLooseVersion(v: string): LooseVersion {
  if (DOTTED.test(v)) return v.split('.').map(Number);
  const parts: LoosePart[] = [];
  // With a capturing group, split keeps the separators: the runs and the text between them.
  for (const piece of v.split(COMPONENT)) {
    if (piece === '' || piece === '.') continue;
    parts.push(DIGIT.test(piece) ? digitsValue(piece) : piece);
  }
  return parts;
}

/**
 * Compares two versions as `LooseVersion` does: negative when `a` sorts first, 0 when they are
 * equal (`1.07` equals `1.7`, `1..8` equals `1.8`), positive when `a` sorts last.
 */
export function compareLooseVersions(a: string | LooseVersion, b: string | LooseVersion): -1 | 0 | 1 {
  const pa = typeof a === 'string' ? parseLooseVersion(a) : a;
  const pb = typeof b === 'string' ? parseLooseVersion(b) : b;
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const d = comparePart(pa[i]!, pb[i]!);
    if (d !== 0) return d;
  }
  return pa.length < pb.length ? -1 : pa.length > pb.length ? 1 : 0;
}

function comparePart(a: LoosePart, b: LoosePart): -1 | 0 | 1 {
  if (typeof a !== 'string') {
    if (typeof b === 'string') return -1;
    // A number and a bigint compare exactly.
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof b !== 'string') return 1;
  return compareCodePoints(a, b);
}

/**
 * Python orders text by code point; JavaScript's `<` by UTF-16 code unit, which differs only
 * where a surrogate (U+D800–DFFF, half of a code point above U+FFFF) meets U+E000–FFFF.
 */
function compareCodePoints(a: string, b: string): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;
}

/** The value of a run of decimal digits of any script, as Python's `int()` reads it. */
function digitsValue(run: string): number | bigint {
  if (ASCII_DIGITS.test(run)) return run.length <= 15 ? Number(run) : BigInt(run);
  let ascii = '';
  for (const ch of run) {
    // Unicode assigns decimal digits in contiguous runs of ten, 0 to 9: a digit's value is its
    // distance from the start of its run of digits, modulo ten (some runs are several sets).
    const cp = ch.codePointAt(0)!;
    let start = cp;
    while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
    ascii += String((cp - start) % 10);
  }
  return ascii.length <= 15 ? Number(ascii) : BigInt(ascii);
}
