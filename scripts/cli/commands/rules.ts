import { parse } from '../args.js';
import type { Io } from '../io.js';
import { RULES } from '../../lib/rules/registry.js';
import { CHANGE_RULES } from '../../lib/rules/breaking/registry.js';

/** `universe rules --help`. */
export const help = `Usage: universe rules [--json]

Lists every rule: its id (the code diagnostics carry), its default severity (and the severity
for legacy packaging versions 2.0-5.0 where it differs), and what it checks. Rules whose id starts
with breaking/ compare two versions of the repository and run in universe check only. Severities
can be changed per rule in repository.json under policy.rules / policy.legacyRules.

Options:
  --json        print the list as JSON
  -h, --help    show this help
`;

/** Runs `universe rules`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  if (values.help) {
    io.out(help);
    return 0;
  }
  const rules = [...RULES, ...CHANGE_RULES].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (values.json) {
    const list = rules.map((r) => ({
      id: r.id,
      scope: r.scope,
      severity: r.severity,
      legacySeverity: r.legacySeverity ?? r.severity,
      description: r.description,
    }));
    io.out(JSON.stringify({ rules: list }, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.id.length), 4);
  const lines = rules.map((r) => {
    const sev = r.legacySeverity && r.legacySeverity !== r.severity ? `${r.severity} (legacy: ${r.legacySeverity})` : r.severity;
    return `${r.id.padEnd(width)}  ${sev.padEnd(26)}  ${r.description}`;
  });
  io.out(`${'rule'.padEnd(width)}  ${'severity'.padEnd(26)}  description\n${lines.join('\n')}\n`);
  return 0;
}
