/**
 * The native index: a small `index.json` (one entry per package) and one document per package
 * (`packages/<name>.json`) holding every revision's full files, like a sparse registry index.
 * Formats: schema/index.schema.json and schema/package-document.schema.json.
 */
import { createHash } from 'node:crypto';
import type { RevisionParts } from './dcos-object.js';
import type { IndexPackage, IndexVersion, NativeIndex } from '../schema/types.generated.js';
import { isJsonObject } from '../json/object.js';

/** The repository format version, stated by index.json and manifest.json. */
export { FORMAT_VERSION } from '../schema/format-version.js';

/** A revision entry of `packages/<name>.json`, serialized, and its digest. */
export interface NativeEntry {
  /** The entry's bytes: the canonical document with `,"digest":"…"` inserted before its final `}`. */
  pieces: Buffer[];
  /** `sha256-<hex>` of the canonical document bytes. */
  digest: string;
}

const P = (s: string): Buffer => Buffer.from(s);
/** The member prefixes of a revision document's optional files, shared with the static API's spec.json. */
export const CONFIG = P(',"config":');
export const RESOURCE = P(',"resource":');
export const COMMAND = P(',"command":');
export const MARATHON = P(',"marathonTemplate":');
export const AURORA = P(',"auroraTemplate":');
const CLOSE = P('}');

/**
 * Serializes a revision's entry of its package document. The canonical document is
 * `{"revision":N,"package":…,"config":…,"resource":…,"command":…,"marathonTemplate":"…","auroraTemplate":"…"}`
 * (members present when the file exists; JSON.stringify of the parsed files, file key order kept),
 * and `digest` is the sha256 of its UTF-8 bytes. The entry written is those bytes with the digest
 * member appended, so a reader verifies an entry by cutting `,"digest":"…"` off its end.
 */
export function nativeEntry(parts: RevisionParts): NativeEntry {
  const d = parts.data;
  const pieces: Buffer[] = [P(`{"revision":${d.number},"package":`), parts.json('pkg')];
  if (d.config !== undefined) pieces.push(CONFIG, parts.json('config'));
  if (d.resource !== undefined) pieces.push(RESOURCE, parts.json('resource'));
  if (d.command !== undefined) pieces.push(COMMAND, parts.json('command'));
  if (d.marathon) pieces.push(MARATHON, P(JSON.stringify(d.marathon.text)));
  if (d.aurora) pieces.push(AURORA, P(JSON.stringify(d.aurora.text)));
  const hash = createHash('sha256');
  for (const p of pieces) hash.update(p);
  const digest = `sha256-${hash.update(CLOSE).digest('hex')}`;
  pieces.push(P(`,"digest":"${digest}"}`));
  return { pieces, digest };
}

/** The opening of `packages/<name>.json`. */
export function packageDocumentHead(name: string): Buffer {
  return Buffer.from(`{"name":${JSON.stringify(name)},"revisions":[`);
}

/** index.json and its parts: the types generated from schema/index.schema.json. */
export type { IndexPackage, NativeIndex };

/** A revision as index.json needs it. */
export interface IndexInput {
  parts: RevisionParts;
  digest: string;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The index entry of a package from its usable revisions (ascending); metadata from the latest. */
export function indexPackage(name: string, revisions: readonly IndexInput[]): IndexPackage {
  const versions = revisions.map(({ parts, digest }): IndexVersion => {
    const d = parts.data;
    const v: IndexVersion = { version: d.version, revision: d.number, packagingVersion: d.packagingVersion, digest };
    if (typeof d.pkg.minDcosReleaseVersion === 'string') v.minDcosReleaseVersion = d.pkg.minDcosReleaseVersion;
    const dep = d.packagingVersion === '6.0' ? d.pkg.deprecated : undefined;
    if (isJsonObject(dep) && typeof dep.message === 'string') {
      v.deprecated = typeof dep.replacement === 'string' ? { message: dep.message, replacement: dep.replacement } : { message: dep.message };
    }
    return v;
  });
  const latest = revisions[revisions.length - 1]!.parts.data;
  return {
    name,
    description: typeof latest.pkg.description === 'string' ? latest.pkg.description : '',
    tags: strings(latest.pkg.tags),
    categories: latest.packagingVersion === '6.0' ? strings(latest.pkg.categories) : [],
    latest: { version: latest.version, revision: latest.number },
    // The caller passes at least one revision, so the schema's non-empty list holds.
    versions: versions as [IndexVersion, ...IndexVersion[]],
  };
}
