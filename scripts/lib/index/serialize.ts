import type { DcosRevision } from './dcos-emitter.js';
import { dcosPieces, RevisionParts } from './dcos-object.js';
import { formMask } from './dcos-versions.js';
import { nativeEntry, packageDocumentHead, type IndexInput } from './native.js';
import { PackageBuffer, type Region } from './package-buffer.js';
import type { PlannedPackage } from './plan.js';

/** A package serialized for every output: one buffer and where each document is in it. */
export interface SerializedPackage {
  /** Owns its memory (transferable to a compression worker). */
  buf: Buffer;
  /** `packages/<name>.json`. */
  doc: Region;
  /** What index.json needs per revision. */
  index: IndexInput[];
  /** The DC/OS objects of the revisions in DC/OS outputs. */
  revisions: DcosRevision[];
}

const COMMA = Buffer.from(',');
const FOOT = Buffer.from(']}');

/**
 * Serializes everything of one package into one buffer: its native document, then each DC/OS
 * object per form (a legacy or v4 object identical to the modern one is not repeated).
 */
export function serializePackage(pkg: PlannedPackage): SerializedPackage {
  const legacyBits = formMask('legacy');
  const v4Bits = formMask('v4');
  const layout = new PackageBuffer();
  const parts = pkg.revisions.map((r) => new RevisionParts(r.data));
  const entries = parts.map(nativeEntry);
  const docPieces: Buffer[] = [packageDocumentHead(pkg.name)];
  entries.forEach((e, i) => docPieces.push(...(i ? [COMMA] : []), ...e.pieces));
  docPieces.push(FOOT);
  const doc = layout.add(docPieces);
  const revisions: DcosRevision[] = [];
  pkg.revisions.forEach((r, i) => {
    if (!r.mask) return;
    const p = dcosPieces(parts[i]!, (r.mask & legacyBits) !== 0, (r.mask & v4Bits) !== 0);
    const modern = layout.add(p.modern);
    const legacy = p.legacy === undefined ? undefined : p.legacy === p.modern ? modern : layout.add(p.legacy);
    const v4 = p.v4 === undefined ? undefined : p.v4 === p.modern ? modern : layout.add(p.v4);
    revisions.push({ modern, legacy, v4, mask: r.mask });
  });
  return { buf: layout.seal(), doc, index: parts.map((p, i) => ({ parts: p, digest: entries[i]!.digest })), revisions };
}
