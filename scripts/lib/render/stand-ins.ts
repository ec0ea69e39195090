import { parsePointer } from '../json/pointer.js';
import { setOwn } from './objects.js';
import { valueAt } from './schema-walk.js';
import type { OptionIssue } from './validate.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** A value of each JSON Schema type, to stand in for a default of the wrong type. */
const SAMPLES: Readonly<Record<string, unknown>> = { string: '', number: 0, integer: 0, boolean: false, object: {}, array: [], null: null };

/**
 * The default options with each default of the wrong type (a `type` issue) replaced by a value of
 * the type config.json declares for it, so that a template can be rendered to find its own
 * defects while a default is still wrong: the stand-in has the shape the template expects, where
 * the wrong default would break the rendered JSON by itself. Returns the options (a copy) and the
 * dotted names replaced; undefined when nothing could be replaced.
 */
export function withStandIns(config: JsonObject, defaults: JsonObject, issues: readonly OptionIssue[]): { options: JsonObject; replaced: string[] } | undefined {
  let options: JsonObject | undefined;
  const replaced: string[] = [];
  for (const issue of issues) {
    if (issue.keyword !== 'type' || issue.schemaPointer === undefined) continue;
    const declared = valueAt(config, parsePointer(issue.schemaPointer));
    const type = Array.isArray(declared) ? declared[0] : declared;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(SAMPLES, type)) continue;
    const tokens = parsePointer(issue.pointer);
    if (tokens.length === 0) continue;
    options ??= structuredClone(defaults);
    const parent = valueAt(options, tokens.slice(0, -1));
    if (!isJsonObject(parent)) continue;
    setOwn(parent, tokens[tokens.length - 1]!, structuredClone(SAMPLES[type]));
    replaced.push(tokens.join('.'));
  }
  return options && replaced.length > 0 ? { options, replaced } : undefined;
}
