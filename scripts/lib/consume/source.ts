/**
 * A built artifact opened for reading: `index.json` at once, package documents on demand, from a
 * folder or an http(s) URL (a sparse-registry client: one small root, one file per package).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CannotRunError } from '../diagnostics/errors.js';
import { isSafeName } from '../index/revision-data.js';
import { FORMAT_VERSION } from '../schema/format-version.js';
import { DEFAULT_READ_LIMITS, folderReader, httpReader, isHttpUrl, type ArtifactReader, type ReadLimits } from './fetch.js';
import { isPackageSummary, summarize } from './summary.js';
import type { NativeIndex, PackageDocument, PackageSummary } from './types.js';
import { isJsonObject } from '../json/object.js';

/** An opened artifact. */
export interface IndexSource {
  /** index.json. */
  index: NativeIndex;
  /** `packages/<name>.json` (read once, then cached); undefined for a package the index does not list. */
  packageDocument(name: string): Promise<PackageDocument | undefined>;
  /**
   * One summary per package, sorted by name: the static API's `packages.json` when the artifact
   * has one, otherwise derived from index.json and each package's latest revision.
   */
  summaries(): Promise<PackageSummary[]>;
  /** The location as given, for messages. */
  label: string;
}

/**
 * Opens the artifact at `location`: a folder written by `universe build` (or its index.json), or
 * the http(s) URL of one. Throws CannotRunError when there is no readable index there.
 * `label` names it in messages (default: `location`).
 */
export async function openIndex(location: string, limits: ReadLimits = DEFAULT_READ_LIMITS, label = location): Promise<IndexSource> {
  const read = readerFor(location, limits, label);
  const text = await read('index.json');
  if (text === undefined) {
    throw new CannotRunError(`${label} holds no index.json: point at a folder written by universe build (or its URL), or build one with universe build --out DIR`);
  }
  const index = parseIndex(text, label);
  const names = new Set(index.packages.map((p) => p.name));
  const docs = new Map<string, Promise<PackageDocument | undefined>>();
  let summaries: Promise<PackageSummary[]> | undefined;

  const packageDocument = (name: string): Promise<PackageDocument | undefined> => {
    if (!names.has(name) || !isSafeName(name)) return Promise.resolve(undefined);
    let doc = docs.get(name);
    if (!doc) {
      doc = read(`packages/${name}.json`).then((t) => (t === undefined ? missingDocument(label, name) : parseDocument(t, label, name)));
      docs.set(name, doc);
    }
    return doc;
  };

  const loadSummaries = async (): Promise<PackageSummary[]> => {
    const text = await read('packages.json');
    const listed = text === undefined ? undefined : summariesFrom(text);
    if (listed) return listed;
    const out: PackageSummary[] = [];
    // A few documents at a time: enough to hide latency over HTTP, not a flood.
    for (let i = 0; i < index.packages.length; i += 8) {
      const batch = index.packages.slice(i, i + 8);
      const docsOf = await Promise.all(batch.map((p) => packageDocument(p.name)));
      batch.forEach((p, j) => out.push(summarize(p, docsOf[j]?.revisions.find((r) => r.revision === p.latest.revision))));
    }
    return out;
  };

  return {
    index,
    packageDocument,
    summaries: () => (summaries ??= loadSummaries()),
    label,
  };
}

function readerFor(location: string, limits: ReadLimits, label: string): ArtifactReader {
  if (isHttpUrl(location)) {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      throw new CannotRunError(`${label} is not a valid URL`);
    }
    // The URL of index.json itself names its folder.
    const base = url.pathname.endsWith('/index.json') ? new URL('.', url).href : url.href;
    return httpReader(base, limits);
  }
  let dir = path.resolve(location);
  if (path.basename(dir) === 'index.json' && isFile(dir)) dir = path.dirname(dir);
  if (!fs.existsSync(dir)) throw new CannotRunError(`${label} does not exist: point --index at a folder written by universe build, or at its URL`);
  return folderReader(dir, limits);
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CannotRunError(`${what} is not valid JSON (${e instanceof Error ? e.message : String(e)}): rebuild it with universe build`);
  }
}

/** index.json, checked as far as the consumers rely on it. */
function parseIndex(text: string, location: string): NativeIndex {
  const what = `${location}: index.json`;
  const v = parseJson(text, what);
  if (!isJsonObject(v) || !Array.isArray(v.packages)) throw new CannotRunError(`${what} is not a universe index (no packages list): point at a folder written by universe build`);
  if (v.formatVersion !== FORMAT_VERSION) {
    throw new CannotRunError(`${what} has format version ${JSON.stringify(v.formatVersion)}, but this tool reads ${FORMAT_VERSION}: use a matching version of universe`);
  }
  for (const p of v.packages) {
    const ok =
      isJsonObject(p) &&
      typeof p.name === 'string' &&
      typeof p.description === 'string' &&
      Array.isArray(p.tags) &&
      Array.isArray(p.categories) &&
      isJsonObject(p.latest) &&
      Array.isArray(p.versions) &&
      p.versions.length > 0 &&
      p.versions.every((x) => isJsonObject(x) && typeof x.version === 'string' && Number.isInteger(x.revision) && typeof x.packagingVersion === 'string');
    if (!ok) throw new CannotRunError(`${what} has a malformed package entry${isJsonObject(p) && typeof p.name === 'string' ? ` (${p.name})` : ''}: rebuild it with universe build`);
  }
  return v as unknown as NativeIndex;
}

function parseDocument(text: string, location: string, name: string): PackageDocument {
  const what = `${location}: packages/${name}.json`;
  const v = parseJson(text, what);
  const ok =
    isJsonObject(v) &&
    v.name === name &&
    Array.isArray(v.revisions) &&
    v.revisions.every((r) => isJsonObject(r) && Number.isInteger(r.revision) && isJsonObject(r.package) && typeof r.package.version === 'string');
  if (!ok) throw new CannotRunError(`${what} is not the package document of ${name}: rebuild the artifact with universe build`);
  return v as unknown as PackageDocument;
}

function missingDocument(location: string, name: string): never {
  throw new CannotRunError(`${location}: index.json lists ${name} but packages/${name}.json is missing: the artifact is incomplete, rebuild it with universe build`);
}

function summariesFrom(text: string): PackageSummary[] | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  // A packages.json that is not what this tool expects is ignored: index.json is the authority.
  if (!isJsonObject(v) || !Array.isArray(v.packages) || !v.packages.every(isPackageSummary)) return undefined;
  return v.packages as PackageSummary[];
}
