/** A JSON object as parsed: string keys, values of any JSON type (checked by whoever reads them). */
export type JsonObject = Record<string, unknown>;

/**
 * True for a non-null, non-array object: what a JSON object parses into. It checks neither the
 * prototype nor the keys, so a parsed `__proto__` member is just an own key here.
 */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
