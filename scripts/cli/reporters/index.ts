import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatPrettyReport } from './pretty.js';
import type { Report, ReportOptions } from './report.js';

/** Renders a {@link Report} in one format. */
export type Reporter = (report: Report, opts: ReportOptions) => string;

/**
 * The reporters, one per `--format`, shared by every command that reports diagnostics (validate,
 * check, and the pretty output of build, serve and render). Each takes the same {@link Report}:
 * the diagnostics and summary, plus what a check compared where the format has room for it.
 * People-facing output names paths from the current folder; GitHub-facing output (annotations,
 * code scanning, pull-request comments) from the top of the git checkout. Each entry loads what
 * its format needs (SARIF lists every rule, so it loads the rule registries), so a command pays
 * only for the format it prints.
 */
const REPORTERS = {
  pretty: async () => (report, opts) => formatPrettyReport(report, opts),
  json: async () => (report) => formatJson(report),
  github: async () => (report, opts) => formatGithub(report, { prefix: opts.checkoutPrefix }),
  sarif: async () => {
    const [{ formatSarif }, { RULES }, { CHANGE_RULES }, { toolVersion }] = await Promise.all([
      import('./sarif.js'),
      import('../../lib/rules/registry.js'),
      import('../../lib/rules/breaking/registry.js'),
      import('../io.js'),
    ]);
    // Every rule, validation and breaking-change, whichever command ran: the same driver for both.
    const rules = [...RULES, ...CHANGE_RULES].map((r) => ({ id: r.id, description: r.description, severity: r.severity }));
    const version = toolVersion();
    return (report, opts) => formatSarif(report, { prefix: opts.checkoutPrefix, toolVersion: version, rules });
  },
  markdown: async () => (report, opts) => formatMarkdown(report, { prefix: opts.checkoutPrefix }),
} as const satisfies Record<string, () => Promise<Reporter>>;

/** An output format: a key of the registry. */
export type Format = keyof typeof REPORTERS;

/** Every output format, in the order the help texts list them. */
export const FORMATS = Object.keys(REPORTERS) as Format[];

/** The reporter of a format, loaded. */
export function reporter(format: Format): Promise<Reporter> {
  return REPORTERS[format]();
}
