const limitFor = (s: string): number => Math.min(3, Math.max(1, Math.floor(s.length / 3)));

/**
 * Prepares "did you mean" hints over declared paths; the function it returns gives, for a
 * name, the path closest by edit distance (insertions, deletions, substitutions and swaps of
 * neighbours each cost 1) when it is within a third of the name's length (at most 3); failing
 * that, a path whose last segment is that close to the name's last segment (the option exists
 * under another parent: `service.kerberos.krb5conf` for `security.kerberos.krb5conf`). Ties go
 * to the alphabetically first path; no hint when nothing is close.
 */
export function suggester(candidates: readonly string[]): (name: string) => string | undefined {
  const paths = [...new Set(candidates)].sort();
  const leaves = paths.map(leaf);
  return (name) => {
    const whole = best(name, paths, paths, name);
    if (whole.found !== undefined) return whole.found;
    // By last segment only when it is specific (`enabled` or `disk` could be anything) and one
    // path stands out: `cpus` under five parents suggests nothing.
    const last = leaf(name);
    if (last.length < 8) return undefined;
    const byLeaf = best(last, paths, leaves, name);
    return byLeaf.ties === 1 ? byLeaf.found : undefined;
  };
}

function leaf(s: string): string {
  return s.slice(s.lastIndexOf('.') + 1);
}

function best(target: string, paths: readonly string[], keys: readonly string[], exclude: string): { found?: string; ties: number } {
  const limit = limitFor(target);
  let found: string | undefined;
  let ties = 0;
  let bestDistance = limit + 1;
  for (let i = 0; i < paths.length; i++) {
    const k = keys[i]!;
    if (paths[i] === exclude || Math.abs(k.length - target.length) > limit) continue;
    const d = distance(target, k, bestDistance);
    // Paths are sorted, so the first at a distance wins ties.
    if (d < bestDistance) {
      found = paths[i];
      bestDistance = d;
      ties = 1;
    } else if (d === bestDistance) ties++;
  }
  return found === undefined ? { ties: 0 } : { found, ties };
}

// Rows reused across calls: the distance runs for every candidate of every unknown name.
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal-string-alignment distance, giving up (returning `cap + 1`) once a whole row exceeds `cap`. */
function distance(a0: string, b0: string, cap: number): number {
  // Declared paths share long prefixes: trimming what both ends have in common keeps the table small.
  let start = 0;
  while (start < a0.length && start < b0.length && a0.charCodeAt(start) === b0.charCodeAt(start)) start++;
  let endA = a0.length;
  let endB = b0.length;
  while (endA > start && endB > start && a0.charCodeAt(endA - 1) === b0.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const a = a0.slice(start, endA);
  const b = b0.slice(start, endB);
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  if (rows[0].length <= b.length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let [prev2, prev, row] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length]!;
}
