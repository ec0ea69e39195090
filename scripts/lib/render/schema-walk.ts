import { escapePointerToken } from '../json/pointer.js';
import { setOwn } from './objects.js';
import { isRiskyPattern } from './regex-risk.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/**
 * Copies a config.json schema for the validator, which decorates the schema objects it is
 * given (so the parsed document other code reads is never touched), and drops `pattern` /
 * `patternProperties` regular expressions JavaScript cannot compile in Unicode mode (the
 * validator would throw; DC/OS's validator compiles them without that mode) or that risk
 * catastrophic backtracking ({@link isRiskyPattern}: untrusted data must not hang a run), and
 * `format`s DC/OS checks more leniently (`uri`).
 * Returns the copy and the pointers of what was dropped. One pass, no JSON round trip.
 */
export function prepareSchema(config: unknown): { schema: unknown; dropped: string[] } {
  const dropped: string[] = [];
  return { schema: copy(config, '', dropped, new Set()), dropped };
}

// Formats DC/OS's validator (java.net.URI) accepts more of than @cfworker/json-schema (which
// wants an absolute URI): checking them here would reject values DC/OS installs with.
export const LENIENT_FORMATS: ReadonlySet<string> = new Set(['uri']);

// Verdicts per pattern text: the same few patterns recur in thousands of configs.
const patternCache = new Map<string, boolean>();

/** A pattern the validator may run: it compiles in Unicode mode and cannot backtrack catastrophically. */
export function usablePattern(pattern: string): boolean {
  let ok = patternCache.get(pattern);
  if (ok === undefined) {
    try {
      new RegExp(pattern, 'u');
      ok = !isRiskyPattern(pattern);
    } catch {
      ok = false;
    }
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(pattern, ok);
  }
  return ok;
}

/** Keywords whose values are data, not subschemas: prepareSchema copies them as they are. */
export const VALUE_KEYWORDS: ReadonlySet<string> = new Set(['default', 'enum', 'const', 'examples']);

function plainCopy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(plainCopy);
  if (!isJsonObject(node)) return node;
  const out: JsonObject = {};
  for (const key of Object.keys(node)) setOwn(out, key, plainCopy(node[key]));
  return out;
}

function copy(node: unknown, at: string, dropped: string[], ids: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((v, i) => copy(v, `${at}/${i}`, dropped, ids));
  if (!isJsonObject(node)) return node;
  const out: JsonObject = {};
  for (const key of Object.keys(node)) {
    const value = node[key];
    const here = `${at}/${escapePointerToken(key)}`;
    if ((key === 'pattern' && typeof value === 'string' && !usablePattern(value)) || (key === 'format' && LENIENT_FORMATS.has(value as string)) || repeatedId(key, value, ids)) {
      dropped.push(here);
      continue;
    }
    // Values (not subschemas) are copied as they are: a default may well hold a key named `format`.
    let c = VALUE_KEYWORDS.has(key) ? plainCopy(value) : copy(value, here, dropped, ids);
    if (key === 'patternProperties' && isJsonObject(c)) {
      const kept: JsonObject = {};
      for (const p of Object.keys(c)) {
        if (usablePattern(p)) setOwn(kept, p, c[p]);
        else dropped.push(`${here}/${escapePointerToken(p)}`);
      }
      c = kept;
    }
    setOwn(out, key, c);
  }
  return out;
}

/**
 * Whether a member is an `id` naming a URI an earlier subschema already took. Real config.json
 * files use `id` as a documentation link and repeat it; the validator refuses a schema whose ids
 * repeat, while ids only matter for resolving `$ref`. The first keeps the URI, the repeats go.
 */
function repeatedId(key: string, value: unknown, ids: Set<string>): boolean {
  if ((key !== 'id' && key !== '$id') || typeof value !== 'string') return false;
  if (ids.has(value)) return true;
  ids.add(value);
  return false;
}

const REFERENCE_KEYS: ReadonlySet<string> = new Set(['$ref', 'id', '$id', '$recursiveRef', '$recursiveAnchor']);

/**
 * Whether a config.json must be copied by {@link prepareSchema} and dereferenced before the
 * validator sees it: some member anywhere forces it ({@link forcesPreparation}). A read-only
 * walk, conservative (keys inside default values count too).
 */
export function needsPreparation(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(needsPreparation);
  if (!isJsonObject(node)) return false;
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (forcesPreparation(key, value)) return true;
    if (typeof value === 'object' && value !== null && needsPreparation(value)) return true;
  }
  return false;
}

/** Whether one member of an object forces preparation: a reference or an id, a pattern to drop, or a lenient format. */
export function forcesPreparation(key: string, value: unknown): boolean {
  if (REFERENCE_KEYS.has(key)) return true;
  if (key === 'pattern') return typeof value === 'string' && !usablePattern(value);
  if (key === 'format') return LENIENT_FORMATS.has(value as string);
  if (key === 'patternProperties' && isJsonObject(value)) for (const p of Object.keys(value)) if (!usablePattern(p)) return true;
  return false;
}

/** Decodes a location the validator reports (`#/a/b%20c`) into JSON pointer tokens. */
export function locationTokens(location: string): string[] {
  const body = location.startsWith('#') ? location.slice(1) : location;
  if (body === '') return [];
  return body
    .slice(1)
    .split('/')
    .map((t) => {
      let s = t;
      try {
        s = decodeURIComponent(t);
      } catch {
        // Not percent-encoded after all: keep the token as written.
      }
      return s.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** Follows pointer tokens through a JSON value (own properties only). */
export function valueAt(root: unknown, tokens: readonly string[]): unknown {
  let node = root;
  for (const t of tokens) {
    if (Array.isArray(node)) node = /^(0|[1-9][0-9]*)$/.test(t) ? node[Number(t)] : undefined;
    else if (isJsonObject(node) && Object.prototype.hasOwnProperty.call(node, t)) node = node[t];
    else return undefined;
  }
  return node;
}
