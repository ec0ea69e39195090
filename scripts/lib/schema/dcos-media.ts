/**
 * What DC/OS clients accept, as facts shared by the build (which serves revisions to them) and
 * the validation rule that warns a revision cannot be served: the DC/OS versions that get a
 * `repo-up-to-<V>.json`, the media type each is served with, which packaging versions each media
 * type's repository schema carries (schema/dcos/), and the packaging version the build serves a
 * revision as. Versions compare as the DC/OS Universe build compares them (Python's LooseVersion,
 * versions/loose-version.ts).
 */
import { compareLooseVersions, parseLooseVersion, type LooseVersion } from '../versions/loose-version.js';

/** The DC/OS versions that get a `repo-up-to-<V>.json` file, oldest first. */
export const DCOS_VERSIONS = ['1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '2.0'] as const;

/** One of {@link DCOS_VERSIONS}. */
export type DcosVersion = (typeof DCOS_VERSIONS)[number];

/** A DC/OS repository media type by its version: `…;version=v3`, `v4` or `v5`. */
export type DcosMedia = 3 | 4 | 5;

/** The media types, oldest first. */
export const DCOS_MEDIA: readonly DcosMedia[] = [3, 4, 5];

/** The media type of a DC/OS repository of content version `v`. */
export function dcosContentType(v: DcosMedia): string {
  return `application/vnd.dcos.universe.repo+json;charset=utf-8;version=v${v}`;
}

const DCOS_RELEASE_VERSION = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;

/**
 * Whether `v` is a DC/OS release version as the DC/OS repository schema defines one
 * (`dcosReleaseVersion`): dotted integers without leading zeros, e.g. "1.10" or "1.13.1". The
 * package schemas ask the same of `minDcosReleaseVersion`.
 */
export function isDcosReleaseVersion(v: string): boolean {
  return DCOS_RELEASE_VERSION.test(v);
}

const VERSION_PARTS = new Map<string, LooseVersion>(DCOS_VERSIONS.map((v) => [v, parseLooseVersion(v)]));

/**
 * Whether a revision whose `minDcosReleaseVersion` is `min` belongs in `repo-up-to-<version>`:
 * gen_universe.py's `LooseVersion(min) <= LooseVersion(version)`, a missing value counting as
 * "0.0" (every file). A value that is not a DC/OS release version (schema-package reports it,
 * the DC/OS schema rejects it, and gen_universe.py fails on it one way or the other) keeps the
 * revision out of every filtered file.
 */
export function includedIn(min: unknown, version: DcosVersion): boolean {
  if (min === undefined) return true;
  if (typeof min !== 'string' || !isDcosReleaseVersion(min)) return false;
  return compareLooseVersions(min, VERSION_PARTS.get(version)!) <= 0;
}

/** The media type `repo-up-to-<version>.json` is served with: v3 up to 1.9, v4 up to 1.11, v5 after. */
export function mediaOf(version: DcosVersion): DcosMedia {
  const parts = VERSION_PARTS.get(version)!;
  return compareLooseVersions(parts, '1.9') <= 0 ? 3 : compareLooseVersions(parts, '1.11') <= 0 ? 4 : 5;
}

/** The first DC/OS version served each media type. */
export const FIRST_DCOS_VERSION: Readonly<Record<DcosMedia, DcosVersion>> = { 3: '1.8', 4: '1.10', 5: '1.12' };

/** The packaging versions each media type's repository schema carries (its `oneOf`). */
export const MEDIA_PACKAGING_VERSIONS: Readonly<Record<DcosMedia, readonly string[]>> = {
  3: ['2.0', '3.0'],
  4: ['2.0', '3.0', '4.0'],
  5: ['2.0', '3.0', '4.0', '5.0'],
};

/**
 * The packaging version the build serves a revision as in a file of media type `media`, given
 * the one it declares and whether package.json has `manager`:
 * - 6.0 is this project's own: served as 5.0 with `manager`, 4.0 without;
 * - v4 files: 5.0 without `manager` is served as 4.0 (the v4.0 and v5.0 package definitions
 *   differ only in `manager`), so DC/OS 1.10 and 1.11 see the revision;
 * - v3 files (before DC/OS 1.10): everything after 3.0 is served as 3.0 without
 *   `upgradesFrom`/`downgradesTo`, as the DC/OS Universe build does.
 * Undefined when no downgrade is safe: `manager` means something only to DC/OS 1.12 and later
 * (media type v5), and dropping it would install the package without its manager.
 */
export function servedPackagingVersion(packagingVersion: string, hasManager: boolean, media: DcosMedia): string | undefined {
  const base = packagingVersion === '6.0' ? (hasManager ? '5.0' : '4.0') : packagingVersion;
  if (media === 5) return base;
  if (base === '5.0' && hasManager) return undefined;
  if (media === 4) return base === '5.0' ? '4.0' : base;
  return base === '2.0' || base === '3.0' ? base : '3.0';
}
