import Mustache from 'mustache';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import type { Catalog } from '../../scripts/lib/catalog/types.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { Analysis } from '../../scripts/lib/rules/analysis.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import type { ScaffoldFile } from '../../scripts/lib/ops/scaffold.js';

/** Loads in-memory files as a catalog with its analysis, as `universe new` does on disk. */
export async function catalogOf(files: Record<string, MemoryFile>): Promise<{ catalog: Catalog; analysis: Analysis }> {
  const catalog = await loadCatalog(new MemorySnapshot(files));
  return { catalog, analysis: new Analysis(catalog, defaultSettings()) };
}

/** The plan's files as a path → content record (to load them as a snapshot). */
export function asRecord(files: readonly ScaffoldFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.path, f.content]));
}

/** The defaults a config.json declares, collected the way Cosmos does (for a render check). */
export function defaultsOf(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [k, p] of Object.entries(props)) {
    if ('default' in p) out[k] = p.default;
    else if (p.properties) {
      const d = defaultsOf(p);
      if (Object.keys(d).length > 0) out[k] = d;
    }
  }
  return out;
}

/** Renders a Marathon template with JSON-escaped values, as the renderer does, and parses it. */
export function renderMarathon(template: string, view: Record<string, unknown>): unknown {
  const escape = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v).slice(1, -1) : JSON.stringify(v));
  return JSON.parse(Mustache.render(template, view, {}, { escape }));
}
