/**
 * A built artifact loaded for serving: every file the manifest lists becomes an entry of a Map
 * keyed by its URL path, with its ETag (from the manifest's sha256), its content type and its
 * precompressed .gz sibling. Small files are held in memory (deduplicated by digest: the DC/OS
 * outputs repeat many files); larger ones are kept open, so the artifact stays exactly the one
 * loaded even when the folder is rebuilt or deleted underneath the server. Nothing outside the
 * manifest is ever served.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CannotRunError } from '../diagnostics/errors.js';
import { isJsonObject } from '../json/object.js';
import { isPackageSummary } from '../consume/summary.js';
import type { NativeIndex, PackageSummary } from '../consume/types.js';
import { parseManifest, type Manifest, type ManifestFile } from './manifest.js';
import { contentTypeOf } from './mime.js';
import { compareLooseVersions } from '../versions/loose-version.js';
import type { ServedRepo } from './negotiate.js';
import { etagOf, makeRepresentation, type DiskFile, type Representation } from './representation.js';

/** Files up to this size are held in memory by default (larger ones are read from disk). */
const DEFAULT_MEMORY_FILE_BYTES = 1024 * 1024;

/** A file of the artifact as served. */
export interface Entry {
  /** The artifact path (relative, POSIX). */
  path: string;
  type: string;
  /** The answer to a plain request for the file. */
  plain: Representation;
  /** The answer when the file is chosen by DC/OS negotiation (Vary: Accept, User-Agent). */
  negotiated: Representation | undefined;
  /** The path holds a `%`: a raw request target never names it without decoding. */
  percent: boolean;
}

/** Options of {@link loadArtifact}. */
export interface LoadOptions {
  /** Files up to this many bytes are held in memory (default {@link DEFAULT_MEMORY_FILE_BYTES}). */
  memoryFileBytes?: number;
}

/** A loaded artifact. Reference-counted while responses stream from its open files. */
export class Artifact {
  /** Streams reading from its open files. */
  private refs = 0;
  private retired = false;
  /** Dynamic answers computed from it (REST, search), by route and query. */
  readonly cache = new Map<string, Representation>();
  /** DC/OS negotiation results by `accept \0 user-agent`. */
  readonly negotiations = new Map<string, ServedRepo | { status: 404 | 406; message: string }>();

  constructor(
    /** The folder it was loaded from. */
    readonly dir: string,
    readonly manifest: Manifest,
    /** Entries by URL path (`/` + artifact path). */
    readonly files: ReadonlyMap<string, Entry>,
    /** index.json. */
    readonly index: NativeIndex,
    /** packages.json summaries by package name (empty when the artifact has no such file). */
    readonly summaries: ReadonlyMap<string, PackageSummary>,
    /** The DC/OS repositories served, by ascending DC/OS version. */
    readonly repos: readonly ServedRepo[],
    /** Files held open. */
    private readonly disk: readonly DiskFile[],
    /** Bytes held in memory. */
    readonly memoryBytes: number,
  ) {}

  /** The commit the artifact was built from. */
  get commit(): string | null {
    return this.manifest.commit ?? (typeof this.index.commit === 'string' ? this.index.commit : null);
  }

  /** Counts a response that reads from an open file. */
  acquire(): void {
    this.refs++;
  }

  /** Ends what {@link acquire} started; closes the files of a retired artifact once unused. */
  release(): void {
    this.refs--;
    if (this.retired && this.refs === 0) this.closeFiles();
  }

  /** The artifact is no longer served: its files close as soon as no response reads them. */
  retire(): void {
    this.retired = true;
    if (this.refs === 0) this.closeFiles();
  }

  private closeFiles(): void {
    for (const d of this.disk) {
      if (d.fd < 0) continue;
      try {
        fs.closeSync(d.fd);
      } catch {
        // Already closed: nothing to release.
      }
      d.fd = -1;
    }
  }
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const NOFOLLOW = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0);

/** Bodies by digest: identical files (the DC/OS outputs repeat many) share one buffer or descriptor. */
interface Body {
  buf?: Buffer;
  disk?: DiskFile;
}

/**
 * Loads the artifact in `dir`. Throws CannotRunError with a message saying what to do when the
 * folder is missing, is not an artifact (no manifest.json, no index.json), or does not match its
 * manifest (a file missing, of another size, or with another digest).
 */
export async function loadArtifact(dir: string, options: LoadOptions = {}): Promise<Artifact> {
  const limit = options.memoryFileBytes ?? DEFAULT_MEMORY_FILE_BYTES;
  const abs = (p: string): string => path.join(dir, ...p.split('/'));
  const { manifest, text: manifestText } = readManifest(dir);
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const incomplete = (f: ManifestFile, why: string): CannotRunError =>
    new CannotRunError(`${dir} does not match its manifest: ${f.path} ${why}; rebuild the artifact with universe build`);


  const bodies = new Map<string, Body>();
  const disk: DiskFile[] = [];
  let memoryBytes = 0;
  const opened: number[] = [];
  try {
    await pool(manifest.files, 16, async (f) => {
      const s = await fs.promises.lstat(abs(f.path)).catch(() => undefined);
      if (!s) throw incomplete(f, 'is missing');
      if (!s.isFile()) throw incomplete(f, 'is not a regular file');
      if (s.size !== f.size) throw incomplete(f, `has ${s.size} bytes instead of ${f.size}`);
      if (bodies.has(f.sha256)) return;
      // Reserve the digest before awaiting, so concurrent duplicates share the body.
      const body: Body = {};
      bodies.set(f.sha256, body);
      if (f.size <= limit) {
        const buf = await fs.promises.readFile(abs(f.path));
        if (createHash('sha256').update(buf).digest('hex') !== f.sha256) throw incomplete(f, 'has another sha256 than the manifest says');
        body.buf = buf;
        memoryBytes += buf.length;
      } else {
        const fd = fs.openSync(abs(f.path), NOFOLLOW);
        opened.push(fd);
        body.disk = { fd, size: f.size, path: f.path };
        disk.push(body.disk);
      }
    });
  } catch (e) {
    for (const fd of opened) fs.closeSync(fd);
    throw e;
  }
  const text = (p: string): string | undefined => {
    const f = listed.get(p);
    const b = f && bodies.get(f.sha256);
    if (!b) return undefined;
    return b.buf ? b.buf.toString('utf8') : fs.readFileSync(abs(p), 'utf8');
  };
  try {
    const index = parseIndex(text('index.json')!, dir);
    const repos = servedRepos(listed, text);
    const files = new Map<string, Entry>();
    const repoTypes = new Map(repos.map((r) => [r.dcos, r.contentType]));
    for (const f of manifest.files) {
      // A per-package slice is a repository of one package: it has the media type of its DC/OS version's repository.
      const slice = /^dcos\/([^/]+)\/package\/[^/]+\.json$/.exec(f.path);
      const type = (slice && repoTypes.get(slice[1]!)) ?? typeOf(f.path, listed, text);
      const id = { size: f.size, etag: etagOf(f.sha256), ...bodies.get(f.sha256)! };
      const gzFile = f.path.endsWith('.gz') ? undefined : listed.get(`${f.path}.gz`);
      const gz = gzFile && { size: gzFile.size, etag: etagOf(gzFile.sha256), ...bodies.get(gzFile.sha256)! };
      const negotiable = /^dcos\/(?:repo-up-to-[^/]+|[^/]+\/package\/[^/]+)\.json$/.test(f.path);
      files.set(`/${f.path}`, {
        path: f.path,
        type,
        plain: makeRepresentation(type, id, gz),
        negotiated: negotiable ? makeRepresentation(type, id, gz, 'Accept, User-Agent') : undefined,
        percent: f.path.includes('%'),
      });
    }
    const manifestBuf = Buffer.from(manifestText);
    const manifestSha = createHash('sha256').update(manifestBuf).digest('hex');
    files.set('/manifest.json', {
      path: 'manifest.json',
      type: 'application/json',
      plain: makeRepresentation('application/json', { size: manifestBuf.length, etag: etagOf(manifestSha), buf: manifestBuf }, undefined),
      negotiated: undefined,
      percent: false,
    });
    return new Artifact(dir, manifest, files, index, summaries(text('packages.json')), repos, disk, memoryBytes);
  } catch (e) {
    for (const fd of opened) fs.closeSync(fd);
    throw e;
  }
}

/**
 * Reads and checks `dir`/manifest.json (a quick look before loading: the folder exists, is an
 * artifact, and lists index.json). Throws CannotRunError saying what to do.
 */
export function readManifest(dir: string): { manifest: Manifest; text: string } {
  const st = fs.statSync(dir, { throwIfNoEntry: false });
  if (!st) throw new CannotRunError(`${dir} does not exist: build the artifact first (universe build --out ${dir}) or pass --dir`);
  if (!st.isDirectory()) throw new CannotRunError(`${dir} is not a folder: --dir must name a built artifact folder`);
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new CannotRunError(`${dir} has no manifest.json, so it is not a built artifact: run universe build --out ${dir} first`);
  }
  const manifest = parseManifest(text, path.join(dir, 'manifest.json'));
  if (!manifest.files.some((f) => f.path === 'index.json')) {
    throw new CannotRunError(`${dir} has no index.json in its manifest, so it is not a complete artifact: rebuild it with universe build`);
  }
  return { manifest, text };
}

/** index.json, checked for what the server relies on. */
function parseIndex(text: string, dir: string): NativeIndex {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CannotRunError(`${dir}/index.json is not JSON; rebuild the artifact with universe build`);
  }
  const ok =
    isJsonObject(value) && Array.isArray(value.packages) &&
    value.packages.every((e: unknown) => isJsonObject(e) && typeof e.name === 'string' && Array.isArray(e.versions));
  if (!ok) throw new CannotRunError(`${dir}/index.json is not a native index (packages with name and versions); rebuild the artifact with universe build`);
  return value as NativeIndex;
}

/** packages.json's summaries by name (empty when the file is absent or unreadable). */
function summaries(text: string | undefined): Map<string, PackageSummary> {
  const out = new Map<string, PackageSummary>();
  if (text === undefined) return out;
  try {
    const v = JSON.parse(text) as { packages?: unknown };
    if (!Array.isArray(v.packages)) return out;
    for (const p of v.packages as unknown[]) if (isPackageSummary(p)) out.set(p.name, p);
  } catch {
    // A broken packages.json only loses the extra fields of /packages; the static file is still served.
  }
  return out;
}

const HEADER_VALUE = /^[\x20-\x7e]+$/;

/** A file's Content-Type: its `.content_type` sibling's text when there is one, else by extension. */
function typeOf(p: string, listed: ReadonlyMap<string, ManifestFile>, text: (p: string) => string | undefined): string {
  if (p.endsWith('.json')) {
    const sibling = `${p.slice(0, -'.json'.length)}.content_type`;
    if (listed.has(sibling)) {
      const t = text(sibling)?.trim();
      if (t !== undefined && HEADER_VALUE.test(t)) return t;
    }
  }
  return contentTypeOf(p);
}

/** The `repo-up-to-<V>.json` files with a `.content_type` naming a repository format version. */
function servedRepos(listed: ReadonlyMap<string, ManifestFile>, text: (p: string) => string | undefined): ServedRepo[] {
  const out: ServedRepo[] = [];
  for (const p of listed.keys()) {
    const m = /^dcos\/repo-up-to-(\d+(?:\.\d+)*)\.json$/.exec(p);
    if (!m) continue;
    const contentType = text(`dcos/repo-up-to-${m[1]}.content_type`)?.trim();
    const format = contentType === undefined ? undefined : /;\s*version=v(\d+)\s*(?:;|$)/i.exec(contentType);
    if (!format || !HEADER_VALUE.test(contentType!)) continue;
    out.push({ dcos: m[1]!, format: Number(format[1]), contentType: contentType! });
  }
  return out.sort((a, b) => compareLooseVersions(a.dcos, b.dcos));
}
