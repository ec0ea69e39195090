/**
 * The DC/OS Universe output files and how revisions are filtered into them, exactly as the DC/OS
 * Universe build (scripts/gen_universe.py) does it.
 */

/** The DC/OS versions that get a `repo-up-to-<V>.json` file, oldest first. */
export const DCOS_VERSIONS = ['1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '2.0'] as const;

/** One of {@link DCOS_VERSIONS}. */
export type DcosVersion = (typeof DCOS_VERSIONS)[number];

/**
 * Which form of a package object a file holds: `modern` as built, or `legacy` (packaging version
 * 3.0, stringified JSON in config escaped twice) for clients before DC/OS 1.10.
 */
export type DcosForm = 'modern' | 'legacy';

/** A DC/OS repository file of the artifact (without the empty one). */
export interface DcosFile {
  /** File name without `.json`: `universe` or `repo-up-to-<V>`. */
  base: string;
  /** The DC/OS version it serves; undefined for universe.json (unfiltered). */
  version: DcosVersion | undefined;
  form: DcosForm;
  /** Content of the `.content_type` sibling. */
  contentType: string;
  /** Bit of this file in a revision's inclusion mask. */
  bit: number;
}

/** The media type of a DC/OS repository of content version `v`. */
export function dcosContentType(v: 3 | 4 | 5): string {
  return `application/vnd.dcos.universe.repo+json;charset=utf-8;version=v${v}`;
}

/**
 * Parses a version of dotted non-negative integers ("1.10" → [1, 10]); undefined otherwise.
 * DC/OS compares these with Python's LooseVersion, i.e. as integer lists, where a prefix sorts
 * first: "1.8" < "1.8.0" < "1.10".
 */
export function parseDotted(v: string): number[] | undefined {
  if (!/^[0-9]+(\.[0-9]+)*$/.test(v)) return undefined;
  return v.split('.').map(Number);
}

/** Compares dotted-integer lists the way Python compares LooseVersion lists. */
export function compareDotted(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

const VERSION_PARTS = new Map<string, number[]>(DCOS_VERSIONS.map((v) => [v, parseDotted(v)!]));

/**
 * Whether a revision whose `minDcosReleaseVersion` is `min` belongs in `repo-up-to-<version>`.
 * A missing value counts as "0.0" (every file). A value that is not dotted integers (rejected by
 * validation; Python would crash on it) keeps the revision out of every filtered file.
 */
export function includedIn(min: unknown, version: DcosVersion): boolean {
  if (min === undefined) return true;
  if (typeof min !== 'string') return false;
  const parts = parseDotted(min);
  return parts !== undefined && compareDotted(parts, VERSION_PARTS.get(version)!) <= 0;
}

/**
 * Every DC/OS repository file, in output order: universe.json first (all revisions, v5), then
 * repo-up-to-<V> (v3 up to 1.9, v4 up to 1.11, v5 after; legacy form before 1.10).
 */
export const DCOS_FILES: readonly DcosFile[] = [
  { base: 'universe', version: undefined, form: 'modern', contentType: dcosContentType(5), bit: 1 },
  ...DCOS_VERSIONS.map((version, i): DcosFile => {
    const parts = VERSION_PARTS.get(version)!;
    const legacy = compareDotted(parts, [1, 10]) < 0;
    const ct = compareDotted(parts, [1, 9]) <= 0 ? 3 : compareDotted(parts, [1, 11]) <= 0 ? 4 : 5;
    return { base: `repo-up-to-${version}`, version, form: legacy ? 'legacy' : 'modern', contentType: dcosContentType(ct), bit: 1 << (i + 1) };
  }),
];

/** The empty repository every DC/OS Universe build also writes. */
export const DCOS_EMPTY = { base: 'repo-empty-v3', contentType: dcosContentType(3) } as const;

/** The mask of all files of a form. */
export function formMask(form: DcosForm): number {
  let m = 0;
  for (const f of DCOS_FILES) if (f.form === form) m |= f.bit;
  return m;
}

/** The inclusion mask of a revision with the given `minDcosReleaseVersion` (universe.json always). */
export function inclusionMask(min: unknown): number {
  let m = DCOS_FILES[0]!.bit;
  for (const f of DCOS_FILES) if (f.version !== undefined && includedIn(min, f.version)) m |= f.bit;
  return m;
}
