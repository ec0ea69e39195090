import { issuesToFindings } from '../schema/findings.js';
import { configSchemaIssues } from './shared/template-analysis.js';
import type { RevisionRule } from './types.js';

/**
 * config.json must be a valid draft-04 JSON Schema (schema/config-draft04-meta.schema.json) whose
 * regular expressions compile: otherwise option validation and installs fail. The DC/OS Universe
 * never checked this, so legacy packages only get a warning.
 */
export const schemaConfigDraft04: RevisionRule = {
  id: 'schema-config-draft04',
  description: 'config.json is a valid draft-04 JSON Schema with valid regular expressions.',
  severity: 'error',
  legacySeverity: 'warning',
  scope: 'revision',
  check(rev, ctx) {
    const file = rev.files['config.json'];
    const value = ctx.analysis.json(rev, 'config.json');
    if (!file || value === undefined) return [];
    // Shared with the template rules, which skip configs that are not valid schemas.
    return issuesToFindings(file.path, configSchemaIssues(rev, ctx, value));
  },
};
