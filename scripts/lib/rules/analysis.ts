import type { Catalog, Revision, RevisionFileName } from '../catalog/types.js';
import { isJsonObject, type JsonObject } from '../json/object.js';
import type { RepositorySettings } from '../policy/settings.js';

/** Options of an {@link Analysis}. */
export interface AnalysisOptions {
  /**
   * Keep the text of every descriptor rendered with the default options (template-render,
   * aurora-render), for a build that publishes them (spec.json): it then renders nothing twice.
   * Off by default: validation alone keeps no rendered text, so its memory stays flat.
   */
  keepRenders?: boolean;
}

/**
 * Per-revision facts shared by the rules, each computed once per run: parsed documents, the
 * packaging version, and anything a rule memoises (defaults, renders) for the others.
 */
export class Analysis {
  // By revision object, not folder path: identity hashing is cheaper than hashing a string.
  private readonly memos = new Map<string, Map<Revision, unknown>>();
  private readonly byDir = new Map<string, Revision>();

  /** See {@link AnalysisOptions.keepRenders}. */
  readonly keepRenders: boolean;

  constructor(
    readonly catalog: Catalog,
    readonly settings: RepositorySettings,
    options: AnalysisOptions = {},
  ) {
    this.keepRenders = options.keepRenders === true;
    for (const p of catalog.packages) for (const r of p.revisions) this.byDir.set(r.dir, r);
  }

  /** The parsed value of a revision file, when it was read and parsed without a structural problem. */
  json(rev: Revision, name: RevisionFileName): unknown {
    const f = rev.files[name];
    if (!f?.json || f.json.syntaxError) return undefined;
    return f.json.value;
  }

  /** package.json as an object, when it parsed into one. */
  packageJson(rev: Revision): JsonObject | undefined {
    const v = this.json(rev, 'package.json');
    return isJsonObject(v) ? v : undefined;
  }

  /** package.json's `version` when it is a string. */
  packageVersion(rev: Revision): string | undefined {
    const v = this.packageJson(rev)?.version;
    return typeof v === 'string' ? v : undefined;
  }

  /** package.json's `packagingVersion` when it is a string. */
  packagingVersion(rev: Revision): string | undefined {
    const v = this.packageJson(rev)?.packagingVersion;
    return typeof v === 'string' ? v : undefined;
  }

  /** Whether the revision is in a legacy packaging version (rules may use a milder severity there). */
  isLegacy(rev: Revision): boolean {
    const pv = this.packagingVersion(rev);
    return pv !== undefined && this.settings.policy.legacyPackagingVersions.includes(pv);
  }

  /** The revision a repository-relative file path belongs to, if any. */
  revisionOf(file: string): Revision | undefined {
    // A revision folder is `packages/<L>/<name>/<revision>`: the first four segments.
    const parts = file.split('/');
    return parts.length >= 4 ? this.byDir.get(parts.slice(0, 4).join('/')) : undefined;
  }

  /** Computes `fn` once per revision and key; rules use it to share expensive work. */
  memo<T>(rev: Revision, key: string, fn: () => T): T {
    let m = this.memos.get(key);
    if (!m) this.memos.set(key, (m = new Map()));
    const known = m.get(rev);
    if (known !== undefined || m.has(rev)) return known as T;
    const v = fn();
    m.set(rev, v);
    return v;
  }
}
