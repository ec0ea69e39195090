import { issuesToFindings } from '../schema/findings.js';
import { validateResource } from '../schema/validators.js';
import type { RevisionRule } from './types.js';

/**
 * resource.json must match its schema: the 2.0 shape for packaging version 2.0, the 3.0 shape
 * (which adds CLI binaries) for every later version, and when the version is unknown.
 */
export const schemaResource: RevisionRule = {
  id: 'schema-resource',
  description: 'resource.json matches the resource schema of its packaging version.',
  severity: 'error',
  scope: 'revision',
  check(rev, ctx) {
    const file = rev.files['resource.json'];
    const value = ctx.analysis.json(rev, 'resource.json');
    if (!file || value === undefined) return [];
    return issuesToFindings(file.path, validateResource(value, ctx.analysis.packagingVersion(rev)));
  },
};
