import type { Catalog, PackageDir, Revision } from '../catalog/types.js';
import type { Finding, Severity } from '../diagnostics/types.js';
import type { Analysis } from './analysis.js';
import type { RepositorySettings } from '../policy/settings.js';

/** What every rule declares: a stable kebab-case id (its file name), a one-line description, severities. */
export interface RuleMeta {
  id: string;
  description: string;
  /**
   * Severity under the new-revision policy: for what a change adds or modifies (`universe check`)
   * and for `validate --policy new`. The full severity, whatever the packaging version.
   */
  severity: Severity;
  /**
   * Severity for a published revision (plain `validate`, and revisions a change leaves untouched)
   * in the current packaging version: a defect worth a warning once published but never worth
   * adding. Defaults to `severity`.
   */
  publishedSeverity?: Severity;
  /**
   * Severity for a published revision in a legacy packaging version
   * (policy.legacyPackagingVersions), where the DC/OS Universe tolerated the defect and real
   * packages have it. Defaults to `publishedSeverity`, then `severity`.
   */
  legacySeverity?: Severity;
}

/** Shared state for one validation run: the catalog, the settings, and memoised analyses. */
export interface RuleContext {
  catalog: Catalog;
  settings: RepositorySettings;
  /** Per-revision analyses (parsed documents, defaults, renders) computed once for all rules. */
  analysis: Analysis;
}

/** A rule that looks at one revision at a time. */
export interface RevisionRule extends RuleMeta {
  scope: 'revision';
  check(revision: Revision, ctx: RuleContext): Finding[];
}

/** A rule that looks at one package (all its revisions) at a time. */
export interface PackageRule extends RuleMeta {
  scope: 'package';
  check(pkg: PackageDir, ctx: RuleContext): Finding[];
}

/** A rule that looks at the whole catalog (layout, settings, cross-package references). */
export interface CatalogRule extends RuleMeta {
  scope: 'catalog';
  check(ctx: RuleContext): Finding[];
}

/** Any rule. */
export type Rule = RevisionRule | PackageRule | CatalogRule;
