import { ignoredKeyword, initialBaseURI, schemaArrayKeyword, schemaMapKeyword } from '@cfworker/json-schema';
import { hasLoneSurrogate } from './objects.js';
import { LENIENT_FORMATS, usablePattern, VALUE_KEYWORDS } from './schema-walk.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

const MAX_DEPTH = 256;
const BASE = initialBaseURI.href;

/**
 * Whether @cfworker/json-schema's `dereference` surely runs without throwing on the schema
 * {@link prepareSchema} makes of this config.json, and leaves nothing for the validator to look
 * up: no `$ref`, `$recursiveRef` or `$anchor`, every `id`/`$id` an absolute URI with a fragment
 * outside the base URI (such ids register under their own URI and cannot collide with the
 * pointer URIs of the base), and every key encodable in a pointer. The walk follows the
 * library's (same keyword tables, same descent) over the copy prepareSchema would make,
 * without making it. False means "not sure": the caller then runs the library itself.
 */
export function dereferenceIsSafe(config: unknown): boolean {
  return safe(config, false, false, 0);
}

/** Whether `key` of `node` survives prepareSchema (`plain`: inside a value keyword, copied as is; `filtered`: a patternProperties object). */
function kept(node: JsonObject, key: string, plain: boolean, filtered: boolean): boolean {
  if (plain) return true;
  if (filtered && !usablePattern(key)) return false;
  const v = node[key];
  return !((key === 'pattern' && typeof v === 'string' && !usablePattern(v)) || (key === 'format' && LENIENT_FORMATS.has(v as string)));
}

// Verdicts per id: the same documentation URLs recur in every revision of a package.
const idCache = new Map<string, boolean>();

/** An id resolved against the (unchanged) base URI registers under its own URI, with a fragment, off the base. */
function harmlessId(id: string): boolean {
  let ok = idCache.get(id);
  if (ok === undefined) {
    try {
      const href = new URL(id, BASE).href;
      const hash = href.indexOf('#');
      // No fragment: the id changes the base URI (and the library walks the subtree twice).
      ok = hash >= 0 && hash < href.length - 1 && href.slice(0, hash) !== BASE;
    } catch {
      ok = false;
    }
    if (idCache.size > 10_000) idCache.clear();
    idCache.set(id, ok);
  }
  return ok;
}

function safe(node: unknown, plain: boolean, filtered: boolean, depth: number): boolean {
  if (!isJsonObject(node)) return true;
  if (depth > MAX_DEPTH) return false;
  // prepareSchema never drops these keys (it drops `pattern`, `format` and unusable patterns).
  const id = node.$id || node.id;
  if (id && (typeof id !== 'string' || !harmlessId(id))) return false;
  if (node.$ref || node.$recursiveRef || node.$anchor) return false;
  for (const key in node) {
    if (!kept(node, key, plain, filtered) || (ignoredKeyword as Record<string, boolean>)[key]) continue;
    if (hasLoneSurrogate(key)) return false;
    const value = node[key];
    const childPlain = plain || VALUE_KEYWORDS.has(key);
    if (Array.isArray(value)) {
      if ((schemaArrayKeyword as Record<string, boolean>)[key]) for (const item of value) if (!safe(item, childPlain, false, depth + 1)) return false;
    } else if ((schemaMapKeyword as Record<string, boolean>)[key]) {
      const map = value as JsonObject;
      const filterMap = !childPlain && key === 'patternProperties' && isJsonObject(map);
      for (const sub in map) {
        if (isJsonObject(map) && !kept(map, sub, childPlain, filterMap)) continue;
        if (hasLoneSurrogate(sub) || !safe(map[sub], childPlain, false, depth + 1)) return false;
      }
    } else if (!safe(value, childPlain, !childPlain && key === 'patternProperties', depth + 1)) return false;
  }
  return true;
}
