import type { PolicySeverity } from '../diagnostics/types.js';

/** A category packages may declare (packaging version 6.0). */
export interface CategorySetting {
  id: string;
  title: string;
  description?: string;
}

/**
 * Which policy judges a revision: `published` (a revision already out there: legacy packaging
 * versions keep their milder severities) or `new` (a revision being added or changed: every rule
 * at its full severity). `universe check` decides per revision from git history; `validate`
 * has no history and uses `published` unless told otherwise.
 */
export type PolicyName = 'published' | 'new';

/** The policy names, for argument parsing. */
export const POLICY_NAMES: readonly PolicyName[] = ['published', 'new'];

/** How severities are decided. */
export interface Policy {
  /** Severity overrides by rule id, for every revision. */
  rules: Record<string, PolicySeverity>;
  /** Severity overrides by rule id for revisions in a legacy packaging version (win over `rules`). */
  legacyRules: Record<string, PolicySeverity>;
  /** Packaging versions treated as legacy: rules use their `legacySeverity` there. */
  legacyPackagingVersions: string[];
  /**
   * Top-level members of each revision file that are metadata: a published revision may change
   * them in place (universe check reports it as info) because they do not change what it deploys.
   */
  metadata: Record<string, string[]>;
}

/** The metadata members when repository.json does not list them (see {@link Policy.metadata}). */
const DEFAULT_METADATA: Readonly<Record<string, readonly string[]>> = {
  'package.json': [
    'categories',
    'deprecated',
    'description',
    'hasKnownIssues',
    'images',
    'lastUpdated',
    'licenses',
    'maintainer',
    'postInstallNotes',
    'postUninstallNotes',
    'preInstallNotes',
    'scm',
    'selected',
    'tags',
    'website',
  ],
  'resource.json': ['images'],
};

function defaultMetadata(): Record<string, string[]> {
  return Object.fromEntries(Object.entries(DEFAULT_METADATA).map(([k, v]) => [k, [...v]]));
}

/**
 * A universe this one falls through to (repository.json `upstreams`), below the local packages
 * and the upstreams listed before it. Patterns are glob-style package-name patterns.
 */
export interface Upstream {
  /** Unique, kebab-case, never `local`. */
  name: string;
  /** A built universe (http(s) URL, folder, or its index.json) or a DC/OS repository JSON (URL or file), as written. */
  url: string;
  /** The names this layer may offer; undefined: every name. */
  include?: string[];
  /** Names this layer never offers. */
  exclude: string[];
  /** Names that never fall through past this layer. */
  terminating: string[];
}

/** The repository settings (`repository.json`), with defaults filled in. */
export interface RepositorySettings {
  formatVersion: string;
  name: string;
  description?: string;
  categories: CategorySetting[];
  policy: Policy;
  limits: { maxFileBytes: number; maxJsonDepth: number };
  /** The upstream layers, highest first (the local packages are always the layer above them all). */
  upstreams: Upstream[];
  /** Name patterns this universe owns: never resolved from an upstream, even without a local package. */
  terminating: string[];
}

/** The packaging versions the DC/OS Universe defined; 6.0 is ours. */
const LEGACY_PACKAGING_VERSIONS = ['2.0', '3.0', '4.0', '5.0'];

/** Settings used for a folder without `repository.json` (e.g. the DC/OS Universe itself). */
export function defaultSettings(): RepositorySettings {
  return {
    formatVersion: '1.0',
    name: 'universe',
    categories: [],
    policy: { rules: {}, legacyRules: {}, legacyPackagingVersions: [...LEGACY_PACKAGING_VERSIONS], metadata: defaultMetadata() },
    limits: { maxFileBytes: 1024 * 1024, maxJsonDepth: 64 },
    upstreams: [],
    terminating: [],
  };
}

/**
 * Fills defaults into a settings value that has passed schema validation. Never trusts the
 * shape beyond what the schema guarantees.
 */
export function resolveSettings(value: unknown): RepositorySettings {
  const d = defaultSettings();
  if (!value || typeof value !== 'object' || Array.isArray(value)) return d;
  const v = value as Record<string, unknown>;
  const policy = (v.policy ?? {}) as Partial<Policy>;
  const limits = (v.limits ?? {}) as Partial<RepositorySettings['limits']>;
  return {
    formatVersion: typeof v.formatVersion === 'string' ? v.formatVersion : d.formatVersion,
    name: typeof v.name === 'string' ? v.name : d.name,
    ...(typeof v.description === 'string' ? { description: v.description } : {}),
    categories: Array.isArray(v.categories) ? (v.categories as CategorySetting[]) : [],
    policy: {
      rules: { ...(policy.rules ?? {}) },
      legacyRules: { ...(policy.legacyRules ?? {}) },
      legacyPackagingVersions: policy.legacyPackagingVersions ?? d.policy.legacyPackagingVersions,
      // A file listed replaces its default list; the schema allows only the four revision JSON files.
      metadata: { ...d.policy.metadata, ...(policy.metadata ?? {}) },
    },
    limits: {
      maxFileBytes: limits.maxFileBytes ?? d.limits.maxFileBytes,
      maxJsonDepth: limits.maxJsonDepth ?? d.limits.maxJsonDepth,
    },
    upstreams: Array.isArray(v.upstreams) ? (v.upstreams as Array<Record<string, unknown>>).map(upstream) : [],
    terminating: strings(v.terminating),
  };
}

/** An upstream as validated by the schema, with its defaults. */
function upstream(u: Record<string, unknown>): Upstream {
  return {
    name: String(u.name),
    url: String(u.url),
    ...(Array.isArray(u.include) ? { include: strings(u.include) } : {}),
    exclude: strings(u.exclude),
    terminating: strings(u.terminating),
  };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
