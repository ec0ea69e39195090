import { choice, parse } from '../args.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { universeDir } from '../paths.js';
import { DEFAULT_READ_LIMITS } from '../../lib/consume/fetch.js';
import { inspectLayers, type LayersReport, type LayerState } from '../../lib/layers/inspect.js';
import type { Resolution } from '../../lib/layers/resolve.js';

/** `universe layers --help`. */
export const help = `Usage: universe layers [--repo DIR] [--format pretty|json] [--timeout SECONDS]

Shows where each package name comes from in the universe's layers: its own packages first
(the layer named local), then the upstreams of repository.json in order. A name comes from the
first layer that offers it (its include/exclude patterns let it through), with every version
from that layer alone; copies in lower layers are shadowed. A name matching a layer's
terminating patterns never falls through past it. An upstream that cannot be read is reported,
and the names it could offer are undecided: never taken from a layer below it.

Options:
  --repo DIR         the universe folder (default: found upwards from the current folder)
  --format FORMAT    pretty (default) or json: {"repository", "layers": [{name, kind, url,
                     available, error, packages, include, exclude, terminating}], "packages":
                     [{name, status, layer, stoppedAt, waitingOn, reason, shadowed}], "summary"}
  --timeout SECONDS  how long each upstream may take to answer (default: ${DEFAULT_READ_LIMITS.timeoutMs / 1000})
  -h, --help         show this help

Exit codes: 0 every upstream read, 1 an upstream unavailable, 2 could not run (bad flag,
no universe, unreadable or invalid repository.json).
`;

const FORMATS = ['pretty', 'json'] as const;

/** Runs `universe layers`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { repo: { type: 'string' }, format: { type: 'string' }, timeout: { type: 'string' } });
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  const format = choice(values.format, 'format', FORMATS, 'pretty');
  const timeoutMs = values.timeout === undefined ? DEFAULT_READ_LIMITS.timeoutMs : seconds(values.timeout) * 1000;
  const universe = universeDir(values.repo, io);
  const report = await inspectLayers({ repoDir: universe.abs, label: universe.label, limits: { ...DEFAULT_READ_LIMITS, timeoutMs } });
  io.out(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : pretty(report));
  return report.summary.unavailable > 0 ? EXIT.problems : EXIT.ok;
}

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600) throw new UsageError(`--timeout must be a number of seconds above 0, at most 3600 (got '${value}')`);
  return n;
}

function pretty(r: LayersReport): string {
  const lines: string[] = [`Layers of ${r.repository}, highest first:`];
  const width = Math.max(...r.layers.map((l) => l.name.length));
  r.layers.forEach((l, i) => {
    lines.push(`  ${i + 1}. ${l.name.padEnd(width)}  ${where(l)}  ${state(l)}`);
    const rules = [
      l.include ? `include ${l.include.join(', ')}` : '',
      l.exclude.length > 0 ? `exclude ${l.exclude.join(', ')}` : '',
      l.terminating.length > 0 ? `terminating ${l.terminating.join(', ')}` : '',
    ].filter((s) => s !== '');
    if (rules.length > 0) lines.push(`     ${' '.repeat(width)}  ${rules.join('; ')}`);
  });
  lines.push('');
  if (r.packages.length === 0) {
    lines.push('No layer has any package.');
  } else {
    const rows = r.packages.map((p) => [p.name, from(p), p.shadowed.join(', ') || '-', p.reason]);
    const head = ['PACKAGE', 'FROM', 'SHADOWED IN', 'WHY'];
    const widths = [0, 1, 2].map((i) => Math.min(40, Math.max(head[i]!.length, ...rows.map((row) => row[i]!.length))));
    const fmt = (cells: string[]): string => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd();
    lines.push(fmt(head), ...rows.map(fmt));
  }
  const s = r.summary;
  lines.push('', `${s.packages} package name${s.packages === 1 ? '' : 's'}: ${s.resolved} resolved, ${s.unresolved} unresolved, ${s.undecided} undecided.`);
  const down = r.layers.filter((l) => !l.available).map((l) => l.name);
  if (down.length > 0) lines.push(`${down.length} upstream${down.length === 1 ? '' : 's'} unavailable (${down.join(', ')}): the names ${down.length === 1 ? 'it' : 'they'} could offer are undecided until ${down.length === 1 ? 'it answers' : 'they answer'}.`);
  return lines.join('\n') + '\n';
}

function where(l: LayerState): string {
  if (l.kind === 'local') return 'this universe';
  return `${l.kind === 'dcos' ? 'DC/OS repository' : 'universe'} ${l.url ?? ''}`;
}

function state(l: LayerState): string {
  // An error may quote what a server answered: no control characters reach the terminal.
  if (!l.available) return `unavailable: ${(l.error ?? 'unknown error').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')}`;
  return `${l.packages ?? 0} package${l.packages === 1 ? '' : 's'}`;
}

function from(p: Resolution): string {
  if (p.status === 'resolved') return p.layer ?? '';
  return p.status === 'undecided' ? '(undecided)' : '(none)';
}
