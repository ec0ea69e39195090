import { issuesToFindings } from '../schema/findings.js';
import { validatePackageJson } from '../schema/validators.js';
import type { RevisionRule } from './types.js';

/**
 * package.json must match the schema of the packaging version it declares (schema/package-*.json):
 * required members, types, patterns, and no unknown members. The legacy schemas accept exactly
 * what the DC/OS Universe accepted, so this is an error everywhere.
 */
export const schemaPackage: RevisionRule = {
  id: 'schema-package',
  description: 'package.json matches the schema of its packaging version.',
  severity: 'error',
  scope: 'revision',
  check(rev, ctx) {
    const file = rev.files['package.json'];
    // Absent or unparsable files are reported by package-json-required and the JSON rules.
    const value = ctx.analysis.json(rev, 'package.json');
    if (!file || value === undefined) return [];
    return issuesToFindings(file.path, validatePackageJson(value));
  },
};
