import { decodeUtf8, type DecodedText } from '../json/decode.js';
import { parseJsonText } from '../json/document.js';
import { compareStrings } from '../diagnostics/sort.js';
import { UnreadableFolderError, type EntryKind, type ReadFailure, type ReadResult, type Snapshot, type SnapshotEntry } from '../snapshot/types.js';
import {
  DEFAULT_LIMITS,
  REVISION_FILES,
  SETTINGS_FILE,
  type Catalog,
  type LetterDir,
  type Limits,
  type LoadedFile,
  type PackageDir,
  type Revision,
  type RevisionFileName,
} from './types.js';

const KNOWN = new Set<string>(REVISION_FILES);
const REVISION_NUMBER = /^(0|[1-9][0-9]{0,8})$/;

/**
 * Reads a snapshot into a catalog: every letter, package and revision folder, each known file
 * read once, decoded and (for JSON) parsed. Never throws on bad data: what is wrong is recorded
 * on the loaded file for the rules to report.
 */
export async function loadCatalog(
  snapshot: Snapshot,
  limits: Limits = DEFAULT_LIMITS,
  preloadedSettings?: LoadedFile,
): Promise<Catalog> {
  return loadCatalogSubset(snapshot, limits, preloadedSettings, () => true);
}

/**
 * {@link loadCatalog}, loading only the package folders `pick` selects: every letter folder is
 * still listed (so layout rules and name lookups see the whole universe), but revisions and files
 * are read for the picked packages alone. Checking a change reads what it touches, not the
 * repository. More packages can be added later with {@link addPackages}.
 */
export async function loadCatalogSubset(
  snapshot: Snapshot,
  limits: Limits,
  preloadedSettings: LoadedFile | undefined,
  pick: (letter: string, name: string) => boolean,
): Promise<Catalog> {
  const catalog: Catalog = {
    snapshot,
    limits,
    hasPackagesDir: false,
    packagesEntries: [],
    letters: [],
    packages: [],
    filesRead: 0,
  };
  const top = (await snapshot.list('')) ?? [];
  if (preloadedSettings) {
    catalog.settings = preloadedSettings;
    catalog.filesRead++;
  } else if (top.some((e) => e.name === SETTINGS_FILE)) {
    catalog.settings = await loadFile(snapshot, SETTINGS_FILE, limits);
    catalog.filesRead++;
  }
  const unreadable: Unreadable = (catalog.unreadableDirs = []);
  const packagesEntries = top.some((e) => e.name === 'packages' && e.kind === 'dir') ? await listDir(snapshot, 'packages', unreadable) : undefined;
  if (!packagesEntries) return catalog;
  catalog.hasPackagesDir = true;
  catalog.packagesEntries = packagesEntries;
  for (const letterEntry of packagesEntries) {
    if (letterEntry.kind !== 'dir') continue;
    const letterDir = `packages/${letterEntry.name}`;
    const letterEntries = (await listDir(snapshot, letterDir, unreadable)) ?? [];
    const letter: LetterDir = { name: letterEntry.name, dir: letterDir, entries: letterEntries };
    catalog.letters.push(letter);
    for (const pkgEntry of letterEntries) {
      if (pkgEntry.kind !== 'dir' || !pick(letter.name, pkgEntry.name)) continue;
      const pkg = await loadPackage(snapshot, letter, pkgEntry.name, limits, unreadable);
      if (!pkg) continue;
      catalog.filesRead += pkg.revisions.reduce((n, r) => n + Object.keys(r.files).length, 0);
      catalog.packages.push(pkg);
    }
  }
  catalog.packages.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.letter, b.letter));
  return catalog;
}

/**
 * Loads more package folders into a catalog made by {@link loadCatalogSubset} (those already
 * loaded, or whose letter folder does not list them, are skipped) and keeps the packages sorted.
 * Returns the packages added.
 */
export async function addPackages(catalog: Catalog, dirs: ReadonlyArray<{ letter: string; name: string }>): Promise<PackageDir[]> {
  const have = new Set(catalog.packages.map((p) => p.dir));
  const added: PackageDir[] = [];
  for (const { letter, name } of dirs) {
    const l = catalog.letters.find((x) => x.name === letter);
    if (!l || have.has(`${l.dir}/${name}`) || !l.entries.some((e) => e.name === name && e.kind === 'dir')) continue;
    const pkg = await loadPackage(catalog.snapshot, l, name, catalog.limits, (catalog.unreadableDirs ??= []));
    if (!pkg) continue;
    catalog.filesRead += pkg.revisions.reduce((n, r) => n + Object.keys(r.files).length, 0);
    catalog.packages.push(pkg);
    have.add(pkg.dir);
    added.push(pkg);
  }
  catalog.packages.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.letter, b.letter));
  return added;
}

/** Where the loader records folders it could not list. */
type Unreadable = NonNullable<Catalog['unreadableDirs']>;

/** A folder that exists but could not be listed, as {@link listDir} returns it. */
const UNREADABLE: SnapshotEntry[] = [];

/**
 * Lists a folder of the catalog. One that exists but cannot be listed is recorded (the
 * folder-unreadable rule reports it) and returned as {@link UNREADABLE}: the package or revision
 * it holds is left out of the catalog, and one run still checks the rest.
 */
async function listDir(snapshot: Snapshot, dir: string, unreadable: Unreadable): Promise<SnapshotEntry[] | undefined> {
  try {
    return await snapshot.list(dir);
  } catch (e) {
    if (!(e instanceof UnreadableFolderError)) throw e;
    unreadable.push({ dir, detail: e.detail });
    return UNREADABLE;
  }
}

/** A package folder, or undefined when it cannot be listed (recorded in `unreadable`). */
async function loadPackage(snapshot: Snapshot, letter: LetterDir, name: string, limits: Limits, unreadable: Unreadable): Promise<PackageDir | undefined> {
  const dir = `${letter.dir}/${name}`;
  const listed = await listDir(snapshot, dir, unreadable);
  if (listed === UNREADABLE) return undefined;
  const entries = listed ?? [];
  const revisions: Revision[] = [];
  for (const revEntry of entries) {
    if (revEntry.kind !== 'dir') continue;
    const revDir = `${dir}/${revEntry.name}`;
    const revListed = await listDir(snapshot, revDir, unreadable);
    if (revListed === UNREADABLE) continue;
    const revEntries = revListed ?? [];
    const files: Revision['files'] = {};
    for (const e of revEntries) {
      if (!KNOWN.has(e.name)) continue;
      const loaded = loadFileNow(snapshot, `${revDir}/${e.name}`, limits, e.kind);
      files[e.name as RevisionFileName] = loaded instanceof Promise ? await loaded : loaded;
    }
    revisions.push({
      packageName: name,
      dir: revDir,
      folder: revEntry.name,
      number: REVISION_NUMBER.test(revEntry.name) ? Number(revEntry.name) : undefined,
      entries: revEntries,
      files,
    });
  }
  revisions.sort(
    (a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || compareStrings(a.folder, b.folder),
  );
  return { name, letter: letter.name, dir, entries, revisions };
}

/**
 * Reads, decodes and (for `.json`) parses one file, recording every problem instead of throwing.
 * `kind` is the entry kind the listing gave, when known (see Snapshot.read).
 */
export async function loadFile(snapshot: Snapshot, path: string, limits: Limits, kind?: EntryKind): Promise<LoadedFile> {
  return loadFileNow(snapshot, path, limits, kind);
}

/**
 * {@link loadFile} without a promise when the snapshot reads synchronously: per file, the
 * promise and the await cost more than reading a small file from the page cache.
 */
function loadFileNow(snapshot: Snapshot, path: string, limits: Limits, kind?: EntryKind): LoadedFile | Promise<LoadedFile> {
  const load = (read: ReadResult): LoadedFile => loadedFromDecoded(path, decodeRead(read), limits);
  if (snapshot.readTransientSync) return load(snapshot.readTransientSync(path, limits.maxFileBytes, kind));
  return snapshot.read(path, limits.maxFileBytes, kind).then(load);
}

/** A file as read and decoded, not yet parsed: a read failure, or the byte size and the decoding. */
type DecodedFile = { failure: ReadFailure } | { size: number; decoded: DecodedText };

/** Decodes what was read (copying the bytes: they may be a reused buffer). */
function decodeRead(read: ReadResult): DecodedFile {
  return read.ok ? { size: read.bytes.byteLength, decoded: decodeUtf8(read.bytes) } : { failure: read };
}

/** Parses a decoded file into what the catalog holds. */
function loadedFromDecoded(path: string, file: DecodedFile, limits: Limits): LoadedFile {
  if ('failure' in file) return { path, failure: file.failure, size: 0, bom: false };
  const { decoded } = file;
  const out: LoadedFile = { path, size: file.size, bom: decoded.bom };
  if (decoded.text === undefined) {
    out.invalidUtf8At = decoded.invalidUtf8At ?? 0;
    return out;
  }
  if (path.endsWith('.json')) {
    out.json = parseJsonText(decoded.text, { maxDepth: limits.maxJsonDepth, checkAscii: !decoded.ascii });
  } else {
    out.text = decoded.text;
  }
  return out;
}

/** Re-reads a file's text (with any BOM removed) to locate diagnostics in it; undefined when unreadable. */
export async function readText(snapshot: Snapshot, path: string, limits: Limits): Promise<string | undefined> {
  // Decoding copies the bytes, so a transient read is enough.
  const read = snapshot.readTransientSync ? snapshot.readTransientSync(path, limits.maxFileBytes) : await snapshot.read(path, limits.maxFileBytes);
  if (!read.ok) return undefined;
  return decodeUtf8(read.bytes).text;
}
