import { loadCatalog, loadFile } from '../catalog/load.js';
import { DEFAULT_LIMITS, SETTINGS_FILE, type Catalog, type LoadedFile } from '../catalog/types.js';
import type { Diagnostic, Summary } from '../diagnostics/types.js';
import { defaultSettings, resolveSettings, type PolicyName, type RepositorySettings } from '../policy/settings.js';
import { Analysis, type AnalysisOptions } from '../rules/analysis.js';
import { RULES } from '../rules/registry.js';
import { countBySeverity, runRules } from '../rules/run.js';
import type { Rule } from '../rules/types.js';
import { validateSettings } from '../schema/validators.js';
import type { Snapshot, SnapshotEntry } from '../snapshot/types.js';
import { CannotRunError } from './errors.js';
import { packagesFolderProblem } from '../snapshot/packages-folder.js';

/** Everything a validation run produced; `catalog` and `analysis` are reused by the build. */
export interface ValidationResult {
  diagnostics: Diagnostic[];
  summary: Summary;
  catalog: Catalog;
  settings: RepositorySettings;
  analysis: Analysis;
}

/** Options of {@link validateSnapshot}. */
export interface ValidateOptions extends AnalysisOptions {
  /** Judge every revision as published (the default: legacy leniency applies) or as new. */
  policy?: PolicyName;
}

/**
 * Reads the repository settings, loads the catalog within the configured limits and runs every
 * rule; `options` configure the {@link Analysis} a build reuses. Throws {@link CannotRunError}
 * only when there is nothing to validate.
 */
export async function validateSnapshot(snapshot: Snapshot, rules: readonly Rule[] = RULES, options: ValidateOptions = {}): Promise<ValidationResult> {
  const top = await snapshot.list('');
  if (top === undefined) throw new CannotRunError(`${snapshot.label} is not a folder`);
  const problem = packagesFolderProblem(snapshot.label, top);
  if (problem) throw new CannotRunError(problem);
  const { settings, file } = await readSettings(snapshot, top);
  const catalog = await loadCatalog(snapshot, settings.limits, file);
  const analysis = new Analysis(catalog, settings, options);
  const diagnostics = await runRules(catalog, settings, rules, options.policy === 'new' ? { newPaths: 'all' } : {}, analysis);
  const counts = countBySeverity(diagnostics);
  let revisions = 0;
  for (const p of catalog.packages) revisions += p.revisions.length;
  return {
    diagnostics,
    summary: {
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      packages: catalog.packages.length,
      revisions,
      files: catalog.filesRead,
    },
    catalog,
    settings,
    analysis,
  };
}

/**
 * Loads repository.json; invalid settings fall back to defaults (the settings rule reports why).
 * `top` is the snapshot's top listing when the caller has it.
 */
export async function readSettings(snapshot: Snapshot, top?: readonly SnapshotEntry[]): Promise<{ settings: RepositorySettings; file?: LoadedFile }> {
  const entries = top ?? (await snapshot.list('')) ?? [];
  if (!entries.some((e) => e.name === SETTINGS_FILE)) return { settings: defaultSettings() };
  const file = await loadFile(snapshot, SETTINGS_FILE, DEFAULT_LIMITS);
  const value = file.json && !file.json.syntaxError ? file.json.value : undefined;
  if (value === undefined || validateSettings(value).length > 0) return { settings: defaultSettings(), file };
  return { settings: resolveSettings(value), file };
}
