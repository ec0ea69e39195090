/**
 * Reading one package straight from a repository folder (no build): its revisions as the
 * native index would carry them. Only that package's folder is read.
 */
import { loadCatalogSubset, loadFile, readText } from '../catalog/load.js';
import { DEFAULT_LIMITS, SETTINGS_FILE, type LoadedFile, type Revision } from '../catalog/types.js';
import { CannotRunError } from '../diagnostics/errors.js';
import { readRevision } from '../index/revision-data.js';
import { defaultSettings, resolveSettings, type RepositorySettings } from '../policy/settings.js';
import { Analysis } from '../rules/analysis.js';
import { validateSettings } from '../schema/validators.js';
import { WorktreeSnapshot } from '../snapshot/worktree.js';
import type { RevisionDocument } from './types.js';
import { packagesFolderProblem } from '../snapshot/packages-folder.js';

/** A revision read from the repository. */
export interface RepoRevision {
  doc: RevisionDocument;
  /** The revision folder, repository-relative (`packages/E/emberkv/2`). */
  dir: string;
}

/** A package read from the repository. */
export interface RepoPackage {
  name: string;
  /** Usable revisions, ascending. */
  revisions: RepoRevision[];
  /** Revision folders that could not be used (a file unreadable or malformed: `universe validate` says why). */
  unusable: Array<{ dir: string; revision?: number }>;
  /** Reads a repository-relative file's text (to locate diagnostics); undefined when unreadable. */
  text(path: string): Promise<string | undefined>;
}

/** What {@link openRepoPackage} found. */
export interface RepoLookup {
  /** The package, when the repository has a folder of that name. */
  package?: RepoPackage;
  /** Every package folder name in the repository, sorted (for suggestions). */
  names: string[];
}

/**
 * Reads the package `name` from the repository folder `repoDir` (the one that holds packages/).
 * Throws CannotRunError when `repoDir` has no packages/ folder; `label` names it in messages.
 */
export async function openRepoPackage(repoDir: string, name: string, label = repoDir): Promise<RepoLookup> {
  const snapshot = new WorktreeSnapshot(repoDir);
  const top = await snapshot.list('');
  if (top === undefined) throw new CannotRunError(`${label} is not a folder: point --repo at the folder that holds packages/`);
  const problem = packagesFolderProblem(label, top);
  if (problem) throw new CannotRunError(problem);
  const { settings, file } = await readSettings(snapshot, top.some((e) => e.name === SETTINGS_FILE));
  const catalog = await loadCatalogSubset(snapshot, settings.limits, file, (_letter, n) => n === name);
  const names = [...new Set(catalog.letters.flatMap((l) => l.entries.filter((e) => e.kind === 'dir').map((e) => e.name)))].sort();
  const dir = catalog.packages.find((p) => p.name === name);
  if (!dir) return { names };
  const analysis = new Analysis(catalog, settings);
  const revisions: RepoRevision[] = [];
  const unusable: RepoPackage['unusable'] = [];
  for (const rev of dir.revisions) {
    const doc = revisionDocument(rev, analysis);
    if (doc) revisions.push({ doc, dir: rev.dir });
    else unusable.push(rev.number !== undefined ? { dir: rev.dir, revision: rev.number } : { dir: rev.dir });
  }
  return { names, package: { name, revisions, unusable, text: (p) => readText(snapshot, p, settings.limits) } };
}

/** A catalog revision as a package-document entry (without digest); undefined when it cannot be used. */
function revisionDocument(rev: Revision, analysis: Analysis): RevisionDocument | undefined {
  const d = readRevision(rev, analysis);
  if (!d) return undefined;
  const doc = { revision: d.number, package: d.pkg } as RevisionDocument;
  if (d.config !== undefined) doc.config = d.config as RevisionDocument['config'];
  if (d.resource !== undefined) doc.resource = d.resource as RevisionDocument['resource'];
  if (d.command !== undefined) doc.command = d.command as RevisionDocument['command'];
  if (d.marathon) doc.marathonTemplate = d.marathon.text;
  if (d.aurora) doc.auroraTemplate = d.aurora.text;
  return doc;
}

/** repository.json, as validation reads it: invalid settings fall back to the defaults. */
async function readSettings(snapshot: WorktreeSnapshot, present: boolean): Promise<{ settings: RepositorySettings; file?: LoadedFile }> {
  if (!present) return { settings: defaultSettings() };
  const file = await loadFile(snapshot, SETTINGS_FILE, DEFAULT_LIMITS);
  const value = file.json && !file.json.syntaxError ? file.json.value : undefined;
  if (value === undefined || validateSettings(value).length > 0) return { settings: defaultSettings(), file };
  return { settings: resolveSettings(value), file };
}
