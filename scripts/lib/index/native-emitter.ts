import type { WorkItem } from './compress-job.js';
import type { PackageWork } from './dcos-emitter.js';
import { gzipFile, gzipSync } from './gzip.js';
import { FORMAT_VERSION, indexPackage, type IndexInput, type IndexPackage, type NativeIndex } from './native.js';
import { view, type Region } from './package-buffer.js';
import type { ArtifactWriter } from './writer.js';

/**
 * Writes the native index: `packages/<name>.json` per package as packages are added, then
 * `index.json` at the end. Only the small index entries are kept in memory.
 */
export class NativeEmitter {
  private readonly packages: IndexPackage[] = [];
  /** Revisions written. */
  revisions = 0;

  /** @param level gzip level, or undefined for no .gz files. */
  constructor(
    private readonly writer: ArtifactWriter,
    private readonly level: number | undefined,
  ) {}

  /**
   * Writes a package's document (the `doc` region of `buf`) now; returns its compression item and
   * the step that writes its .gz. `revisions` are the usable ones, ascending; at least one.
   */
  addPackage(name: string, buf: Buffer, doc: Region, revisions: readonly IndexInput[]): PackageWork {
    const path = `packages/${name}.json`;
    this.writer.write(path, [view(buf, doc)]);
    this.packages.push(indexPackage(name, revisions));
    this.revisions += revisions.length;
    const items: WorkItem[] = this.level === undefined ? [] : [{ kind: 'gzip', ...doc }];
    return {
      items,
      finish: (segs) => {
        if (this.level !== undefined) this.writer.write(`${path}.gz`, gzipFile(segs[0]!));
      },
    };
  }

  /** Writes index.json (and its .gz). */
  finish(repositoryName: string, commit: string | null): void {
    const index: NativeIndex = { formatVersion: FORMAT_VERSION, repository: { name: repositoryName }, commit, packages: this.packages };
    const bytes = Buffer.from(JSON.stringify(index));
    this.writer.write('index.json', [bytes]);
    if (this.level !== undefined) this.writer.write('index.json.gz', gzipSync(bytes, this.level));
  }
}
