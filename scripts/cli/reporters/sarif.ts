import { createHash } from 'node:crypto';
import type { Diagnostic, PolicySeverity, Related } from '../../lib/diagnostics/types.js';
import type { Report } from './report.js';

/** Where the SARIF 2.1.0 schema lives (the OASIS copy, as GitHub's docs cite it). */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** GitHub code scanning rejects a run with more results than this. */
const MAX_RESULTS = 25_000;
/** …and a result with more related locations than this. */
const MAX_RELATED = 1_000;
/** The partialFingerprints key; bump the suffix if the hashed fields ever change. */
const FINGERPRINT_KEY = 'universeFindingHash/v1';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', off: 'none' } as const;

/** A rule as the SARIF driver lists it. */
export interface SarifRule {
  id: string;
  description: string;
  severity: PolicySeverity;
}

/** Options of {@link formatSarif}. */
export interface SarifOptions {
  /** Prefix for repository-relative paths, making them relative to the checkout root. */
  prefix: string;
  toolVersion: string;
  rules: readonly SarifRule[];
  informationUri?: string;
}

/**
 * A report as a SARIF 2.1.0 log for github/codeql-action/upload-sarif: one run, the rules as
 * `tool.driver.rules`, one result per diagnostic with its location, the `related` entries (the
 * base value) as related locations, and a fingerprint of code + file + pointer that survives
 * line moves. Codes missing from `rules` get a minimal rule so every result has one. Deterministic.
 */
export function formatSarif(report: Report, opts: SarifOptions): string {
  const byId = new Map<string, SarifRule>();
  for (const r of opts.rules) byId.set(r.id, r);
  for (const d of report.diagnostics) if (!byId.has(d.code)) byId.set(d.code, { id: d.code, description: d.code, severity: d.severity });
  const rules = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'universe',
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            version: opts.toolVersion,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description || r.id },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: report.diagnostics.slice(0, MAX_RESULTS).map((d) => result(d, index.get(d.code)!, opts.prefix)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function result(d: Diagnostic, ruleIndex: number, prefix: string): Record<string, unknown> {
  const r: Record<string, unknown> = {
    ruleId: d.code,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: d.message || d.code },
    locations: [{ physicalLocation: physical(prefix, d.file, d.line, d.column) }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(d) },
  };
  if (d.related?.length) r.relatedLocations = d.related.slice(0, MAX_RELATED).map((x, i) => related(x, i + 1, prefix));
  if (d.data?.override !== undefined) r.suppressions = [{ kind: 'external', justification: justification(d.data.override) }];
  return r;
}

function related(x: Related, id: number, prefix: string): Record<string, unknown> {
  return { id, physicalLocation: physical(prefix, x.file, x.line, x.column), message: { text: x.message || 'related location' } };
}

function physical(prefix: string, file: string, line: number | undefined, column: number | undefined): Record<string, unknown> {
  const loc: Record<string, unknown> = { artifactLocation: { uri: uri(prefix + file) } };
  // SARIF regions are 1-based; a finding about a whole file (or a missing one) has no region.
  if (line !== undefined && line >= 1) loc.region = { startLine: line, startColumn: column !== undefined && column >= 1 ? column : 1 };
  return loc;
}

/** A relative URI reference: POSIX separators, each segment percent-encoded. */
function uri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .map(encodeURIComponent)
    .join('/');
}

/** Stable across line moves and message rewording: what the finding is about, not where it printed. */
function fingerprint(d: Pick<Diagnostic, 'code' | 'file' | 'pointer'>): string {
  return createHash('sha256').update(`${d.code}\0${d.file}\0${d.pointer}`).digest('hex').slice(0, 32);
}

function justification(override: unknown): string {
  if (typeof override === 'string') return override;
  const reason = (override as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : 'allowed by a Universe-Allow trailer';
}
