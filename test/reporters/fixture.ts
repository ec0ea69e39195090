import type { CheckReport } from '../../scripts/lib/change/types.js';
import type { Diagnostic } from '../../scripts/lib/diagnostics/types.js';

/** A diagnostic with defaults for what a test does not care about. */
export function diag(over: Partial<Diagnostic> & Pick<Diagnostic, 'code'>): Diagnostic {
  return { severity: 'error', message: 'Something is wrong.', file: 'packages/K/kafka/3/package.json', pointer: '', line: 1, column: 1, ...over };
}

/**
 * A realistic check: kafka (existing) gains revision 4 and edits published revision 3 (a breaking
 * error, plus an allowed one), zookeeper is new, one schema error and one warning elsewhere.
 */
export function sampleReport(): CheckReport {
  const diagnostics: Diagnostic[] = [
    diag({
      code: 'breaking/revision-changed',
      message: "Published revision kafka/3 changes 'version' from 2.0.0 to 2.0.1: publish a new revision instead.",
      file: 'packages/K/kafka/3/package.json',
      pointer: '/version',
      line: 4,
      column: 14,
      related: [{ file: 'packages/K/kafka/3/package.json', pointer: '/version', message: 'base value: "2.0.0"', line: 4, column: 14 }],
    }),
    diag({
      code: 'breaking/config-incompatible',
      severity: 'info',
      message: 'Revision kafka/4 removes the option brokers.count that installs of 2.0.0 may set.',
      file: 'packages/K/kafka/4/config.json',
      pointer: '/properties/brokers/properties/count',
      line: 12,
      column: 9,
      data: { override: { check: 'breaking/config-incompatible', target: 'kafka/4', reason: 'count is derived now' } },
    }),
    diag({ code: 'schema-package', message: "package.json: property 'maintainer' is required.", file: 'packages/Z/zookeeper/0/package.json', line: 1, column: 1 }),
    diag({ code: 'upgrades-unknown-version', severity: 'warning', message: "upgradesFrom names 1.9.9, which no revision has.", file: 'packages/K/kafka/4/package.json', pointer: '/upgradesFrom/0', line: 9, column: 5 }),
    diag({ code: 'template-unknown-variable', severity: 'info', message: 'A note.', file: 'packages/K/kafka/4/marathon.json.mustache', line: 3, column: 7 }),
  ];
  return {
    diagnostics,
    summary: { errors: 2, warnings: 1, infos: 2, packages: 2, revisions: 3, files: 9 },
    base: { ref: 'origin/main', commit: 'aaaaaaa1111111111111111111111111111111111' },
    head: { ref: 'HEAD', commit: 'bbbbbbb2222222222222222222222222222222222' },
    changes: {
      packages: [
        {
          name: 'kafka',
          dir: 'packages/K/kafka',
          status: 'modified',
          revisions: [
            { folder: '3', status: 'modified', version: '2.0.1' },
            { folder: '4', status: 'added', version: '3.0.0' },
          ],
        },
        { name: 'zookeeper', dir: 'packages/Z/zookeeper', status: 'added', revisions: [{ folder: '0', status: 'added', version: '3.4.14' }] },
      ],
      files: ['repository.json'],
    },
    overrides: [
      { check: 'breaking/config-incompatible', target: 'kafka/4', reason: 'count is derived now', commit: 'ccccccc3333333333333333333333333333333333', used: true },
      { check: 'breaking/revision-removed', target: 'kafka/1', reason: 'never mind', commit: 'ddddddd4444444444444444444444444444444444', used: false },
    ],
  };
}

/** The same report as `universe check --format json` would print it. */
export function sampleJson(report: CheckReport = sampleReport()): string {
  return JSON.stringify(report, null, 2) + '\n';
}
