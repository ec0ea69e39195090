/**
 * One contiguous buffer per package holding every serialized document of it (the package
 * document, each DC/OS object in each form). Files are written from views of it, and it is then
 * handed to a compression worker as a whole, without a copy.
 */

/** A byte range of a package buffer. */
export interface Region {
  offset: number;
  length: number;
}

/** Collects pieces into regions, then copies them once into a buffer that owns its memory. */
export class PackageBuffer {
  private readonly pieces: Buffer[] = [];
  private size = 0;

  /** Appends the concatenation of `pieces` as one region. */
  add(pieces: readonly Buffer[]): Region {
    const offset = this.size;
    for (const p of pieces) {
      this.pieces.push(p);
      this.size += p.length;
    }
    return { offset, length: this.size - offset };
  }

  /** The bytes, in a buffer that owns its ArrayBuffer (transferable to a worker). */
  seal(): Buffer {
    const buf = Buffer.allocUnsafeSlow(this.size);
    let at = 0;
    for (const p of this.pieces) at += p.copy(buf, at);
    return buf;
  }
}

/** The bytes of `region` in `buf` (a view, no copy). */
export function view(buf: Buffer, region: Region): Buffer {
  return buf.subarray(region.offset, region.offset + region.length);
}
