import type { RevisionRule } from './types.js';
import { DCOS_VERSIONS, FIRST_DCOS_VERSION, includedIn, mediaOf, servedPackagingVersion, type DcosVersion } from '../schema/dcos-media.js';
import { isPackagingVersion } from '../schema/validators.js';

/**
 * Every DC/OS version a revision is served to (those at or above its minDcosReleaseVersion, as
 * the DC/OS build compares them: Python's LooseVersion, so "1.11.0" is above "1.11") reads the
 * repository in a media type whose schema has a fixed set of packaging versions: v3 (DC/OS 1.8,
 * 1.9) carries 2.0 and 3.0, v4 (1.10, 1.11) adds 4.0, v5 (1.12 and later) adds 5.0. The build
 * downgrades where that is safe (4.0 and 5.0 to 3.0 for v3, 5.0 to 4.0 for v4, 6.0 to 5.0 or 4.0),
 * but `manager` exists only in v5: a revision with it that older DC/OS versions would be served
 * makes them reject the whole repository, and the build refuses to write it.
 */
export const dcosMediaType: RevisionRule = {
  id: 'dcos-media-type',
  description: 'A revision served to a DC/OS version must fit its repository media type: manager needs minDcosReleaseVersion 1.12.',
  severity: 'error',
  scope: 'revision',
  check(rev, { analysis }) {
    const pkg = analysis.packageJson(rev);
    const pv = analysis.packagingVersion(rev);
    if (!pkg || !isPackagingVersion(pv)) return [];
    // An Aurora-only 6.0 revision is not in the DC/OS outputs at all.
    const marathon = rev.files['marathon.json.mustache'];
    if (pv === '6.0' && !(marathon?.text !== undefined && (marathon.text.length > 0 || marathon.bom))) return [];
    const manager = Object.hasOwn(pkg, 'manager');
    const min = pkg.minDcosReleaseVersion;
    // A minDcosReleaseVersion that is not dotted integers is in no filtered file (schema-package reports it).
    const rejected = DCOS_VERSIONS.filter((v) => includedIn(min, v) && servedPackagingVersion(pv, manager, mediaOf(v)) === undefined);
    if (rejected.length === 0) return [];
    const media = [...new Set(rejected.map(mediaOf))].map((m) => `v${m}`);
    const types = media.length === 1 ? `media type ${media[0]} has` : `media types ${media.join(' and ')} have`;
    const first = FIRST_DCOS_VERSION[5];
    const served = pv === '6.0' ? 'packaging 6.0 with manager (served to DC/OS as 5.0)' : `packaging ${pv} with manager`;
    const since = typeof min === 'string' ? `minDcosReleaseVersion ${min}` : 'no minDcosReleaseVersion';
    return [
      {
        file: `${rev.dir}/package.json`,
        pointer: typeof min === 'string' ? '/minDcosReleaseVersion' : '/manager',
        message: `${served} cannot be served to DC/OS ${versions(rejected)} (${types} no manager), which ${since} includes: set minDcosReleaseVersion to "${first}" or later, or remove manager`,
      },
    ];
  },
};

/** The rejected versions, always a contiguous run of DCOS_VERSIONS: "1.11" or "1.8 to 1.11". */
function versions(vs: readonly DcosVersion[]): string {
  return vs.length === 1 ? vs[0]! : `${vs[0]} to ${vs[vs.length - 1]}`;
}
