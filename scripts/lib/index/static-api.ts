/**
 * The static directory API (schema/static-api.schema.json), written beside the native index so
 * that plain static hosting answers the same URLs as `universe serve`:
 *
 * - per package, as packages are added: `packages/<name>/versions.json` and, per version,
 *   `packages/<name>/<version>/spec.json` (serialized into one buffer; no .gz siblings, see
 *   addPackage);
 * - at the end: `packages.json`, `packages-<category>.json` per declared category (even empty)
 *   and `categories.json`, from the small summaries kept in memory.
 */
import { compareStrings } from '../diagnostics/sort.js';
import type { RuleContext } from '../rules/types.js';
import type { StaticCategory } from '../schema/types.generated.js';
import type { Emitter, FinishContext } from './emitter.js';
import { gzipSync } from './gzip.js';
import { indexPackage } from './native.js';
import { PackageBuffer, view, type Region } from './package-buffer.js';
import type { PlannedPackage } from './plan.js';
import type { SerializedPackage } from './serialize.js';
import { specPieces, specRevisions } from './spec.js';
import { renderWithDefaults } from './spec-render.js';
import { packageSummary, versionList, type StaticPackageSummary } from './static-summary.js';
import type { ArtifactWriter } from './writer.js';

/**
 * Package names that get a folder of their own: a name with a dot could collide with another
 * package's `packages/<name>.json` (validation rejects such names; the build must not break).
 */
const FOLDER_NAME = /^[a-z0-9][a-z0-9_-]*$/i;
/** Category ids as repository.json's schema allows them: they become file names. */
const CATEGORY_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Writes the static directory API into an artifact; see the file comment. */
export class StaticEmitter implements Emitter {
  /** Renders, serializing, creating files and folders (not writing or hashing them). */
  readonly packagePhase = 'static';
  private readonly summaries: StaticPackageSummary[] = [];

  /**
   * @param level gzip level, or undefined for no .gz files.
   * @param ctx the validation's context: its memoised renders are reused for `rendered`.
   */
  constructor(
    private readonly writer: ArtifactWriter,
    private readonly level: number | undefined,
    private readonly ctx: RuleContext,
  ) {}

  /**
   * Writes a package's versions.json and spec.json files now, from what index.json gets for the
   * same revisions (`serialized.index`). Nothing to compress: these files get no .gz siblings.
   * A package whose name cannot be a folder name is left out of the static API.
   */
  addPackage(pkg: PlannedPackage, serialized: SerializedPackage): undefined {
    const { index } = serialized;
    if (!FOLDER_NAME.test(pkg.name)) return undefined;
    const entry = indexPackage(pkg.name, index);
    this.summaries.push(packageSummary(entry, pkg.revisions[pkg.revisions.length - 1]!.data));
    const layout = new PackageBuffer();
    const files: Array<{ path: string; region: Region }> = [];
    const base = `packages/${pkg.name}`;
    files.push({ path: `${base}/versions.json`, region: layout.add([Buffer.from(JSON.stringify({ name: pkg.name, versions: versionList(entry) }))]) });
    for (const { folder, index: i } of specRevisions(pkg.revisions)) {
      const render = renderWithDefaults(pkg.revisions[i]!.rev, this.ctx);
      files.push({ path: `${base}/${folder}/spec.json`, region: layout.add(specPieces(pkg.name, index[i]!.parts, render)) });
    }
    const buf = layout.seal();
    for (const f of files) this.writer.write(f.path, [view(buf, f.region)]);
    // No .gz siblings for the per-package files: they are small and there are two per version
    // (tens of thousands in a large universe), so siblings would double the files written for
    // little gain; servers compress them on the fly.
    return undefined;
  }

  /**
   * Writes packages.json, packages-<category>.json per category declared in the settings, and
   * categories.json.
   */
  finish(fin: FinishContext): void {
    const declared = fin.settings.categories;
    const all = [...this.summaries].sort((a, b) => compareStrings(a.name, b.name));
    // packages.json also names the universe, so the catalogue paints its title with its first request.
    const repository = { name: fin.settings.name, ...(fin.settings.description !== undefined ? { description: fin.settings.description } : {}) };
    this.json('packages.json', { repository, packages: all });
    const seen = new Set<string>();
    const categories: StaticCategory[] = [];
    for (const c of [...declared].sort((a, b) => compareStrings(a.id, b.id))) {
      // Settings are schema-validated; still, a file name never comes from unchecked data.
      if (typeof c.id !== 'string' || !CATEGORY_ID.test(c.id) || seen.has(c.id)) continue;
      seen.add(c.id);
      const packages = all.filter((s) => s.categories.includes(c.id));
      this.json(`packages-${c.id}.json`, { packages });
      categories.push({ id: c.id, title: String(c.title), ...(typeof c.description === 'string' ? { description: c.description } : {}), packages: packages.length });
    }
    this.json('categories.json', { categories });
  }

  /** Writes a small JSON file (and its .gz, compressed here). */
  private json(path: string, value: unknown): void {
    const bytes = Buffer.from(JSON.stringify(value));
    this.writer.write(path, [bytes]);
    if (this.level !== undefined) this.writer.write(`${path}.gz`, gzipSync(bytes, this.level));
  }
}
