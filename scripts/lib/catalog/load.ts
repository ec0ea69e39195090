import { decodeUtf8 } from '../json/decode.js';
import { parseJsonText } from '../json/document.js';
import { compareStrings } from '../diagnostics/sort.js';
import type { EntryKind, ReadResult, Snapshot } from '../snapshot/types.js';
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
  const packagesEntries = top.some((e) => e.name === 'packages' && e.kind === 'dir') ? await snapshot.list('packages') : undefined;
  if (!packagesEntries) return catalog;
  catalog.hasPackagesDir = true;
  catalog.packagesEntries = packagesEntries;
  for (const letterEntry of packagesEntries) {
    if (letterEntry.kind !== 'dir') continue;
    const letterDir = `packages/${letterEntry.name}`;
    const letterEntries = (await snapshot.list(letterDir)) ?? [];
    const letter: LetterDir = { name: letterEntry.name, dir: letterDir, entries: letterEntries };
    catalog.letters.push(letter);
    for (const pkgEntry of letterEntries) {
      if (pkgEntry.kind !== 'dir' || !pick(letter.name, pkgEntry.name)) continue;
      const pkg = await loadPackage(snapshot, letter, pkgEntry.name, limits);
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
    const pkg = await loadPackage(catalog.snapshot, l, name, catalog.limits);
    catalog.filesRead += pkg.revisions.reduce((n, r) => n + Object.keys(r.files).length, 0);
    catalog.packages.push(pkg);
    have.add(pkg.dir);
    added.push(pkg);
  }
  catalog.packages.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.letter, b.letter));
  return added;
}

async function loadPackage(snapshot: Snapshot, letter: LetterDir, name: string, limits: Limits): Promise<PackageDir> {
  const dir = `${letter.dir}/${name}`;
  const entries = (await snapshot.list(dir)) ?? [];
  const revisions: Revision[] = [];
  for (const revEntry of entries) {
    if (revEntry.kind !== 'dir') continue;
    const revDir = `${dir}/${revEntry.name}`;
    const revEntries = (await snapshot.list(revDir)) ?? [];
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
  if (snapshot.readTransientSync) return toLoadedFile(path, snapshot.readTransientSync(path, limits.maxFileBytes, kind), limits);
  return snapshot.read(path, limits.maxFileBytes, kind).then((read) => toLoadedFile(path, read, limits));
}

/** Decodes and parses what was read; the bytes are not kept (they may be a reused buffer). */
function toLoadedFile(path: string, read: ReadResult, limits: Limits): LoadedFile {
  if (!read.ok) return { path, failure: read, size: 0, bom: false };
  const decoded = decodeUtf8(read.bytes);
  const file: LoadedFile = { path, size: read.bytes.byteLength, bom: decoded.bom };
  if (decoded.text === undefined) {
    file.invalidUtf8At = decoded.invalidUtf8At ?? 0;
    return file;
  }
  if (path.endsWith('.json')) {
    file.json = parseJsonText(decoded.text, { maxDepth: limits.maxJsonDepth, checkAscii: !decoded.ascii });
  } else {
    file.text = decoded.text;
  }
  return file;
}

/** Re-reads a file's text (with any BOM removed) to locate diagnostics in it; undefined when unreadable. */
export async function readText(snapshot: Snapshot, path: string, limits: Limits): Promise<string | undefined> {
  // Decoding copies the bytes, so a transient read is enough.
  const read = snapshot.readTransientSync ? snapshot.readTransientSync(path, limits.maxFileBytes) : await snapshot.read(path, limits.maxFileBytes);
  if (!read.ok) return undefined;
  return decodeUtf8(read.bytes).text;
}
