import type { RevisionRule } from './types.js';
import { NO_COMMAND_VERSIONS } from './util.js';

/**
 * No command.json from packaging version 4.0 on: DC/OS stopped reading it (its build rejected
 * it for 4.0), so the CLI it describes would silently never be installed.
 */
export const commandForbidden: RevisionRule = {
  id: 'command-forbidden',
  description: 'No command.json in packaging version 4.0 or later.',
  severity: 'error',
  scope: 'revision',
  check(rev, { analysis }) {
    const pv = analysis.packagingVersion(rev);
    if (!rev.files['command.json'] || pv === undefined || !NO_COMMAND_VERSIONS.has(pv)) return [];
    return [
      {
        file: `${rev.dir}/command.json`,
        message: `command.json is not supported in packaging version ${pv}: remove it and ship the CLI as cli.binaries in resource.json`,
      },
    ];
  },
};
