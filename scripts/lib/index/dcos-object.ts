/**
 * DC/OS "package objects": package.json plus `releaseVersion`, `resource`, `marathon` and
 * `config`/`command`, exactly as the DC/OS Universe build makes them, serialized once per form.
 * The large members (config, resource, the base64 template) are stringified once and shared by
 * the modern and legacy forms (and config/resource with the native document).
 */
import { servedPackagingVersion } from '../schema/dcos-media.js';
import type { RevisionData } from './revision-data.js';
import { templateBytes } from './revision-data.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** A revision's documents as UTF-8 JSON, each encoded at most once and shared by every output. */
export class RevisionParts {
  private readonly cache = new Map<string, Buffer>();

  constructor(readonly data: RevisionData) {}

  /** JSON.stringify of package.json, config, resource or command, as UTF-8 (memoised). */
  json(name: 'pkg' | 'config' | 'resource' | 'command'): Buffer {
    let b = this.cache.get(name);
    if (b === undefined) {
      const d = this.data;
      b = Buffer.from(JSON.stringify(name === 'pkg' ? d.pkg : name === 'config' ? d.config : name === 'resource' ? d.resource : d.command));
      this.cache.set(name, b);
    }
    return b;
  }
}

/**
 * Python's truthiness of a JSON value: `if resource:` in the DC/OS build.
 * @internal Exported, like the other Python emulations here, for tests against what Python does.
 */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') {
    for (const _ in v) return true;
    return false;
  }
  return true;
}

/** Keys the DC/OS build sets on the package object: when package.json already has one, it is overridden in place. */
const SET_KEYS = ['releaseVersion', 'resource', 'marathon', 'config', 'command'];

/** packaging version 6.0 members DC/OS does not know. */
const V6_ONLY = new Set(['categories', 'dependencies', 'deprecated']);

/** Whether a revision can appear in DC/OS outputs: a 6.0 revision needs a non-empty Marathon template. */
export function inDcos(d: RevisionData): boolean {
  return d.packagingVersion !== '6.0' || hasMarathon(d);
}

/** package.json as DC/OS sees it: 6.0 becomes 5.0 (with `manager`) or 4.0, without 6.0-only members. */
function dcosPackage(d: RevisionData): JsonObject {
  if (d.packagingVersion !== '6.0') return d.pkg;
  const out = Object.fromEntries(Object.entries(d.pkg).filter(([k]) => !V6_ONLY.has(k)));
  out.packagingVersion = servedPackagingVersion('6.0', Object.hasOwn(d.pkg, 'manager'), 5)!;
  return out;
}

/**
 * package.json as DC/OS 1.10 and 1.11 clients see it (media type v4): packaging 5.0 without
 * `manager` becomes 4.0 (the same definition but for `manager`); anything else is unchanged.
 */
function v4Package(pkg: JsonObject): JsonObject {
  const pv = pkg.packagingVersion;
  if (typeof pv !== 'string') return pkg;
  const served = servedPackagingVersion(pv, Object.hasOwn(pkg, 'manager'), 4);
  // The spread keeps every member in place; the literal's packagingVersion replaces the value there.
  return served === undefined || served === pv ? pkg : { ...pkg, packagingVersion: served };
}

/** package.json as pre-1.10 clients see it: packaging version 3.0, without upgradesFrom/downgradesTo. */
function legacyPackage(pkg: JsonObject): JsonObject {
  const pv = pkg.packagingVersion;
  if (pv === '2.0' || pv === '3.0') return pkg;
  const out = Object.fromEntries(Object.entries(pkg).filter(([k]) => k !== 'upgradesFrom' && k !== 'downgradesTo'));
  out.packagingVersion = '3.0';
  return out;
}

/** A revision's package.json in each form (the same object where a form changes nothing). */
export interface DcosPackages {
  modern: JsonObject;
  v4: JsonObject;
  legacy: JsonObject;
}

/** package.json as each form of the DC/OS outputs carries it. */
export function dcosPackages(d: RevisionData): DcosPackages {
  const modern = dcosPackage(d);
  return { modern, v4: v4Package(modern), legacy: legacyPackage(modern) };
}

/**
 * A DC/OS package object as a value: `pkg` plus releaseVersion, resource, marathon, config and
 * command, set as the DC/OS build sets them (only when truthy in Python's sense; a member
 * package.json already has keeps its place and takes the new value). `marathon` is the member's
 * value, undefined without a (non-empty) template.
 */
export function dcosObject(d: RevisionData, pkg: JsonObject, config: unknown, marathon: JsonObject | undefined): JsonObject {
  // A spread defines own properties: a "__proto__" member stays data, never a prototype.
  const o: JsonObject = { ...pkg };
  o.releaseVersion = d.number;
  if (pyTruthy(d.resource)) o.resource = d.resource;
  if (marathon !== undefined) o.marathon = marathon;
  if (pyTruthy(d.config)) o.config = config;
  if (pyTruthy(d.command)) o.command = d.command;
  return o;
}

/** Whether a revision's package objects get a `marathon` member: its template has bytes. */
export function hasMarathon(d: RevisionData): boolean {
  return d.marathon !== undefined && (d.marathon.text.length > 0 || d.marathon.bom);
}

/**
 * Python's `re.sub(r'([^\\])"', r'\1\\"', s)`: a backslash before every quote that follows a non-backslash.
 * @internal Exported for tests against what Python does.
 */
export function escapeQuotes(s: string): string {
  return s.replace(/([^\\])"/g, '$1\\"');
}

/**
 * The DC/OS build's `json_escape_compatibility` on `config.properties`: in each property schema,
 * `description` and (for `type: "string"`) `default` strings get their quotes escaped again;
 * `properties` of `type: "object"` schemas recurse. Returns the same object when nothing changes.
 * @internal Exported for tests against what Python does.
 */
export function escapeProperties(props: JsonObject): JsonObject {
  let changed = false;
  const entries = Object.entries(props).map(([key, value]): [string, unknown] => {
    if (!isJsonObject(value)) return [key, value];
    let v = value;
    if (typeof v.description === 'string') {
      const e = escapeQuotes(v.description);
      if (e !== v.description) v = { ...v, description: e };
    }
    if (v.type === 'string' && typeof v.default === 'string') {
      const e = escapeQuotes(v.default);
      if (e !== v.default) v = { ...v, default: e };
    } else if (v.type === 'object' && isJsonObject(v.properties)) {
      const p = escapeProperties(v.properties);
      if (p !== v.properties) v = { ...v, properties: p };
    }
    if (v !== value) changed = true;
    return [key, v];
  });
  // fromEntries defines own properties: a "__proto__" key stays data, never a prototype.
  return changed ? Object.fromEntries(entries) : props;
}

/**
 * config.json as pre-1.10 clients see it; the same value when escaping changes nothing.
 * @internal Exported for tests against what Python does.
 */
export function legacyConfig(config: unknown): unknown {
  if (!isJsonObject(config) || !isJsonObject(config.properties)) return config;
  const p = escapeProperties(config.properties);
  return p === config.properties ? config : { ...config, properties: p };
}

/**
 * A revision's DC/OS objects as lists of Buffers whose concatenation is `,{…}`: the first piece
 * is always the comma, dropped where the object comes first in a file. Large pieces (package.json,
 * config, resource, the base64 template) are shared Buffers, encoded once.
 */
export interface DcosPieces {
  modern: Buffer[];
  /** The downgraded, escaped form for DC/OS before 1.10, when requested; `modern` itself when identical. */
  legacy: Buffer[] | undefined;
  /** The form for DC/OS 1.10 and 1.11, when requested; `modern` itself when identical. */
  v4: Buffer[] | undefined;
}

const P = (s: string): Buffer => Buffer.from(s);
const COMMA = P(',');
const CLOSE = P('}');
const RESOURCE = P(',"resource":');
const MARATHON_OPEN = P(',"marathon":{"v2AppMustacheTemplate":"');
const MARATHON_CLOSE = P('"}');
const CONFIG = P(',"config":');
const COMMAND = P(',"command":');

/**
 * Serializes a revision's DC/OS package object(s); see {@link DcosPieces}. Each equals
 * JSON.stringify of {@link dcosObject} for its form (the legacy form with {@link legacyConfig}).
 */
export function dcosPieces(parts: RevisionParts, wantLegacy: boolean, wantV4 = false): DcosPieces {
  const d = parts.data;
  const pkgs = dcosPackages(d);
  const pkg = pkgs.modern;
  const tmpl = d.marathon ? templateBytes(d.marathon) : undefined;
  const b64 = tmpl && tmpl.length > 0 ? tmpl.toString('base64') : undefined;
  const resource = pyTruthy(d.resource);
  const config = pyTruthy(d.config);
  const command = pyTruthy(d.command);

  if (SET_KEYS.some((k) => Object.prototype.hasOwnProperty.call(pkg, k))) {
    // Rare (validation rejects these members): build real objects to keep Python's in-place override.
    const marathon = b64 === undefined ? undefined : { v2AppMustacheTemplate: b64 };
    const build = (p: JsonObject, cfg: unknown): Buffer[] => [COMMA, P(JSON.stringify(dcosObject(d, p, cfg, marathon)))];
    const modern = build(pkg, d.config);
    return {
      modern,
      legacy: wantLegacy ? build(pkgs.legacy, legacyConfig(d.config)) : undefined,
      v4: wantV4 ? (pkgs.v4 === pkg ? modern : build(pkgs.v4, d.config)) : undefined,
    };
  }

  const tail: Buffer[] = [];
  if (resource) tail.push(RESOURCE, parts.json('resource'));
  if (b64 !== undefined) tail.push(MARATHON_OPEN, Buffer.from(b64, 'latin1'), MARATHON_CLOSE);
  const commandTail = command ? [COMMAND, parts.json('command')] : [];
  const assemble = (pkgJson: Buffer, configJson: Buffer | undefined): Buffer[] => {
    // package.json's members, then releaseVersion and the rest, in the DC/OS build's order.
    const head = pkgJson.length > 2 ? [pkgJson.subarray(0, pkgJson.length - 1), P(`,"releaseVersion":${d.number}`)] : [P(`{"releaseVersion":${d.number}`)];
    return [COMMA, ...head, ...tail, ...(configJson ? [CONFIG, configJson] : []), ...commandTail, CLOSE];
  };
  const pkgJson = pkg === d.pkg ? parts.json('pkg') : P(JSON.stringify(pkg));
  const modern = assemble(pkgJson, config ? parts.json('config') : undefined);
  const v4 = !wantV4 ? undefined : pkgs.v4 === pkg ? modern : assemble(P(JSON.stringify(pkgs.v4)), config ? parts.json('config') : undefined);
  if (!wantLegacy) return { modern, legacy: undefined, v4 };
  const lpkg = pkgs.legacy;
  const lconfig = config ? legacyConfig(d.config) : undefined;
  if (lpkg === pkg && lconfig === (config ? d.config : undefined)) return { modern, legacy: modern, v4 };
  const legacy = assemble(
    lpkg === pkg ? pkgJson : P(JSON.stringify(lpkg)),
    lconfig === undefined ? undefined : lconfig === d.config ? parts.json('config') : P(JSON.stringify(lconfig)),
  );
  return { modern, legacy, v4 };
}
