import type { WorkItem } from './compress-job.js';
import type { Emitter, FinishContext, PackageWork } from './emitter.js';
import { gzipFile, gzipSync } from './gzip.js';
import { FORMAT_VERSION, indexPackage, type IndexPackage, type NativeIndex } from './native.js';
import { view } from './package-buffer.js';
import type { PlannedPackage } from './plan.js';
import type { SerializedPackage } from './serialize.js';
import type { ArtifactWriter } from './writer.js';

/**
 * Writes the native index: `packages/<name>.json` per package as packages are added, then
 * `index.json` at the end. Only the small index entries are kept in memory.
 */
export class NativeEmitter implements Emitter {
  private readonly packages: IndexPackage[] = [];
  /** Revisions written. */
  revisions = 0;

  /** @param level gzip level, or undefined for no .gz files. */
  constructor(
    private readonly writer: ArtifactWriter,
    private readonly level: number | undefined,
  ) {}

  /**
   * Writes a package's document (the `doc` region of the serialized buffer) now; returns its
   * compression item and the step that writes its .gz. `serialized.index` holds the usable
   * revisions, ascending; at least one.
   */
  addPackage(pkg: PlannedPackage, serialized: SerializedPackage): PackageWork {
    const { buf, doc, index } = serialized;
    const path = `packages/${pkg.name}.json`;
    this.writer.write(path, [view(buf, doc)]);
    this.packages.push(indexPackage(pkg.name, index));
    this.revisions += index.length;
    const items: WorkItem[] = this.level === undefined ? [] : [{ kind: 'gzip', ...doc }];
    return {
      buf,
      items,
      finish: (segs) => {
        if (this.level !== undefined) this.writer.write(`${path}.gz`, gzipFile(segs[0]!));
      },
    };
  }

  /** Writes index.json (and its .gz). */
  finish(ctx: FinishContext): void {
    const index: NativeIndex = { formatVersion: FORMAT_VERSION, repository: { name: ctx.settings.name, ...(ctx.settings.description !== undefined ? { description: ctx.settings.description } : {}) }, commit: ctx.commit, packages: this.packages };
    const bytes = Buffer.from(JSON.stringify(index));
    this.writer.write('index.json', [bytes]);
    if (this.level !== undefined) this.writer.write('index.json.gz', gzipSync(bytes, this.level));
  }
}
