/**
 * The DC/OS Universe output files and how revisions are filtered into them, exactly as the DC/OS
 * Universe build (scripts/gen_universe.py) does it. The versions and media types themselves are
 * schema/dcos-media.ts (the validation rule dcos-media-type shares them).
 */
import { DCOS_VERSIONS, dcosContentType, includedIn, mediaOf, type DcosMedia, type DcosVersion } from '../schema/dcos-media.js';

/** @internal Re-exported for the table tests of which DC/OS files hold a revision (test/index). */
export { includedIn } from '../schema/dcos-media.js';
export type { DcosMedia, DcosVersion } from '../schema/dcos-media.js';

/**
 * Which form of a package object a file holds, by the media type it is served with: `modern` as
 * built (v5), `v4` for DC/OS 1.10 and 1.11 (packaging 5.0 without `manager` served as 4.0), and
 * `legacy` (packaging version 3.0, stringified JSON in config escaped twice) for clients before
 * DC/OS 1.10 (v3). A revision's `v4` object is its `modern` one unless that downgrade applies.
 */
export type DcosForm = 'modern' | 'v4' | 'legacy';

/** The forms, in the order of their compression chains. */
export const DCOS_FORMS: readonly DcosForm[] = ['modern', 'legacy', 'v4'];

/** A DC/OS repository file of the artifact (without the empty one). */
export interface DcosFile {
  /** File name without `.json`: `universe` or `repo-up-to-<V>`. */
  base: string;
  /** The DC/OS version it serves; undefined for universe.json (unfiltered). */
  version: DcosVersion | undefined;
  form: DcosForm;
  /** The media type it is served with (its `.content_type`). */
  media: DcosMedia;
  /** Content of the `.content_type` sibling. */
  contentType: string;
  /** Bit of this file in a revision's inclusion mask. */
  bit: number;
}

const FORM_OF: Record<DcosMedia, DcosForm> = { 3: 'legacy', 4: 'v4', 5: 'modern' };

/**
 * Every DC/OS repository file, in output order: universe.json first (all revisions, v5), then
 * repo-up-to-<V> (v3 up to 1.9, v4 up to 1.11, v5 after; one form per media type).
 */
export const DCOS_FILES: readonly DcosFile[] = [
  { base: 'universe', version: undefined, form: 'modern', media: 5, contentType: dcosContentType(5), bit: 1 },
  ...DCOS_VERSIONS.map((version, i): DcosFile => {
    const media = mediaOf(version);
    return { base: `repo-up-to-${version}`, version, form: FORM_OF[media], media, contentType: dcosContentType(media), bit: 1 << (i + 1) };
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
