import type { RevisionRule } from './types.js';
import { isDcosReleaseVersion } from '../schema/dcos-media.js';
import { compareLooseVersions } from '../versions/loose-version.js';
import { isJsonObject } from '../json/object.js';

/**
 * command.json (a pip CLI install) is deprecated in packaging version 3.0, which ships CLIs as
 * resource.json cli.binaries. Not reported for revisions that support DC/OS before 1.8: there
 * command.json is the only way a CLI gets installed (see cli-requires-command).
 */
export const commandDeprecated: RevisionRule = {
  id: 'command-deprecated',
  description: 'command.json is deprecated in packaging version 3.0.',
  severity: 'warning',
  scope: 'revision',
  check(rev, { analysis }) {
    if (!rev.files['command.json'] || analysis.packagingVersion(rev) !== '3.0') return [];
    const min = analysis.packageJson(rev)?.minDcosReleaseVersion ?? '0.0';
    // An invalid minDcosReleaseVersion is schema-package's to report; stay silent then.
    if (typeof min !== 'string' || !isDcosReleaseVersion(min) || compareLooseVersions(min, '1.8') < 0) return [];
    const resource = analysis.json(rev, 'resource.json');
    const hasCli = isJsonObject(resource) && Object.hasOwn(resource, 'cli');
    const fix = hasCli
      ? 'remove it, since resource.json cli already provides the CLI'
      : 'ship the CLI as cli.binaries in resource.json and remove command.json';
    return [
      {
        file: `${rev.dir}/command.json`,
        message: `command.json is deprecated in packaging version 3.0 and DC/OS ${min} and later install CLIs from resource.json: ${fix}`,
      },
    ];
  },
};
