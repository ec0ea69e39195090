import * as fs from 'node:fs';
import { after } from 'node:test';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { buildArtifact, type BuildOptions, type BuildReport } from '../../scripts/lib/ops/build.js';
import { defaultSettings, type RepositorySettings } from '../../scripts/lib/policy/settings.js';
import { Analysis } from '../../scripts/lib/rules/analysis.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { listFiles } from '../helpers/paths.js';

const created: string[] = [];
// Top-level hook of every test file that uses these helpers: leave no temporary folders behind.
after(() => {
  for (const d of created.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, deleted when the test file ends. */
export function tempDir(prefix = 'universe-build-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(d);
  return d;
}

/** Deletes a temporary folder made elsewhere when the test file ends. */
export function removeLater(dir: string): string {
  created.push(dir);
  return dir;
}

/** Builds an in-memory repository into `<tmp>/target` (or `outDir`) and returns where and what. */
export async function buildFiles(
  files: Record<string, MemoryFile>,
  options: Partial<BuildOptions> & { settings?: RepositorySettings } = {},
): Promise<{ out: string; report: BuildReport; analysis: Analysis }> {
  const settings = options.settings ?? defaultSettings();
  const catalog = await loadCatalog(new MemorySnapshot(files), settings.limits);
  const analysis = new Analysis(catalog, settings);
  const out = options.outDir ?? path.join(tempDir(), 'target');
  const report = await buildArtifact(catalog, analysis, { commit: null, ...options, outDir: out });
  return { out, report, analysis };
}

/** Every file of a folder with its bytes, by relative path. */
export function readTree(dir: string): Map<string, Buffer> {
  return new Map(listFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

/** The packages of a DC/OS repository file. */
export function dcosPackages(out: string, file: string): Array<Record<string, unknown>> {
  return (JSON.parse(fs.readFileSync(path.join(out, 'dcos', file), 'utf8')) as { packages: Array<Record<string, unknown>> }).packages;
}

/** (name, releaseVersion) of each package object. */
export function ids(pkgs: Array<Record<string, unknown>>): string[] {
  return pkgs.map((p) => `${String(p.name)}/${String(p.releaseVersion)}`);
}
