/**
 * The `BENCH_FASTPATHS=1` mode of `npm run bench`: each fast path measured on and off, in fresh
 * processes, interleaved in pairs (on, off, then off, on for the next pair, so that a drift of
 * the machine's speed weighs on both alike), on the whole DC/OS Universe and on the synthetic
 * universe of 12,000+ revisions. A fast path earns its keep when turning it off costs about 10%
 * or more on either; each row also checks that both ways give the same diagnostics.
 */
import { FAST_PATHS } from '../lib/ops/fast-paths.js';
import { median, settle, worker, type Sample } from './measure.js';

/** What the mode needs to know about its surroundings. */
export interface FastPathBenchOptions {
  /** `slug` names the universe's build folder under `out`. */
  universes: ReadonlyArray<{ label: string; slug: string; dir: string }>;
  /** On/off pairs per row. */
  pairs: number;
  /** Rows to run, by name (default: all). */
  only?: readonly string[];
  /** `validate`, or `build` into `out` (a folder per universe is made under it). */
  what: 'validate' | 'build';
  out?: string;
}

/** One switch: its name and the environment of a run with the fast path off. */
interface Variant {
  name: string;
  replaces: string;
  off: NodeJS.ProcessEnv;
}

const VARIANTS: readonly Variant[] = [
  { name: 'fast-parse', replaces: "mustache.js's parser", off: { BENCH_SLOW: 'fast-parse' } },
  { name: 'fast-validate', replaces: '@cfworker/json-schema on the defaults', off: { BENCH_SLOW: 'fast-validate' } },
  { name: 'draft04-check', replaces: "the generated ajv meta-schema validator and the regex walk", off: { BENCH_SLOW: 'draft04-check' } },
  { name: 'all', replaces: 'every path above off at once', off: { BENCH_SLOW: FAST_PATHS.join(',') } },
];

const ms = (n: number): string => Math.round(n).toLocaleString('en-US');
const spread = (xs: number[]): string => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
const ratio = (xs: number[]): string => `${median(xs).toFixed(3)}× (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;

/** The mode's report: a markdown table, one row per fast path and universe. */
export function benchFastPaths(o: FastPathBenchOptions): string[] {
  const lines = [
    `## fast paths: ${o.what}, ${o.pairs} interleaved on/off pairs per row, each run a fresh process; ms, median (min–max)`,
    '',
    '| fast path (what it replaces) | universe | on | off | off ÷ on (median of pairs; range) | CPU on | CPU off | CPU off ÷ on | same diagnostics |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const v of VARIANTS) {
    if (o.only && !o.only.includes(v.name)) continue;
    for (const u of o.universes) {
      const on: Sample[] = [];
      const off: Sample[] = [];
      const out = o.what === 'build' ? `${o.out}/fastpaths-${u.slug}` : undefined;
      const run = (env: NodeJS.ProcessEnv | undefined, into: Sample[]): void => {
        settle();
        into.push(worker(o.what, u.dir, out, env));
      };
      for (let i = 0; i < o.pairs; i++) {
        if (i % 2 === 0) {
          run(undefined, on);
          run(v.off, off);
        } else {
          run(v.off, off);
          run(undefined, on);
        }
        process.stderr.write(`fast paths: ${v.name} ${u.label} pair ${i + 1}: on ${ms(on[i]!.ms)} ms (CPU ${ms(on[i]!.cpuMs ?? NaN)}), off ${ms(off[i]!.ms)} ms (CPU ${ms(off[i]!.cpuMs ?? NaN)})\n`);
      }
      const onMs = on.map((s) => s.ms);
      const offMs = off.map((s) => s.ms);
      const ratios = onMs.map((t, i) => offMs[i]! / t);
      const digests = new Set([...on, ...off].map((s) => s.digest));
      const onCpu = on.map((s) => s.cpuMs ?? NaN);
      const offCpu = off.map((s) => s.cpuMs ?? NaN);
      const cpuRatios = onCpu.map((t, i) => offCpu[i]! / t);
      lines.push(
        `| ${v.name} (${v.replaces}) | ${u.label} | ${ms(median(onMs))} (${spread(onMs)}) | ${ms(median(offMs))} (${spread(offMs)}) | ` +
          `${ratio(ratios)} | ${ms(median(onCpu))} | ${ms(median(offCpu))} | ${ratio(cpuRatios)} | ${digests.size === 1 ? 'yes' : 'NO'} |`,
      );
    }
  }
  lines.push('');
  return lines;
}
