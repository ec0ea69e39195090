import { parsePointer } from '../json/pointer.js';

/** One way a document does not match its schema. */
export interface SchemaIssue {
  /** RFC 6901 pointer to the offending value (for a missing property: its parent object). */
  pointer: string;
  /** One sentence saying what is wrong and what to do. */
  message: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `additionalProperties`…). */
  keyword: string;
}

/**
 * Sorts issues by pointer, comparing array indices as numbers, then by message; parses each
 * pointer once (there may be many).
 */
export function sortIssues(issues: SchemaIssue[]): SchemaIssue[] {
  return issues
    .map((issue) => ({ issue, segments: parsePointer(issue.pointer) }))
    .sort((a, b) => compareParsed(a.segments, a.issue.message, b.segments, b.issue.message))
    .map((x) => x.issue);
}

function compareParsed(pa: string[], ma: string, pb: string[], mb: string): number {
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^(0|[1-9][0-9]*)$/.test(x);
    const ny = /^(0|[1-9][0-9]*)$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

/** How a message names the value at a pointer: `'licenses/0/url'`, or the document itself. */
export function nameOf(pointer: string, doc: string): string {
  return pointer === '' ? doc : `'${parsePointer(pointer).join('/')}'`;
}

/** The JSON type of a value, with an article: `a string`, `an array`, `null`. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** `a string`, `a boolean or an object`… for JSON Schema type names. */
export function typeList(types: readonly string[]): string {
  const words = types.map((t) => (t === 'null' ? 'null' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`));
  if (words.length <= 1) return words[0] ?? 'a valid value';
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)!}`;
}

/** A short rendering of a value for a message: JSON, cut to 60 characters. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The allowed name closest to a misspelt one (at most 2 edits, or differing only in case). */
export function didYouMean(name: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of [...allowed].sort()) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it reaches `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return Math.min(prev[b.length]!, limit);
}
