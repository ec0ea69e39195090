/**
 * `manifest.json`: every file of the artifact with its size and sha256, sorted by path. Only the
 * files it lists are ever served (serve/artifact.ts).
 */
import { compareStrings } from '../diagnostics/sort.js';
import type { Emitter, FinishContext } from './emitter.js';
import { FORMAT_VERSION } from './native.js';
import type { ArtifactWriter } from './writer.js';

/**
 * Writes manifest.json from what the writer recorded. Registered last: it lists the files written
 * before its `finish`, and nothing written after it would be served.
 */
export class ManifestEmitter implements Emitter {
  readonly finishPhase = 'manifest';

  constructor(private readonly writer: ArtifactWriter) {}

  finish(ctx: FinishContext): void {
    const files = [...this.writer.entries].sort((a, b) => compareStrings(a.path, b.path));
    this.writer.write('manifest.json', [Buffer.from(JSON.stringify({ formatVersion: FORMAT_VERSION, commit: ctx.commit, files }))]);
  }
}
