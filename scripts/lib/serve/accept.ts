/**
 * A small, strict-enough parser of HTTP `Accept` headers (RFC 9110 §12.5.1): media ranges with
 * parameters (quoted or not) and q-values. Malformed ranges are skipped, not fatal: see
 * negotiate.ts for what a header with nothing usable means.
 */

/** One media range of an Accept header. */
export interface MediaRange {
  /** Lower-cased, e.g. `application`, or `*`. */
  type: string;
  /** Lower-cased, e.g. `vnd.dcos.universe.repo+json`, or `*`. */
  subtype: string;
  /** Parameters other than q, names lower-cased, values as written (unquoted). */
  params: ReadonlyMap<string, string>;
  /** The weight, 0 to 1 (default 1). */
  q: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** Longest Accept header parsed; longer ones are treated as malformed (ignored). */
const MAX_ACCEPT_LENGTH = 4096;

/** The header split on commas and semicolons outside quoted strings. */
function split(header: string): string[][] {
  const ranges: string[][] = [];
  let parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i]!;
    if (quoted) {
      if (c === '\\' && i + 1 < header.length) cur += header[++i];
      else if (c === '"') quoted = false;
      else cur += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      // Marks the value as quoted so that an empty "" is still a value.
      cur += '\u0000';
    } else if (c === ';' || c === ',') {
      parts.push(cur.trim());
      cur = '';
      if (c === ',') {
        ranges.push(parts);
        parts = [];
      }
    } else cur += c;
  }
  parts.push(cur.trim());
  ranges.push(parts);
  return ranges;
}

/** Parses one range's pieces, or undefined when malformed. */
function range(parts: string[]): MediaRange | undefined {
  const [mt, ...rest] = parts;
  if (mt === undefined || mt === '') return undefined;
  const slash = mt.indexOf('/');
  if (slash === -1) return undefined;
  const type = mt.slice(0, slash).toLowerCase();
  const subtype = mt.slice(slash + 1).toLowerCase();
  if (!TOKEN.test(type) || !TOKEN.test(subtype) || (type === '*' && subtype !== '*')) return undefined;
  const params = new Map<string, string>();
  let q = 1;
  for (const p of rest) {
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq === -1) return undefined;
    const name = p.slice(0, eq).trim().toLowerCase();
    const value = p.slice(eq + 1).trim().replaceAll('\u0000', '');
    if (!TOKEN.test(name)) return undefined;
    if (name === 'q') {
      if (!QVALUE.test(value)) return undefined;
      q = Number(value);
    } else params.set(name, value);
  }
  return { type, subtype, params, q };
}

/**
 * The media ranges of an Accept header, in header order; malformed ranges (no `/`, bad tokens,
 * a q outside 0–1) are left out. An empty list means nothing usable was sent.
 */
export function parseAccept(header: string): MediaRange[] {
  if (header.length > MAX_ACCEPT_LENGTH) return [];
  const out: MediaRange[] = [];
  for (const parts of split(header)) {
    if (parts.length === 1 && parts[0] === '') continue;
    const r = range(parts);
    if (r) out.push(r);
  }
  return out;
}
