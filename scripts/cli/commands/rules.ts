import { parse } from '../args.js';
import { EXIT, type Io } from '../io.js';
import { RULES } from '../../lib/rules/registry.js';
import { CHANGE_RULES } from '../../lib/rules/breaking/registry.js';

/** `universe rules --help`. */
export const help = `Usage: universe rules [--json]

Lists every rule: its id (the code diagnostics carry), what it checks, and its severity under
each policy: "new" for what a change adds or modifies (universe check) and validate --policy new;
"published" for revisions already published (plain validate, and what a change leaves
untouched); "legacy" for published revisions in the legacy packaging versions 2.0-5.0. Rules
whose id starts with breaking/ compare two versions of the repository and run in universe check
only. Severities can be changed per rule in repository.json under policy.rules /
policy.legacyRules.

Options:
  --json        print the list as JSON
  -h, --help    show this help
`;

/** Runs `universe rules`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean', default: false } });
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  const rules = [...RULES, ...CHANGE_RULES].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const severities = (r: (typeof rules)[number]): { severity: string; publishedSeverity: string; legacySeverity: string } => {
    const published = ('publishedSeverity' in r ? r.publishedSeverity : undefined) ?? r.severity;
    const legacy = ('legacySeverity' in r ? r.legacySeverity : undefined) ?? published;
    return { severity: r.severity, publishedSeverity: published, legacySeverity: legacy };
  };
  if (values.json) {
    const list = rules.map((r) => ({ id: r.id, scope: r.scope, ...severities(r), description: r.description }));
    io.out(JSON.stringify({ rules: list }, null, 2) + '\n');
    return EXIT.ok;
  }
  const width = Math.max(...rules.map((r) => r.id.length), 4);
  const lines = rules.map((r) => {
    const s = severities(r);
    return `${r.id.padEnd(width)}  ${s.severity.padEnd(7)}  ${s.publishedSeverity.padEnd(9)}  ${s.legacySeverity.padEnd(7)}  ${r.description}`;
  });
  io.out(`${'rule'.padEnd(width)}  ${'new'.padEnd(7)}  ${'published'.padEnd(9)}  ${'legacy'.padEnd(7)}  description\n${lines.join('\n')}\n`);
  return EXIT.ok;
}
