import { issuesToFindings } from '../schema/findings.js';
import { validateSettings } from '../schema/validators.js';
import type { CatalogRule } from './types.js';

/**
 * repository.json, when present, must match schema/repository.schema.json (and declare each
 * category once). Invalid settings are ignored in favour of the defaults, so this says why.
 */
export const settingsSchema: CatalogRule = {
  id: 'settings-schema',
  description: 'repository.json matches the repository settings schema.',
  severity: 'error',
  scope: 'catalog',
  check(ctx) {
    const file = ctx.catalog.settings;
    if (!file?.json || file.json.syntaxError || file.json.value === undefined) return [];
    return issuesToFindings(file.path, validateSettings(file.json.value));
  },
};
