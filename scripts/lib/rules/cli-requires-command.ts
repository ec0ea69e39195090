import type { RevisionRule } from './types.js';
import { isDcosReleaseVersion } from '../schema/dcos-media.js';
import { compareLooseVersions } from '../versions/loose-version.js';
import { NO_COMMAND_VERSIONS } from './util.js';
import { isJsonObject } from '../json/object.js';

/**
 * A CLI in resource.json only reaches DC/OS 1.8 and later; before 1.8 clients install CLIs
 * from command.json. A package that declares a CLI and supports older DC/OS without a
 * command.json would silently lose its CLI there (the DC/OS Universe build rejected this).
 */
export const cliRequiresCommand: RevisionRule = {
  id: 'cli-requires-command',
  description: 'A CLI in resource.json for DC/OS before 1.8 needs a command.json.',
  severity: 'error',
  scope: 'revision',
  check(rev, { analysis }) {
    if (rev.files['command.json']) return [];
    const resource = analysis.json(rev, 'resource.json');
    if (!isJsonObject(resource) || !Object.hasOwn(resource, 'cli')) return [];
    const min = analysis.packageJson(rev)?.minDcosReleaseVersion ?? '0.0';
    // An invalid minDcosReleaseVersion is schema-package's to report; stay silent then.
    if (typeof min !== 'string' || !isDcosReleaseVersion(min) || compareLooseVersions(min, '1.8') >= 0) return [];
    const pv = analysis.packagingVersion(rev);
    const fix =
      pv !== undefined && NO_COMMAND_VERSIONS.has(pv)
        ? 'set minDcosReleaseVersion to "1.8" or later'
        : 'set minDcosReleaseVersion to "1.8" or later, or add a command.json';
    return [
      {
        file: `${rev.dir}/resource.json`,
        pointer: '/cli',
        message: `resource.json declares a CLI but minDcosReleaseVersion ${min} is below 1.8, where DC/OS installs CLIs only from command.json: ${fix}`,
      },
    ];
  },
};
