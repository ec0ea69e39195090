/**
 * Writes the artifact's files: appends Buffers with vectored writes (no giant strings, no
 * concatenation), hashes them on the way for the manifest, and records size and sha256.
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file of the artifact as the manifest lists it. */
export interface ManifestEntry {
  /** POSIX path relative to the artifact folder. */
  path: string;
  size: number;
  /** Lower-case hex. */
  sha256: string;
}

/** Milliseconds spent per phase, accumulated over interleaved work. */
export class PhaseTimer {
  readonly ms: Record<string, number> = {};

  /** Adds the time since `since` (a performance.now() value) to `phase`; returns now. */
  add(phase: string, since: number): number {
    const now = performance.now();
    this.ms[phase] = (this.ms[phase] ?? 0) + (now - since);
    return now;
  }
}

/** Writes all of `bufs` at the end of `fd`, finishing by hand in the rare case of a short write. */
function writeAll(fd: number, bufs: readonly Uint8Array[]): void {
  let total = 0;
  for (const b of bufs) total += b.byteLength;
  if (total === 0) return;
  let skip = fs.writevSync(fd, bufs as Uint8Array[]);
  if (skip === total) return;
  for (const b of bufs) {
    if (skip >= b.byteLength) {
      skip -= b.byteLength;
      continue;
    }
    let off = skip;
    skip = 0;
    while (off < b.byteLength) off += fs.writeSync(fd, b, off, b.byteLength - off);
  }
}

/** A file open for appending; hashed as it is written. */
export class OutFile {
  private readonly hash: Hash = createHash('sha256');
  private fd: number | undefined;
  size = 0;

  constructor(
    readonly rel: string,
    abs: string,
    private readonly writer: ArtifactWriter,
  ) {
    this.fd = fs.openSync(abs, 'w');
  }

  /** Appends the buffers, in order. */
  write(bufs: readonly Uint8Array[]): void {
    if (this.fd === undefined) throw new Error(`${this.rel} is closed`);
    const timer = this.writer.timer;
    let t = performance.now();
    writeAll(this.fd, bufs);
    t = timer.add('write', t);
    for (const b of bufs) {
      this.hash.update(b);
      this.size += b.byteLength;
    }
    timer.add('hash', t);
  }

  /** Closes the file and records it in the manifest. */
  close(): ManifestEntry {
    if (this.fd === undefined) throw new Error(`${this.rel} is closed twice`);
    fs.closeSync(this.fd);
    this.fd = undefined;
    return this.writer.record({ path: this.rel, size: this.size, sha256: this.hash.digest('hex') });
  }

  /** Closes without recording (after a failure). */
  abandon(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Creates the artifact's files under one root folder and keeps the manifest of what it wrote. */
export class ArtifactWriter {
  /** Every file written or linked so far, in creation order. */
  readonly entries: ManifestEntry[] = [];
  /** Bytes of files not ending in .gz, and of .gz files (hard links count, like the files they are). */
  bytes = 0;
  gzBytes = 0;
  /** Files that are hard links to (or copies of) identical files written earlier. */
  linked = 0;
  private readonly dirs = new Set<string>();

  constructor(
    readonly root: string,
    readonly timer: PhaseTimer,
  ) {}

  private abs(rel: string): string {
    const abs = path.join(this.root, ...rel.split('/'));
    const dir = path.dirname(abs);
    if (!this.dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    return abs;
  }

  /** Opens `rel` for appending. */
  open(rel: string): OutFile {
    return new OutFile(rel, this.abs(rel), this);
  }

  /** Writes a whole file at once. */
  write(rel: string, bufs: readonly Uint8Array[]): ManifestEntry {
    const f = this.open(rel);
    try {
      f.write(bufs);
    } catch (e) {
      f.abandon();
      throw e;
    }
    return f.close();
  }

  /**
   * Makes `rel` a hard link to the identical file `of` (already written): no bytes written or
   * hashed again. Falls back to a copy where the file system has no hard links.
   */
  link(of: ManifestEntry, rel: string): ManifestEntry {
    const t = performance.now();
    const from = path.join(this.root, ...of.path.split('/'));
    const to = this.abs(rel);
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
    this.linked++;
    this.timer.add('write', t);
    return this.record({ path: rel, size: of.size, sha256: of.sha256 });
  }

  /** @internal Records a finished file. */
  record(e: ManifestEntry): ManifestEntry {
    this.entries.push(e);
    if (e.path.endsWith('.gz')) this.gzBytes += e.size;
    else this.bytes += e.size;
    return e;
  }
}
