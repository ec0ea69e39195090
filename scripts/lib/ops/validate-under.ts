import { loadCatalogSubset } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { Analysis } from '../rules/analysis.js';
import { RULES } from '../rules/registry.js';
import { countBySeverity, runRules, type RunScope } from '../rules/run.js';
import type { Snapshot } from '../snapshot/types.js';
import { addDependencies } from './check-scope.js';
import { CannotRunError } from './errors.js';
import { readSettings, validateSnapshot, type ValidateOptions, type ValidationResult } from './validate.js';
import { packagesFolderProblem } from '../snapshot/packages-folder.js';

/** Whether a repository-relative path is `under` or inside it (`''` holds everything). */
function isUnder(file: string, under: string): boolean {
  return under === '' || file === under || file.startsWith(under + '/');
}

/**
 * Validates what lies under one path of a universe (a package folder, a revision folder, a file
 * in one, a letter folder, or the whole universe for `''`) and keeps the diagnostics about files
 * under it: the package rules of the packages there, and the catalog-wide rules where they
 * concern those files. The result is the full validation's, narrowed to the path: for a letter,
 * package or revision, only the packages under the path are read, with the packages they depend
 * on (the dependency rules read their versions), so one package of a large universe validates
 * in the time of that package. The summary counts what is under the path.
 */
export async function validateUnder(snapshot: Snapshot, under: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const parts = under === '' ? [] : under.split('/');
  if (parts[0] !== 'packages' || parts.length < 2) {
    const all = await validateSnapshot(snapshot, RULES, options);
    if (under === '') return all;
    return narrowed(all, under, all.diagnostics.filter((d) => isUnder(d.file, under)));
  }
  const top = await snapshot.list('');
  if (top === undefined) throw new CannotRunError(`${snapshot.label} is not a folder`);
  const problem = packagesFolderProblem(snapshot.label, top);
  if (problem) throw new CannotRunError(problem);
  const [, letter, name] = parts;
  const { settings, file } = await readSettings(snapshot, top);
  const catalog = await loadCatalogSubset(snapshot, settings.limits, file, (l, n) => l === letter && (name === undefined || n === name));
  const picked = new Set(catalog.packages.map((p) => p.dir));
  await addDependencies(catalog);
  const analysis = new Analysis(catalog, settings, options);
  const revisionDirs = new Set<string>();
  for (const p of catalog.packages) if (picked.has(p.dir)) for (const r of p.revisions) revisionDirs.add(r.dir);
  const scope: RunScope = { packageDirs: picked, revisionDirs, ...(options.policy === 'new' ? { newPaths: 'all' as const } : {}) };
  const diagnostics = (await runRules(catalog, settings, RULES, scope, analysis)).filter((d) => isUnder(d.file, under));
  return narrowed({ diagnostics, summary: { errors: 0, warnings: 0, infos: 0, packages: 0, revisions: 0, files: 0 }, catalog, settings, analysis }, under, diagnostics);
}

/** The result with only `diagnostics`, and a summary of what is under the path. */
function narrowed(result: ValidationResult, under: string, diagnostics: Diagnostic[]): ValidationResult {
  const counts = countBySeverity(diagnostics);
  const { packages, revisions, files } = countUnder(result.catalog, under);
  return { ...result, diagnostics, summary: { errors: counts.error, warnings: counts.warning, infos: counts.info, packages, revisions, files } };
}

/** Packages, revisions and loaded files under a path (a package counts when any of it is). */
function countUnder(catalog: Catalog, under: string): { packages: number; revisions: number; files: number } {
  let packages = 0;
  let revisions = 0;
  let files = under === '' && catalog.settings ? 1 : 0;
  for (const p of catalog.packages) {
    if (!isUnder(p.dir, under) && !isUnder(under, p.dir)) continue;
    packages++;
    for (const r of p.revisions) {
      if (!isUnder(r.dir, under) && !isUnder(under, r.dir)) continue;
      revisions++;
      for (const f of Object.values(r.files)) if (f && isUnder(f.path, under)) files++;
    }
  }
  return { packages, revisions, files };
}
