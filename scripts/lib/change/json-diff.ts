import { isJsonObject } from '../json/object.js';
import { escapePointerToken as pointerEscape } from '../json/pointer.js';

/** One place where two JSON values differ. */
export interface JsonDifference {
  /** JSON pointer of the deepest member that differs ('' for the whole value). */
  pointer: string;
  before?: unknown;
  after?: unknown;
  /** Which side has the member: both, only the base, or only the head. */
  kind: 'changed' | 'removed' | 'added';
}

/**
 * Where two parsed JSON values differ, member by member (object key order is not a difference;
 * array order is). Stops after `limit` differences and below `maxDepth`; sorted by pointer.
 */
export function jsonDifferences(before: unknown, after: unknown, limit = 50, maxDepth = 64): JsonDifference[] {
  const out: JsonDifference[] = [];
  const walk = (a: unknown, b: unknown, pointer: string, depth: number): void => {
    if (out.length >= limit || jsonEqual(a, b)) return;
    const aObj = isJsonObject(a);
    const bObj = isJsonObject(b);
    if (depth < maxDepth && aObj && bObj) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of keys) {
        const has = [Object.hasOwn(a, k), Object.hasOwn(b, k)];
        const p = `${pointer}/${pointerEscape(k)}`;
        if (has[0] && has[1]) walk(a[k], b[k], p, depth + 1);
        else if (has[0]) out.length < limit && out.push({ pointer: p, before: a[k], kind: 'removed' });
        else out.length < limit && out.push({ pointer: p, after: b[k], kind: 'added' });
      }
      return;
    }
    if (depth < maxDepth && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      for (let i = 0; i < a.length; i++) walk(a[i], b[i], `${pointer}/${i}`, depth + 1);
      return;
    }
    out.push({ pointer, before: a, after: b, kind: 'changed' });
  };
  walk(before, after, '', 0);
  return out.sort((x, y) => (x.pointer < y.pointer ? -1 : x.pointer > y.pointer ? 1 : 0));
}

/** Deep equality of parsed JSON values, ignoring object key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b as object, k) || !jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** A short JSON rendering of a value for messages (cut at `max` characters). */
export function preview(v: unknown, max = 80): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
