import { hasOwn, setOwn } from './objects.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/**
 * The default options a config.json schema declares, exactly as DC/OS's package manager
 * (Cosmos, `JsonSchema.extractDefaultsFromSchema`) extracts them: for each member of
 * `properties`, its `default` when it has one (even `null`); otherwise, when it has
 * `properties` of its own, the object of their defaults, even if empty; otherwise nothing.
 * Keeping empty objects matters: `{}` is what Cosmos validates and renders, so a required
 * option nested in it is still reported missing, and `{{#section}}` still sees an object.
 * Always returns an object. Values are shared with the schema, not copied: treat as read-only.
 */
export function collectDefaults(config: unknown): JsonObject {
  return isJsonObject(config) ? defaultsOf(config.properties) : {};
}

function defaultsOf(properties: unknown): JsonObject {
  const out: JsonObject = {};
  if (!isJsonObject(properties)) return out;
  for (const name of Object.keys(properties)) {
    const prop = properties[name];
    if (!isJsonObject(prop)) continue;
    if (hasOwn(prop, 'default')) setOwn(out, name, prop.default);
    else if (hasOwn(prop, 'properties')) setOwn(out, name, defaultsOf(prop.properties));
  }
  return out;
}
