import { schemaCommand } from '../schema-command.js';
import { schemaConfig } from '../schema-config.js';
import { schemaConfigDraft04 } from '../schema-config-draft04.js';
import { schemaPackage } from '../schema-package.js';
import { schemaResource } from '../schema-resource.js';
import { settingsSchema } from '../settings-schema.js';
import type { Rule } from '../types.js';

/** The rules that validate files against the JSON Schemas in schema/. */
export const SCHEMA_RULES: readonly Rule[] = [
  schemaPackage,
  schemaConfig,
  schemaConfigDraft04,
  schemaResource,
  schemaCommand,
  settingsSchema,
];
