import type { CheckReport } from '../../lib/change/types.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';

/**
 * `universe check --format json`: validate's document (same diagnostic shape and key order) plus
 * `base`, `head`, `changes` and `overrides`, as {@link CheckReport} defines them.
 */
export function formatCheckJson(report: CheckReport): string {
  const { diagnostics, summary } = JSON.parse(formatJson(report.diagnostics, report.summary)) as Pick<CheckReport, 'diagnostics' | 'summary'>;
  const doc = { diagnostics, summary, base: report.base, head: report.head, changes: report.changes, overrides: report.overrides };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** `universe check` for people: what was compared, what changed, the diagnostics, the overrides. */
export function formatCheckPretty(report: CheckReport, opts: { color: boolean; prefix: string; ms?: number }): string {
  const side = (s: CheckReport['base']): string => (s.commit ? `${s.ref} (${s.commit.slice(0, 12)})` : s.ref);
  const lines = [`Comparing ${side(report.base)} → ${side(report.head)}`];
  if (report.changes.packages.length === 0 && report.changes.files.length === 0) lines.push('No changes in the universe.');
  for (const p of report.changes.packages) {
    const revs = p.revisions.map((r) => `${r.folder}${r.version !== undefined ? ` (${r.version})` : ''} ${r.status}`).join(', ');
    lines.push(`  ${p.name}: ${p.status}${revs ? ` — ${revs}` : ''}`);
  }
  for (const f of report.changes.files) lines.push(`  ${opts.prefix}${f}: changed`);
  lines.push('');
  const used = report.overrides.filter((o) => o.used);
  const unused = report.overrides.filter((o) => !o.used && o.problem === undefined);
  const broken = report.overrides.filter((o) => o.problem !== undefined);
  const by = (o: CheckReport['overrides'][number]): string => `${o.commit.slice(0, 12)}${o.author ? ` by ${o.author}` : ''}`;
  const tail: string[] = [];
  for (const o of used) tail.push(`Override used: ${o.check} ${o.target} (${by(o)}): ${o.reason}`);
  for (const o of broken) tail.push(`Override ignored (${by(o)}): ${o.problem}`);
  for (const o of unused) tail.push(`Override not needed (nothing to allow): ${o.check} ${o.target} (${by(o)})`);
  return lines.join('\n') + '\n' + formatPretty(report.diagnostics, report.summary, opts) + (tail.length ? tail.join('\n') + '\n' : '');
}
