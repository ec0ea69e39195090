import { issuesToFindings } from '../schema/findings.js';
import { validateCommand } from '../schema/validators.js';
import type { RevisionRule } from './types.js';

/**
 * command.json must be `{"pip": [...]}` (schema/command.schema.json). Whether the packaging
 * version allows it at all is command-forbidden / command-deprecated.
 */
export const schemaCommand: RevisionRule = {
  id: 'schema-command',
  description: 'command.json holds only a pip list of requirement strings.',
  severity: 'error',
  scope: 'revision',
  check(rev, ctx) {
    const file = rev.files['command.json'];
    const value = ctx.analysis.json(rev, 'command.json');
    if (!file || value === undefined) return [];
    return issuesToFindings(file.path, validateCommand(value));
  },
};
