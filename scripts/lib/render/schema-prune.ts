import { parsePointer } from '../json/pointer.js';
import { valueAt } from './schema-walk.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/**
 * config.json without the keywords that make it an invalid draft-04 schema, so that the rest of
 * it can still judge the defaults: a misspelt `type` on one option should not hide a wrong
 * default on another. `pointers` locate the invalid values (schema-config-draft04's findings);
 * each is removed with the member that holds it (for a value inside an array, the keyword that
 * holds the array). A copy is returned; undefined when an invalid value is config.json itself.
 * The caller checks that what is left is valid.
 */
export function pruneInvalidKeywords(config: JsonObject, pointers: readonly string[]): JsonObject | undefined {
  const copy = structuredClone(config);
  for (const pointer of pointers) {
    let tokens = parsePointer(pointer);
    if (tokens.length === 0) return undefined;
    // Climb out of arrays: an invalid item (a `required` name, a `type` list entry) drops its keyword.
    while (tokens.length > 1 && Array.isArray(valueAt(copy, tokens.slice(0, -1)))) tokens = tokens.slice(0, -1);
    const parent = valueAt(copy, tokens.slice(0, -1));
    // Gone with an earlier removal: nothing left to remove.
    if (!isJsonObject(parent)) continue;
    delete parent[tokens[tokens.length - 1]!];
  }
  return copy;
}
