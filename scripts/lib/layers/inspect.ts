/**
 * The layers of a universe as `universe layers` shows them: the local packages (package folder
 * names under packages/), then each upstream of repository.json opened in parallel, and where
 * every package name resolves.
 */
import { loadCatalogSubset, loadFile } from '../catalog/load.js';
import { DEFAULT_LIMITS, SETTINGS_FILE } from '../catalog/types.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../consume/fetch.js';
import { CannotRunError } from '../diagnostics/errors.js';
import { defaultSettings, resolveSettings, type RepositorySettings } from '../policy/settings.js';
import { LOCAL_LAYER } from '../schema/upstreams.js';
import { validateSettings } from '../schema/validators.js';
import { WorktreeSnapshot } from '../snapshot/worktree.js';
import { resolveLayers, type Layer, type Resolution } from './resolve.js';
import { openUpstream, type UpstreamKind } from './upstream.js';

/** One layer as read. */
export interface LayerState {
  name: string;
  kind: 'local' | UpstreamKind;
  /** The upstream's url as written in repository.json (absent for the local layer). */
  url?: string;
  available: boolean;
  /** Why an upstream could not be read. */
  error?: string;
  /** How many package names the layer has (before its filter), when available. */
  packages?: number;
  include?: string[];
  exclude: string[];
  terminating: string[];
}

/** What {@link inspectLayers} found. */
export interface LayersReport {
  /** The universe's name (repository.json `name`). */
  repository: string;
  /** Every layer, highest first: `local`, then the upstreams in order. */
  layers: LayerState[];
  /** Every name some available layer has, sorted. */
  packages: Resolution[];
  summary: { packages: number; resolved: number; unresolved: number; undecided: number; unavailable: number };
}

/** Options of {@link inspectLayers}. */
export interface InspectOptions {
  /** The universe folder (the one holding packages/ and repository.json). */
  repoDir: string;
  /** How messages name it (default: `repoDir`). */
  label?: string;
  /** Timeout and size cap of each upstream read (default: 15 s, 64 MiB). */
  limits?: ReadLimits;
}

/**
 * Reads repository.json and the local package names, opens every upstream (in parallel, each
 * bounded by `limits`) and resolves every name. An upstream that cannot be read is reported in
 * its layer's state; the names it could offer are undecided. Throws CannotRunError when
 * repository.json cannot be read or is invalid.
 */
export async function inspectLayers(opts: InspectOptions): Promise<LayersReport> {
  const label = opts.label ?? opts.repoDir;
  const snapshot = new WorktreeSnapshot(opts.repoDir);
  const settings = await readSettings(snapshot, label);
  const catalog = await loadCatalogSubset(snapshot, settings.limits, undefined, () => false);
  const local = new Set(catalog.letters.flatMap((l) => l.entries.filter((e) => e.kind === 'dir').map((e) => e.name)));
  const opened = await Promise.all(settings.upstreams.map((u) => openUpstream(u, opts.repoDir, opts.limits ?? DEFAULT_READ_LIMITS)));

  const layers: Layer[] = [
    { name: LOCAL_LAYER, terminating: settings.terminating, offer: { available: true, names: local } },
    ...settings.upstreams.map((u, i) => ({ name: u.name, include: u.include, exclude: u.exclude, terminating: u.terminating, offer: opened[i]!.offer })),
  ];
  const states: LayerState[] = [
    { name: LOCAL_LAYER, kind: 'local', available: true, packages: local.size, exclude: [], terminating: settings.terminating },
    ...settings.upstreams.map((u, i): LayerState => {
      const { kind, offer } = opened[i]!;
      return {
        name: u.name,
        kind,
        url: u.url,
        available: offer.available,
        ...(offer.available ? { packages: offer.names.size } : { error: offer.error }),
        ...(u.include ? { include: u.include } : {}),
        exclude: u.exclude,
        terminating: u.terminating,
      };
    }),
  ];
  const packages = resolveLayers(layers);
  const count = (s: Resolution['status']): number => packages.filter((p) => p.status === s).length;
  return {
    repository: settings.name,
    layers: states,
    packages,
    summary: {
      packages: packages.length,
      resolved: count('resolved'),
      unresolved: count('unresolved'),
      undecided: count('undecided'),
      unavailable: states.filter((s) => !s.available).length,
    },
  };
}

/** repository.json: the defaults without one; CannotRunError when it is unreadable or invalid (the upstreams would be guesses). */
async function readSettings(snapshot: WorktreeSnapshot, label: string): Promise<RepositorySettings> {
  const top = await snapshot.list('');
  if (top === undefined) throw new CannotRunError(`${label} is not a folder: point --repo at the universe folder (the one that holds packages/)`);
  if (!top.some((e) => e.name === SETTINGS_FILE)) return defaultSettings();
  const where = `${label}/${SETTINGS_FILE}`;
  const file = await loadFile(snapshot, SETTINGS_FILE, DEFAULT_LIMITS);
  if (file.failure) throw new CannotRunError(`cannot read ${where} (${file.failure.reason}): run universe validate for details`);
  if (!file.json || file.json.syntaxError || file.json.value === undefined) {
    throw new CannotRunError(`${where} is not valid JSON${file.json?.syntaxError ? ` (${file.json.syntaxError.message})` : ''}: run universe validate for details`);
  }
  const issues = validateSettings(file.json.value);
  if (issues.length > 0) {
    const shown = issues.slice(0, 5).map((i) => `  ${i.pointer || '/'}: ${i.message}`);
    const more = issues.length > 5 ? [`  … and ${issues.length - 5} more (universe validate lists every one)`] : [];
    throw new CannotRunError(`${where} is invalid, so its upstreams cannot be used:\n${[...shown, ...more].join('\n')}`);
  }
  return resolveSettings(file.json.value);
}
