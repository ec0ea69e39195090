import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { formatSarif } from '../../scripts/cli/reporters/sarif.js';
import type { CheckReport } from '../../scripts/lib/change/types.js';
import type { Diagnostic } from '../../scripts/lib/diagnostics/types.js';
import { fromCheck } from '../../scripts/cli/reporters/report.js';
import { diag, sampleReport } from './fixture.js';

const RULES = [
  { id: 'schema-package', description: 'package.json matches its schema.', severity: 'error' as const },
  { id: 'breaking/revision-changed', description: 'A published revision does not change what it deploys.', severity: 'error' as const },
  { id: 'upgrades-unknown-version', description: 'upgradesFrom names existing versions.', severity: 'warning' as const },
  { id: 'some-off-rule', description: 'Silenced.', severity: 'off' as const },
];
const OPTS = { prefix: 'repo/', toolVersion: '0.1.0', rules: RULES };
/** The partialFingerprints key: code scanning matches findings across runs by it, so it never changes silently. */
const FINGERPRINT_KEY = 'universeFindingHash/v1';

/** Parsed SARIF, navigated freely: the assertions check the shape. */
type Json = Record<string, any>;

const LEVELS = ['none', 'note', 'warning', 'error'];

/**
 * The parts of the SARIF 2.1.0 schema that GitHub's upload-sarif and code scanning rely on:
 * required properties, enums, 1-based regions, relative URIs, rule references.
 */
function assertSarif(log: Json): void {
  assert.equal(log.version, '2.1.0');
  assert.equal(typeof log.$schema, 'string');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'universe');
  assert.equal(typeof driver.version, 'string');
  assert.equal(driver.informationUri, undefined, 'no project URL is claimed unless one is given');
  const ids = driver.rules.map((r: Json) => r.id);
  assert.deepEqual(ids, [...new Set(ids)].sort(), 'rule ids unique and sorted');
  for (const r of driver.rules) {
    assert.equal(typeof r.id, 'string');
    assert.ok(typeof r.shortDescription.text === 'string' && r.shortDescription.text.length > 0);
    assert.ok(LEVELS.includes(r.defaultConfiguration.level), r.defaultConfiguration.level);
  }
  assert.ok(Array.isArray(run.results));
  for (const res of run.results) {
    assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(LEVELS.includes(res.level));
    assert.ok(typeof res.message.text === 'string' && res.message.text.length > 0);
    assert.ok(res.locations.length >= 1 && res.locations.length <= 10);
    for (const loc of [...res.locations, ...(res.relatedLocations ?? [])]) {
      const u: string = loc.physicalLocation.artifactLocation.uri;
      assert.doesNotMatch(u, /^[a-z]+:|^\/|\\| /i, `relative POSIX URI: ${u}`);
      const region = loc.physicalLocation.region;
      if (region) {
        assert.ok(Number.isInteger(region.startLine) && region.startLine >= 1);
        assert.ok(Number.isInteger(region.startColumn) && region.startColumn >= 1);
      }
    }
    for (const rel of res.relatedLocations ?? []) assert.ok(Number.isInteger(rel.id) && rel.id >= 0);
    for (const v of Object.values(res.partialFingerprints)) assert.equal(typeof v, 'string');
  }
}

test('a SARIF 2.1.0 log with one run, the rules and one result per diagnostic', () => {
  const log = JSON.parse(formatSarif(fromCheck(sampleReport()), OPTS)) as Json;
  assertSarif(log);
  const run = log.runs[0];
  const ruleIds = run.tool.driver.rules.map((r: Json) => r.id);
  // codes missing from the rule list get a minimal rule of their own
  for (const code of ['breaking/config-incompatible', 'template-unknown-variable']) assert.ok(ruleIds.includes(code), code);
  assert.equal(run.tool.driver.rules.find((r: Json) => r.id === 'some-off-rule').defaultConfiguration.level, 'none');
  assert.equal(run.results.length, 5);
  const first = run.results.find((r: Json) => r.ruleId === 'breaking/revision-changed');
  assert.equal(first.level, 'error');
  assert.deepEqual(first.locations[0].physicalLocation, {
    artifactLocation: { uri: 'repo/packages/K/kafka/3/package.json' },
    region: { startLine: 4, startColumn: 14 },
  });
  assert.deepEqual(first.relatedLocations, [
    { id: 1, physicalLocation: { artifactLocation: { uri: 'repo/packages/K/kafka/3/package.json' }, region: { startLine: 4, startColumn: 14 } }, message: { text: 'base value: "2.0.0"' } },
  ]);
  // The first 32 hex digits of sha256(code NUL file NUL pointer): what a finding is about, not where it printed.
  const hashed = createHash('sha256').update('breaking/revision-changed\0packages/K/kafka/3/package.json\0/version').digest('hex').slice(0, 32);
  assert.equal(first.partialFingerprints[FINGERPRINT_KEY], hashed);
  const levels = Object.fromEntries(run.results.map((r: Json) => [r.ruleId, r.level]));
  assert.equal(levels['upgrades-unknown-version'], 'warning');
  assert.equal(levels['template-unknown-variable'], 'note');
  const allowed = run.results.find((r: Json) => r.ruleId === 'breaking/config-incompatible');
  assert.deepEqual(allowed.suppressions, [{ kind: 'external', justification: 'count is derived now' }]);
});

test('fingerprints follow code, file and pointer, not the line or the message', () => {
  const fingerprints = (diagnostics: Diagnostic[]): string[] => {
    const report = sampleReport();
    report.diagnostics = diagnostics;
    return (JSON.parse(formatSarif(fromCheck(report), OPTS)) as Json).runs[0].results.map((r: Json) => r.partialFingerprints[FINGERPRINT_KEY]);
  };
  const [a, same, otherPointer, otherCode, otherFile] = fingerprints([
    diag({ code: 'c', file: 'f', pointer: '/a', line: 3, message: 'one' }),
    diag({ code: 'c', file: 'f', pointer: '/a', line: 30, message: 'two' }),
    diag({ code: 'c', file: 'f', pointer: '/b' }),
    diag({ code: 'c2', file: 'f', pointer: '/a' }),
    diag({ code: 'c', file: 'g', pointer: '/a' }),
  ]);
  assert.equal(a, same);
  assert.notEqual(a, otherPointer);
  assert.notEqual(a, otherCode);
  assert.notEqual(a, otherFile);
});

test('odd paths, hostile messages and whole-file findings stay valid', () => {
  const report = sampleReport();
  report.diagnostics = [
    diag({ code: 'layout-stray-file', file: 'packages/K/kafka/my notes #1%.txt', line: 0, column: 0, message: '"quoted" \u0000 <b>\n</b>' }),
    diag({ code: 'schema-package', message: '' }),
  ];
  const text = formatSarif(fromCheck(report), { ...OPTS, prefix: '' });
  const log = JSON.parse(text) as Json;
  assertSarif(log);
  const [stray, empty] = log.runs[0].results;
  assert.equal(stray.locations[0].physicalLocation.artifactLocation.uri, 'packages/K/kafka/my%20notes%20%231%25.txt');
  assert.equal(stray.locations[0].physicalLocation.region, undefined);
  assert.equal(stray.message.text, '"quoted" \u0000 <b>\n</b>');
  assert.equal(empty.message.text, 'schema-package');
  report.diagnostics = [diag({ code: 'schema-package', file: 'packages\\K/x.json' })];
  const windows = JSON.parse(formatSarif(fromCheck(report), { ...OPTS, prefix: './repo//' })) as Json;
  assert.equal(windows.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'repo/packages/K/x.json', 'POSIX separators, no empty or . segments');
});

test('a clean check is a valid log with no results; output is deterministic', () => {
  const clean: CheckReport = {
    diagnostics: [],
    summary: { errors: 0, warnings: 0, infos: 0, packages: 0, revisions: 0, files: 0 },
    base: { ref: 'main' },
    head: { ref: 'worktree' },
    changes: { packages: [], files: [] },
    overrides: [],
  };
  const log = JSON.parse(formatSarif(fromCheck(clean), OPTS)) as Json;
  assertSarif(log);
  assert.deepEqual(log.runs[0].results, []);
  assert.equal(formatSarif(fromCheck(sampleReport()), OPTS), formatSarif(fromCheck(JSON.parse(JSON.stringify(sampleReport())) as CheckReport), { ...OPTS, rules: [...RULES].reverse() }));
});

test('results are capped at what code scanning accepts', () => {
  const report = sampleReport();
  report.diagnostics = Array.from({ length: 25_000 + 5 }, (_, i) => diag({ code: 'schema-package', line: i + 1 }));
  assert.equal((JSON.parse(formatSarif(fromCheck(report), OPTS)) as Json).runs[0].results.length, 25_000);
});
