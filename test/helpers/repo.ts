import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { defaultSettings, resolveSettings, type RepositorySettings } from '../../scripts/lib/policy/settings.js';
import { runRules } from '../../scripts/lib/rules/run.js';
import type { Rule } from '../../scripts/lib/rules/types.js';
import type { Diagnostic } from '../../scripts/lib/diagnostics/types.js';

/** A minimal valid package revision of the given packaging version, as files under `dir`. */
export function revisionFiles(
  name: string,
  revision: number,
  overrides: { packageJson?: Record<string, unknown>; files?: Record<string, MemoryFile | undefined> } = {},
): Record<string, MemoryFile> {
  const dir = `packages/${name[0]!.toUpperCase()}/${name}/${revision}`;
  const pkg = {
    packagingVersion: '4.0',
    name,
    version: `1.0.${revision}`,
    maintainer: 'team@example.com',
    description: `The ${name} package.`,
    tags: ['example'],
    ...overrides.packageJson,
  };
  const files: Record<string, MemoryFile | undefined> = {
    'package.json': JSON.stringify(pkg, null, 2),
    'config.json': JSON.stringify(
      {
        type: 'object',
        properties: {
          service: {
            type: 'object',
            properties: { name: { type: 'string', default: name, description: 'Service name.' } },
          },
        },
      },
      null,
      2,
    ),
    'marathon.json.mustache': '{\n  "id": "{{service.name}}",\n  "cmd": "sleep 1000",\n  "cpus": 0.1,\n  "mem": 32\n}\n',
    'resource.json': JSON.stringify({ images: { 'icon-small': 'https://example.com/s.png' } }, null, 2),
    ...overrides.files,
  };
  const out: Record<string, MemoryFile> = {};
  for (const [k, v] of Object.entries(files)) if (v !== undefined) out[`${dir}/${k}`] = v;
  return out;
}

/** Loads an in-memory repository and runs the given rules (default settings unless given). */
export async function check(
  files: Record<string, MemoryFile>,
  rules: readonly Rule[],
  settings?: RepositorySettings | Record<string, unknown>,
): Promise<Diagnostic[]> {
  const resolved = settings === undefined ? defaultSettings() : 'policy' in settings && 'limits' in settings ? (settings as RepositorySettings) : resolveSettings(settings);
  const catalog = await loadCatalog(new MemorySnapshot(files), resolved.limits);
  return runRules(catalog, resolved, rules);
}

/** The (code, file, pointer) triples of diagnostics, for table assertions that ignore prose. */
export function triples(diagnostics: readonly Diagnostic[]): Array<[string, string, string]> {
  return diagnostics.map((d) => [d.code, d.file, d.pointer]);
}
