/**
 * Opening an upstream layer: the package names a universe built by this tool (folder or URL,
 * through `openIndex`) or a DC/OS repository JSON (file or URL, through the same readers) offers.
 * Whatever goes wrong (unreachable, no answer in time, HTTP errors, not a universe, invalid
 * JSON, too large) is the upstream's state, never an exception: one upstream failing never
 * keeps the others from being read.
 */
import * as path from 'node:path';
import { openIndex } from '../consume/source.js';
import { DEFAULT_READ_LIMITS, folderReader, httpReader, isHttpUrl, type ReadLimits } from '../consume/fetch.js';
import { isJsonObject } from '../json/object.js';
import type { Upstream } from '../policy/settings.js';
import type { LayerOffer } from './resolve.js';

/** What an upstream's `url` points at. */
export type UpstreamKind =
  /** A universe built by `universe build`: a folder or URL holding index.json. */
  | 'universe'
  /** A DC/OS repository JSON: `{"packages": [{"name", "version", …}, …]}`. */
  | 'dcos';

/** An upstream as read. */
export interface OpenedUpstream {
  kind: UpstreamKind;
  /** The names it has, or why it could not be read. */
  offer: LayerOffer;
}

/**
 * A URL or path whose last segment is a `.json` file other than `index.json` is a DC/OS
 * repository JSON (`repo-up-to-2.0.json`, `universe.json`); anything else is a built universe.
 */
function upstreamKind(url: string): UpstreamKind {
  let last: string;
  if (isHttpUrl(url)) {
    try {
      last = new URL(url).pathname.split('/').pop() ?? '';
    } catch {
      return 'universe';
    }
  } else {
    last = url.split(/[\\/]/).pop() ?? '';
  }
  return /\.json$/i.test(last) && last.toLowerCase() !== 'index.json' ? 'dcos' : 'universe';
}

/**
 * Reads the names an upstream offers. A relative path is resolved against `baseDir` (the folder
 * holding repository.json). Never throws.
 */
export async function openUpstream(upstream: Upstream, baseDir: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<OpenedUpstream> {
  const kind = upstreamKind(upstream.url);
  const location = isHttpUrl(upstream.url) ? upstream.url : path.resolve(baseDir, upstream.url);
  try {
    const names = kind === 'universe' ? await universeNames(location, limits, upstream.url) : await dcosNames(location, limits, upstream.url);
    return { kind, offer: { available: true, names } };
  } catch (e) {
    return { kind, offer: { available: false, error: e instanceof Error ? e.message : String(e) } };
  }
}

async function universeNames(location: string, limits: ReadLimits, label: string): Promise<Set<string>> {
  const source = await openIndex(location, limits, label);
  return namesOf(
    source.index.packages.map((p) => p.name),
    `${label}: index.json`,
  );
}

async function dcosNames(location: string, limits: ReadLimits, label: string): Promise<Set<string>> {
  let text: string | undefined;
  if (isHttpUrl(location)) {
    const url = new URL(location);
    text = await httpReader(new URL('.', url).href, limits)((url.pathname.split('/').pop() ?? '') + url.search);
  } else {
    text = await folderReader(path.dirname(location), limits)(path.basename(location));
  }
  if (text === undefined) throw new Error(`${label} does not exist: give the URL or path of a DC/OS repository JSON (e.g. repo-up-to-2.0.json of a built universe)`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error: the upstream's bytes, kept out of messages.
    throw new Error(`${label} is not valid JSON: give the URL or path of a DC/OS repository JSON (e.g. repo-up-to-2.0.json of a built universe)`);
  }
  if (!isJsonObject(value) || !Array.isArray(value.packages)) throw new Error(`${label} is not a DC/OS repository: it has no top-level packages array`);
  const names: unknown[] = [];
  for (const [i, p] of value.packages.entries()) {
    if (!isJsonObject(p) || typeof p.name !== 'string' || typeof p.version !== 'string') {
      throw new Error(`${label} is not a DC/OS repository: packages/${i} is not a package object with a name and a version`);
    }
    names.push(p.name);
  }
  return namesOf(names, label);
}

/** Package names as used in file names and URLs; anything else in a listing is refused. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]{0,199}$/i;

/** The distinct names of a listing; a name that cannot be a package name makes the whole listing unusable. */
function namesOf(names: readonly unknown[], where: string): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    if (typeof n !== 'string' || !PACKAGE_NAME.test(n)) {
      throw new Error(`${where} lists a package named ${JSON.stringify(n)?.slice(0, 80) ?? String(n)}, which is not a package name: the upstream is not used`);
    }
    out.add(n);
  }
  return out;
}
