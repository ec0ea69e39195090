import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule, SchemaFile } from './context.js';
import { jsonEqual } from '../../change/json-diff.js';
import { diffSchemas } from '../../compat/schema-diff.js';
import { Budget, sameSchema } from '../../compat/values.js';

/** Schemas that define the built index: any change to them changes what consumers read. */
const INDEX_SCHEMAS = new Set(['index.schema.json', 'package-document.schema.json', 'static-api.schema.json']);
/** The schema that declares the format version (`properties.formatVersion.enum`). */
const REPOSITORY_SCHEMA = 'repository.schema.json';

/**
 * The repository format is versioned so that tools and forks know what they read. A change under
 * `schema/` that makes a previously valid package invalid (a breaking schema change) or that
 * changes the index format must come with a higher format version: a new value in
 * repository.schema.json's `formatVersion` enum, above every old one.
 */
export const formatVersion: ChangeRule = {
  id: 'breaking/format-version',
  description: 'A change under schema/ that rejects valid packages or changes the index format raises the repository format version.',
  severity: 'error',
  scope: 'change',
  check(ctx) {
    const s = ctx.schemas;
    if (!s) return [];
    if (newest(s.head.get(REPOSITORY_SCHEMA)) > newest(s.base.get(REPOSITORY_SCHEMA))) return [];
    const out: Finding[] = [];
    const names = [...new Set([...s.base.keys(), ...s.head.keys()])].sort();
    for (const name of names) {
      if (name === REPOSITORY_SCHEMA) continue;
      const b = s.base.get(name);
      const h = s.head.get(name);
      const file = `${s.dir}/${name}`;
      const raise = `raise the format version (add a higher value to formatVersion's enum in ${s.dir}/${REPOSITORY_SCHEMA}) so older tools refuse what they would misread`;
      if (!b) continue; // a new schema file rejects nothing that was valid
      if (!h) {
        out.push({ file: `${s.dir}/${REPOSITORY_SCHEMA}`, message: `${name} was removed from schema/: ${raise}` });
        continue;
      }
      if (b.value === undefined || h.value === undefined || jsonEqual(b.value, h.value)) continue;
      if (INDEX_SCHEMAS.has(name)) {
        // Titles, descriptions and examples document the format without changing it.
        if (sameSchema(b.value, h.value, new Budget(1_000_000))) continue;
        out.push({ file, message: `${name} changed, which changes the built index format: ${raise}` });
        continue;
      }
      // Packages get no defaults filled in from these schemas: a new required member breaks them.
      for (const c of diffSchemas(b.value, h.value, { defaults: false })) {
        if (c.impact !== 'breaking') continue;
        out.push({ file, pointer: c.pointer, message: `${c.message}: packages valid before may be rejected now; ${raise}` });
      }
    }
    return out;
  },
};

/** The highest format version a repository schema declares, as a comparable number (0 when unknown). */
function newest(f: SchemaFile | undefined): number {
  const v = f?.value as { properties?: { formatVersion?: { enum?: unknown } } } | undefined;
  const e = v?.properties?.formatVersion?.enum;
  if (!Array.isArray(e)) return 0;
  let best = 0;
  for (const x of e) {
    const m = typeof x === 'string' ? /^(\d+)\.(\d+)$/.exec(x) : null;
    if (m) best = Math.max(best, Number(m[1]) * 1e6 + Number(m[2]));
  }
  return best;
}
