/**
 * Streams the DC/OS Universe outputs package by package: universe.json, repo-up-to-<V>.json, the
 * per-package slices <V>/package/<name>.json, their .gz siblings and .content_type files.
 *
 * Every revision's object is serialized once per form (dcos-object.ts) and compressed once per
 * form; files are concatenations of those same bytes. Files whose content would be identical
 * (same form, same revisions: inclusion sets are nested, so equal counts mean equal sets) are
 * written once and hard-linked. A legacy or v4 object identical to the modern one (packaging
 * 2.0/3.0 with nothing to escape; anything but 5.0 without `manager`) shares its bytes and, when
 * its chain matches, its compressed segment. A package without a distinct v4 object serves the
 * v4 files (DC/OS 1.10, 1.11) from its modern chain, as if they were of the modern form.
 *
 * Compression chains: the objects of one package and form are compressed in order, object i with
 * the preceding bytes of its chain (up to 32 KiB) as preset dictionary. That is valid wherever the
 * segment is placed because every file holding object i also holds object i-1 right before it
 * (checked from the inclusion masks; otherwise the chain restarts). Revisions of a package are
 * near-duplicates, so the ratio stays close to compressing whole files while each object is
 * compressed exactly once and every file is assembled from segments (gzip.ts).
 */
import type { WorkItem } from './compress-job.js';
import type { Emitter, PackageWork } from './emitter.js';
import { DCOS_EMPTY, DCOS_FILES, DCOS_FORMS, formMask, type DcosFile, type DcosForm } from './dcos-versions.js';
import { GZIP_HEADER, GzipState, segmentSync, type Segment } from './gzip.js';
import { view, type Region } from './package-buffer.js';
import type { PlannedPackage } from './plan.js';
import type { SerializedPackage } from './serialize.js';
import type { ArtifactWriter, ManifestEntry, OutFile } from './writer.js';

/** A revision of a package as the DC/OS outputs need it: regions of the package buffer (`,{…}`). */
export interface DcosRevision {
  modern: Region;
  /** The legacy form's region; the same object as `modern` when the bytes are identical. */
  legacy: Region | undefined;
  /** The v4 form's region (DC/OS 1.10, 1.11); the same object as `modern` when identical. */
  v4: Region | undefined;
  /** Bits of the {@link DCOS_FILES} that include it. */
  mask: number;
}

const HEAD = Buffer.from('{"packages":[');
const FOOT = Buffer.from(']}');
const COMMA = Buffer.from(',');

/** One object in a package's compression chain of one form. */
interface Placed {
  rev: number;
  region: Region;
  mask: number;
  chained: boolean;
  prev: Placed | undefined;
  /** Index of the job item whose segment this object uses. */
  item: number;
  /** Uses the modern object's segment. */
  shared: boolean;
}

interface BigFile {
  bit: number;
  form: DcosForm;
  json: OutFile;
  gz: OutFile | undefined;
  gzState: GzipState;
  jsonEmpty: boolean;
  gzEmpty: boolean;
}

/** Writes the DC/OS outputs into an artifact; see the file comment. */
export class DcosEmitter implements Emitter {
  private readonly primaries: BigFile[] = [];
  /** For each DCOS_FILES index, the index of the file whose content it shares. */
  private readonly primaryOf: number[];
  private readonly pieces: { head: Segment; foot: Segment; comma: Segment } | undefined;

  /**
   * @param counts revisions included in each of {@link DCOS_FILES}, known before writing so
   *   identical files are detected up front.
   * @param level gzip level, or undefined for no .gz files.
   * @param distinctV4 some revision in a v4 file has a v4 object other than its modern one (else
   *   v4 files may be identical to, and linked with, modern ones).
   */
  constructor(
    private readonly writer: ArtifactWriter,
    counts: readonly number[],
    level: number | undefined,
    private readonly distinctV4: boolean,
  ) {
    const same = (f: DcosFile): DcosForm => contentForm(f, distinctV4);
    this.primaryOf = DCOS_FILES.map((f, i) => DCOS_FILES.findIndex((g, j) => same(g) === same(f) && counts[j] === counts[i] && j <= i));
    if (level !== undefined) this.pieces = { head: segmentSync(HEAD, level), foot: segmentSync(FOOT, level), comma: segmentSync(COMMA, level) };
    DCOS_FILES.forEach((file, i) => {
      if (this.primaryOf[i] !== i) return;
      const json = writer.open(`dcos/${file.base}.json`);
      const big: BigFile = { bit: file.bit, form: file.form, json, gz: undefined, gzState: new GzipState(), jsonEmpty: true, gzEmpty: true };
      json.write([HEAD]);
      if (this.pieces) {
        big.gz = writer.open(`dcos/${file.base}.json.gz`);
        big.gz.write([GZIP_HEADER, big.gzState.add(this.pieces.head)]);
      }
      this.primaries.push(big);
    });
  }

  /**
   * Writes a package's JSON outputs from the serialized buffer now; returns the compression items
   * (regions of it) and the step that writes the .gz outputs. Packages must be added, and
   * finished, in order.
   */
  addPackage(pkg: PlannedPackage, serialized: SerializedPackage): PackageWork {
    const { name } = pkg;
    const { buf, revisions } = serialized;
    const items: WorkItem[] = [];
    const distinctV4 = revisions.some((r) => r.v4 !== undefined && r.v4 !== r.modern);
    // The v4 files were linked to modern ones up front on the promise that no object differs.
    if (distinctV4 && !this.distinctV4) throw new Error(`internal error: ${name} has a distinct v4 object the emitter was not told of`);
    // Without a distinct v4 object, the modern chain serves the v4 files too (placed for both).
    const modern = place(revisions, 'modern', distinctV4 ? formMask('modern') : formMask('modern') | formMask('v4'), items, undefined);
    const legacy = place(revisions, 'legacy', formMask('legacy'), items, modern);
    const v4 = distinctV4 ? place(revisions, 'v4', formMask('v4'), items, modern) : modern;
    const chains: Record<DcosForm, Placed[]> = { modern, legacy, v4 };
    for (const big of this.primaries) {
      const bufs: Buffer[] = [];
      for (const p of chains[big.form]) {
        if (!(p.mask & big.bit)) continue;
        bufs.push(objectBytes(buf, p.region, big.jsonEmpty));
        big.jsonEmpty = false;
      }
      big.json.write(bufs);
    }
    const slices = this.writeSlices(name, buf, chains, distinctV4);
    return {
      buf,
      items,
      finish: (segs) => {
        if (!this.pieces) return;
        for (const big of this.primaries) {
          const bufs: Buffer[] = [];
          for (const p of chains[big.form]) {
            if (!(p.mask & big.bit)) continue;
            this.gzObject(bufs, big.gzState, p, segs[p.item]!, big.gzEmpty);
            big.gzEmpty = false;
          }
          big.gz!.write(bufs);
        }
        for (const s of slices) {
          const st = new GzipState();
          const bufs = [GZIP_HEADER, st.add(this.pieces.head)];
          s.placed.forEach((p, i) => this.gzObject(bufs, st, p, segs[p.item]!, i === 0));
          bufs.push(st.add(this.pieces.foot), ...st.end());
          const entry = this.writer.write(`${s.path}.gz`, bufs);
          for (const l of s.links) this.writer.link(entry, `${l}.gz`);
        }
      },
    };
  }

  /** Ends every file, links the identical ones, writes content types and the empty repository. */
  finish(): void {
    const entries = new Map<number, { json: ManifestEntry; gz: ManifestEntry | undefined }>();
    for (const big of this.primaries) {
      big.json.write([FOOT]);
      const json = big.json.close();
      let gz: ManifestEntry | undefined;
      if (big.gz) {
        big.gz.write([big.gzState.add(this.pieces!.foot), ...big.gzState.end()]);
        gz = big.gz.close();
      }
      entries.set(DCOS_FILES.findIndex((f) => f.bit === big.bit), { json, gz });
    }
    DCOS_FILES.forEach((file, i) => {
      const p = this.primaryOf[i]!;
      if (p !== i) {
        const e = entries.get(p)!;
        this.writer.link(e.json, `dcos/${file.base}.json`);
        if (e.gz) this.writer.link(e.gz, `dcos/${file.base}.json.gz`);
      }
      this.writer.write(`dcos/${file.base}.content_type`, [Buffer.from(file.contentType)]);
    });
    this.writer.write(`dcos/${DCOS_EMPTY.base}.json`, [HEAD, FOOT]);
    if (this.pieces) {
      const st = new GzipState();
      this.writer.write(`dcos/${DCOS_EMPTY.base}.json.gz`, [GZIP_HEADER, st.add(this.pieces.head), st.add(this.pieces.foot), ...st.end()]);
    }
    this.writer.write(`dcos/${DCOS_EMPTY.base}.content_type`, [Buffer.from(DCOS_EMPTY.contentType)]);
  }

  /** Appends an object's segment (after a comma segment when needed) to a .gz being assembled. */
  private gzObject(bufs: Buffer[], st: GzipState, p: Placed, seg: Segment, first: boolean): void {
    if (p.chained) {
      if (first) throw new Error('internal error: a chained object cannot open a file');
    } else if (!first) {
      bufs.push(st.add(this.pieces!.comma));
    }
    bufs.push(st.add(seg));
  }

  /** Writes a package's slices (JSON now) and returns what the .gz step needs. */
  private writeSlices(name: string, buf: Buffer, chains: Record<DcosForm, Placed[]>, distinctV4: boolean): Array<{ path: string; placed: Placed[]; links: string[] }> {
    const out: Array<{ path: string; placed: Placed[]; links: string[]; key: string; entry: ManifestEntry }> = [];
    for (const file of DCOS_FILES) {
      if (file.version === undefined) continue;
      const placed = chains[file.form].filter((p) => p.mask & file.bit);
      if (placed.length === 0) continue;
      const path = `dcos/${file.version}/package/${name}.json`;
      const key = `${contentForm(file, distinctV4)}:${placed.length}`;
      const same = out.find((s) => s.key === key);
      if (same) {
        this.writer.link(same.entry, path);
        same.links.push(path);
        continue;
      }
      const entry = this.writer.write(path, [HEAD, ...placed.map((p, i) => objectBytes(buf, p.region, i === 0)), FOOT]);
      out.push({ path, placed, links: [], key, entry });
    }
    return out;
  }
}

/** An object's bytes in a file: `,{…}`, or `{…}` when it comes first. */
function objectBytes(buf: Buffer, region: Region, first: boolean): Buffer {
  const b = view(buf, region);
  return first ? b.subarray(1) : b;
}

/** The form whose objects fill a file: a v4 file holds modern objects when none differs. */
function contentForm(file: DcosFile, distinctV4: boolean): DcosForm {
  return file.form === 'v4' && !distinctV4 ? 'modern' : file.form;
}

/**
 * Lays out a package's objects of one form as a compression chain (for the files in `fm`) and
 * adds their job items. With `modern` given (the legacy and v4 passes), an object whose bytes and
 * chain match the modern one reuses its segment (an `extend` item only moves this chain's
 * dictionary on).
 */
function place(revisions: readonly DcosRevision[], form: DcosForm, fm: number, items: WorkItem[], modern: Placed[] | undefined): Placed[] {
  const chain = DCOS_FORMS.indexOf(form);
  const byRev = new Map(modern?.map((p) => [p.rev, p]));
  const out: Placed[] = [];
  revisions.forEach((r, rev) => {
    const region = r[form];
    const mask = r.mask & fm;
    if (!mask || !region) return;
    const prev = out[out.length - 1];
    // Chained only if every file holding this object also holds the previous one (which then
    // directly precedes it there): its comma and the chain's bytes are always in front of it.
    const chained = prev !== undefined && (mask & ~prev.mask) === 0;
    const m = byRev.get(rev);
    const shared =
      m !== undefined && m.region === region && m.chained === chained && (!chained || (prev!.shared && prev!.rev === m.prev?.rev));
    const raw = chained ? region : { offset: region.offset + 1, length: region.length - 1 };
    items.push({ kind: shared ? 'extend' : 'segment', ...raw, chain, link: chained });
    out.push({ rev, region, mask, chained, prev, item: shared ? m.item : items.length - 1, shared });
  });
  return out;
}
