const limitFor = (s: string): number => Math.min(3, Math.max(1, Math.floor(s.length / 3)));

/**
 * Distinct candidate paths for {@link suggest}, in no particular order (ties are broken by
 * comparing paths, which costs less than sorting them all). Paths already in `base` are left
 * out, so a group of extra paths can be searched together with the base group it extends.
 */
export class Candidates {
  readonly paths: string[];
  readonly set: Set<string>;
  private leafList: string[] | undefined;
  private byPath: KeyIndex | undefined;
  private byLeaf: KeyIndex | undefined;

  constructor(paths: Iterable<string>, base?: Candidates) {
    this.set = new Set(paths);
    if (base) for (const p of base.set) this.set.delete(p);
    this.paths = [...this.set];
  }

  /** The last segment of each path, in the order of {@link paths}. */
  get leaves(): string[] {
    return (this.leafList ??= this.paths.map(leaf));
  }

  /** The keys (whole paths, or their last segments) indexed by length, built on first use. */
  index(byLeaf: boolean): KeyIndex {
    if (byLeaf) return (this.byLeaf ??= indexKeys(this.leaves));
    return (this.byPath ??= indexKeys(this.paths));
  }
}

/**
 * Candidate keys ordered by length: the keys of length n are at `order[start[n]]` to
 * `order[start[n + 1] - 1]`, so a search only visits the lengths within its limit (most
 * candidates are far longer or shorter than a name); `masks` holds each key's {@link charMask}
 * once a search has needed it (0 until then: most lengths are never searched).
 */
interface KeyIndex {
  order: Int32Array;
  start: Int32Array;
  masks: Int32Array;
}

function indexKeys(keys: readonly string[]): KeyIndex {
  let longest = 0;
  for (const k of keys) if (k.length > longest) longest = k.length;
  // A counting sort by length: start[n + 1] counts the keys of length n, then accumulates.
  const start = new Int32Array(longest + 2);
  for (const k of keys) start[k.length + 1]!++;
  for (let n = 1; n < start.length; n++) start[n]! += start[n - 1]!;
  const fill = start.slice(0, longest + 1);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const at = fill[keys[i]!.length]!++;
    order[at] = i;
  }
  return { order, start, masks: new Int32Array(keys.length) };
}

/**
 * The set of characters of a string, folded into 32 buckets. A character whose bucket the
 * other string lacks is absent from it, so every such bucket costs at least one edit (a
 * deletion or substitution on this side; a swap keeps the characters): the larger of the two
 * one-sided bucket differences is a lower bound of the distance, computed without the table.
 */
function charMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) m |= 1 << (s.charCodeAt(i) & 31);
  return m;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A "did you mean" hint for a name over the distinct paths of some candidate groups: the path
 * closest by edit distance (insertions, deletions, substitutions and swaps of neighbours each
 * cost 1) when it is within a third of the name's length (at most 3); failing that, a path
 * whose last segment is that close to the name's last segment (the option exists under another
 * parent: `service.kerberos.krb5conf` for `security.kerberos.krb5conf`). Ties go to the
 * alphabetically first path; no hint when nothing is close.
 */
export function suggest(name: string, groups: readonly Candidates[]): string | undefined {
  const whole = best(name, groups, false, name);
  if (whole.found !== undefined) return whole.found;
  // By last segment only when it is specific (`enabled` or `disk` could be anything) and one
  // path stands out: `cpus` under five parents suggests nothing.
  const last = leaf(name);
  if (last.length < 8) return undefined;
  const byLeaf = best(last, groups, true, name);
  return byLeaf.ties === 1 ? byLeaf.found : undefined;
}

function leaf(s: string): string {
  return s.slice(s.lastIndexOf('.') + 1);
}

/** The path whose key (the path, or its last segment) is closest to `target`, and how many paths tie at that distance. */
function best(target: string, groups: readonly Candidates[], byLeaf: boolean, exclude: string): { found?: string; ties: number } {
  const limit = limitFor(target);
  let found: string | undefined;
  let ties = 0;
  let bestDistance = limit + 1;
  const mask = charMask(target);
  for (const group of groups) {
    const paths = group.paths;
    const keys = byLeaf ? group.leaves : paths;
    const { order, start, masks } = group.index(byLeaf);
    // Keys whose length differs by more than the limit are never within it.
    const from = start[Math.max(0, Math.min(start.length - 1, target.length - limit))]!;
    const to = start[Math.max(0, Math.min(start.length - 1, target.length + limit + 1))]!;
    for (let at = from; at < to; at++) {
      // Most candidates differ by more characters than the best distance so far: skip the table.
      const i = order[at]!;
      const k = keys[i]!;
      const km = masks[at] || (masks[at] = charMask(k));
      if (popcount(mask & ~km) > bestDistance || popcount(km & ~mask) > bestDistance) continue;
      const p = paths[i]!;
      if (p === exclude) continue;
      const d = distance(target, k, bestDistance);
      if (d < bestDistance) {
        found = p;
        bestDistance = d;
        ties = 1;
      } else if (d === bestDistance) {
        ties++;
        // The alphabetically first path at the best distance wins.
        if (found !== undefined && p < found) found = p;
      }
    }
  }
  return found === undefined ? { ties: 0 } : { found, ties };
}

// Rows reused across calls: the distance runs for every candidate of every unknown name.
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal-string-alignment distance when it is at most `cap`; otherwise some number above
 * `cap`. Only the band of cells within `cap` of the diagonal can hold such a distance (every
 * step off the diagonal costs 1, and a swap of neighbours stays on it), so only the band is
 * computed, and the computation stops once a whole row exceeds `cap`.
 */
function distance(a: string, b: string, cap: number): number {
  // Declared paths share long prefixes: skipping what both ends have in common keeps the table small.
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return Math.max(n, m);
  if (Math.abs(n - m) > cap) return cap + 1;
  if (rows[0].length <= m + 1) rows = [new Int32Array(m + 2), new Int32Array(m + 2), new Int32Array(m + 2)];
  const far = cap + 1;
  let [prev2, prev, row] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j <= cap ? j : far;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - cap);
    const to = Math.min(m, i + cap);
    if (from > to) return far;
    const ai = a.charCodeAt(start + i - 1);
    const aPrev = i > 1 ? a.charCodeAt(start + i - 2) : -1;
    row[from - 1] = from === 1 ? i : far;
    let rowMin = far;
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(start + j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(start + j - 2) && aPrev === bj) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Outside the band (read by the next row): as good as infinite.
    if (to < m) row[to + 1] = far;
    if (rowMin > cap) return far;
    const t = prev2;
    prev2 = prev;
    prev = row;
    row = t;
  }
  return m >= n - cap && m <= n + cap ? prev[m]! : far;
}
