import type { Catalog } from '../catalog/types.js';
import type { Finding } from '../diagnostics/types.js';
import type { RepositorySettings } from '../policy/settings.js';
import type { CatalogRule } from './types.js';
import { listForMessage } from './util.js';
import { isJsonObject } from '../json/object.js';

/**
 * Whether the categories in effect are not those repository.json declares: it exists but could
 * not be read or parsed, or it failed validation and defaults were used. Its own diagnostics say
 * why; reporting every category of every package as unknown on top would only bury them.
 */
function settingsNotApplied(catalog: Catalog, settings: RepositorySettings): boolean {
  const file = catalog.settings;
  if (!file) return false;
  const value = file.json && !file.json.syntaxError ? file.json.value : undefined;
  if (!isJsonObject(value)) return true;
  const declared = value.categories;
  return Array.isArray(declared) && declared.length > 0 && settings.categories.length === 0;
}

/** Every category of a 6.0 revision is declared in repository.json `categories`. */
export const categoryUnknown: CatalogRule = {
  id: 'category-unknown',
  description: 'Package categories are declared in repository.json.',
  severity: 'error',
  scope: 'catalog',
  check({ catalog, analysis, settings }) {
    if (settingsNotApplied(catalog, settings)) return [];
    const declared = new Set<string>();
    for (const c of settings.categories) if (typeof c?.id === 'string') declared.add(c.id);
    const hint =
      declared.size > 0
        ? `use one of ${listForMessage([...declared].sort(), 8)} or declare it under categories in repository.json`
        : 'repository.json declares no categories: declare it there under categories, or remove it';
    const out: Finding[] = [];
    for (const pkg of catalog.packages) {
      for (const rev of pkg.revisions) {
        if (analysis.packagingVersion(rev) !== '6.0') continue;
        const categories = analysis.packageJson(rev)?.categories;
        if (!Array.isArray(categories)) continue;
        categories.forEach((c: unknown, i) => {
          if (typeof c !== 'string' || declared.has(c)) return;
          out.push({ file: `${rev.dir}/package.json`, pointer: `/categories/${i}`, message: `category '${c}' is not declared: ${hint}` });
        });
      }
    }
    return out;
  },
};
