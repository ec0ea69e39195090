import { issuesToFindings } from '../schema/findings.js';
import { validateConfigShape } from '../schema/validators.js';
import type { RevisionRule } from './types.js';

/**
 * config.json must be what the DC/OS Universe required (schema/config.schema.json): an object
 * schema with `properties`. Whether it is a valid draft-04 schema is schema-config-draft04.
 */
export const schemaConfig: RevisionRule = {
  id: 'schema-config',
  description: 'config.json is an object schema with properties, as the DC/OS Universe required.',
  severity: 'error',
  scope: 'revision',
  check(rev, ctx) {
    const file = rev.files['config.json'];
    const value = ctx.analysis.json(rev, 'config.json');
    if (!file || value === undefined) return [];
    return issuesToFindings(file.path, validateConfigShape(value));
  },
};
