import type { Catalog } from '../catalog/types.js';
import { readText } from '../catalog/load.js';
import { offsetToLineColumn, pointerLocator } from '../json/document.js';
import { compareDiagnostics } from '../diagnostics/sort.js';
import type { Diagnostic, Finding, PolicySeverity, Severity } from '../diagnostics/types.js';
import type { RepositorySettings } from '../policy/settings.js';
import { Analysis } from './analysis.js';
import type { Rule, RuleContext, RuleMeta } from './types.js';

/** Which part of the catalog to check; by default all of it. */
export interface RunScope {
  /** Only revisions whose folder is in this set (catalog rules still run). */
  revisionDirs?: ReadonlySet<string>;
  /** Only packages whose folder is in this set. */
  packageDirs?: ReadonlySet<string>;
  /**
   * What the new-revision policy judges (every rule at its full severity, see RuleMeta): `all`,
   * or the paths (revision folders, package folders, files) a change added or modified; a
   * finding is new when its file is one of them or lies below one. Everything else is judged by
   * the published policy. Default: nothing is new.
   */
  newPaths?: 'all' | ReadonlySet<string>;
}

/**
 * Runs rules over a catalog and returns located, sorted diagnostics. Rules that throw are a bug
 * of ours, not of the data: the error is reported as an `internal-error` diagnostic on the file
 * concerned instead of aborting the whole run.
 */
export async function runRules(
  catalog: Catalog,
  settings: RepositorySettings,
  rules: readonly Rule[],
  scope: RunScope = {},
  analysis: Analysis = new Analysis(catalog, settings),
): Promise<Diagnostic[]> {
  const ctx: RuleContext = { catalog, settings, analysis };
  const raw: Array<{ rule: RuleMeta; finding: Finding }> = [];
  const guard = (rule: Rule, where: string, fn: () => Finding[]): void => {
    let found: Finding[];
    try {
      found = fn();
    } catch (e) {
      found = [{ file: where, message: `internal error in rule ${rule.id}: ${e instanceof Error ? e.message : String(e)}; please report it`, data: { internal: true } }];
    }
    for (const finding of found) raw.push({ rule, finding });
  };
  for (const rule of rules) {
    if (rule.scope === 'catalog') guard(rule, 'packages', () => rule.check(ctx));
    else if (rule.scope === 'package') {
      for (const pkg of catalog.packages) {
        if (scope.packageDirs && !scope.packageDirs.has(pkg.dir)) continue;
        guard(rule, pkg.dir, () => rule.check(pkg, ctx));
      }
    } else {
      for (const pkg of catalog.packages) {
        for (const rev of pkg.revisions) {
          if (scope.revisionDirs && !scope.revisionDirs.has(rev.dir)) continue;
          guard(rule, rev.dir, () => rule.check(rev, ctx));
        }
      }
    }
  }
  const texts = new Map<string, Promise<string | undefined>>();
  let kept: Map<string, string> | undefined;
  const textOf = (file: string): Promise<string | undefined> => {
    let t = texts.get(file);
    if (!t) {
      kept ??= keptTexts(catalog);
      const k = kept.get(file);
      texts.set(file, (t = k !== undefined ? Promise.resolve(k) : readText(catalog.snapshot, file, catalog.limits)));
    }
    return t;
  };
  // A rule's findings come file by file, so keeping the last file's parse tree saves a parse per
  // finding without holding a tree for every file with a diagnostic.
  let last: { file: string; locate: (pointer: string) => number } | undefined;
  const locate = (file: string, text: string, pointer: string): number => {
    if (last?.file !== file) last = { file, locate: pointerLocator(text) };
    return last.locate(pointer);
  };
  const out: Diagnostic[] = [];
  for (const { rule, finding } of raw) {
    const severity = severityFor(rule, finding, ctx.analysis, settings, isNew(scope.newPaths, finding.file));
    if (severity === 'off') continue;
    const code = finding.data?.internal ? 'internal-error' : rule.id;
    const pointer = finding.pointer ?? '';
    let line = 1;
    let column = 1;
    if (finding.offset !== undefined || pointer !== '') {
      const text = await textOf(finding.file);
      if (text !== undefined) {
        const offset = finding.offset ?? (finding.file.endsWith('.json') ? locate(finding.file, text, pointer) : 0);
        ({ line, column } = offsetToLineColumn(text, offset));
      }
    }
    const d: Diagnostic = { code, severity, message: finding.message, file: finding.file, pointer, line, column };
    if (finding.data && !finding.data.internal) d.data = finding.data;
    if (finding.related) d.related = finding.related;
    out.push(d);
  }
  return out.sort(compareDiagnostics);
}

/**
 * The two policies. New (what a change adds or modifies): the repository's `rules` override, else
 * the rule's full severity, whatever the packaging version. Published: a legacy revision takes
 * `legacyRules`, `rules`, then the rule's legacy severity; any other finding `rules`, then the
 * rule's published severity.
 */
function severityFor(rule: RuleMeta, finding: Finding, analysis: Analysis, settings: RepositorySettings, isNewFinding: boolean): PolicySeverity {
  if (finding.data?.internal) return 'error';
  const { rules, legacyRules } = settings.policy;
  if (isNewFinding) return rules[rule.id] ?? rule.severity;
  const published = rule.publishedSeverity ?? rule.severity;
  const rev = analysis.revisionOf(finding.file);
  if (rev !== undefined && analysis.isLegacy(rev)) return legacyRules[rule.id] ?? rules[rule.id] ?? rule.legacySeverity ?? published;
  return rules[rule.id] ?? published;
}

/** Whether a finding's file is, or lies below, one of the new paths. */
function isNew(newPaths: RunScope['newPaths'], file: string): boolean {
  if (newPaths === undefined) return false;
  if (newPaths === 'all') return true;
  for (let i = file.indexOf('/'); i !== -1; i = file.indexOf('/', i + 1)) if (newPaths.has(file.slice(0, i))) return true;
  return newPaths.has(file);
}

/**
 * The texts the catalog kept (templates), by path: built once, so locating a diagnostic costs a
 * lookup rather than a search of every package. JSON texts are not kept and are re-read.
 */
function keptTexts(catalog: Catalog): Map<string, string> {
  const out = new Map<string, string>();
  for (const pkg of catalog.packages) {
    for (const rev of pkg.revisions) {
      for (const f of Object.values(rev.files)) if (f?.text !== undefined) out.set(f.path, f.text);
    }
  }
  return out;
}

/** Counts diagnostics by severity. */
export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) c[d.severity]++;
  return c;
}
