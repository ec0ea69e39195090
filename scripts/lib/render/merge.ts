import { hasOwn, setOwn } from './objects.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/**
 * Deep-merges user options over defaults, the way Cosmos does (circe's `deepMerge`): when both
 * sides hold an object the two merge recursively; anything else (arrays, scalars, null) on the
 * options side replaces the default. Returns new objects and never mutates its inputs (unchanged
 * subtrees may be shared). Keys like `__proto__` are kept as own data properties of the result,
 * never assigned, so they cannot reach a prototype (the json-unsafe-key rule reports them).
 */
export function mergeOptions(defaults: unknown, options: unknown): JsonObject {
  const base = isJsonObject(defaults) ? defaults : {};
  const over = isJsonObject(options) ? options : {};
  return mergeObjects(base, over);
}

function mergeObjects(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(base)) setOwn(out, key, base[key]);
  for (const key of Object.keys(over)) {
    const b = hasOwn(out, key) ? out[key] : undefined;
    const o = over[key];
    setOwn(out, key, isJsonObject(b) && isJsonObject(o) ? mergeObjects(b, o) : o);
  }
  return out;
}
