import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMarkdown } from '../../scripts/cli/reporters/markdown.js';
import type { CheckReport } from '../../scripts/lib/change/types.js';
import { fromCheck } from '../../scripts/cli/reporters/report.js';
import { diag, sampleReport } from './fixture.js';

const OPTS = { prefix: 'repo/' };

/** Table rows of the section under `heading`. */
function section(md: string, heading: string): string[] {
  const start = md.indexOf(`#### ${heading}`);
  assert.notEqual(start, -1, `no section ${heading}`);
  const rest = md.slice(start).split('\n').slice(1);
  const rows: string[] = [];
  for (const l of rest.slice(1)) {
    if (!l.startsWith('|')) break;
    rows.push(l);
  }
  return rows.slice(2);
}

/** Pipes that split a table row into cells (not escaped with a backslash). */
function cellSeparators(row: string): number {
  return (row.match(/(?<!\\)\|/g) ?? []).length;
}

test('verdict, changed packages, then breaking findings, errors, warnings and the overrides used', () => {
  const md = formatMarkdown(fromCheck(sampleReport()), OPTS);
  const lines = md.split('\n');
  assert.equal(lines[0], '### Universe check');
  assert.match(lines[2]!, /^❌ \*\*2 errors\*\*, 1 warning, 2 notes in 2 changed packages \(`origin\/main` `aaaaaaa` → `HEAD` `bbbbbbb`\)$/);
  assert.ok(lines.includes('| `kafka` | modified | 4 (3.0.0) | 3 (2.0.1) |  |'), md);
  assert.ok(lines.includes('| `zookeeper` | added | 0 (3.4.14) |  |  |'), md);
  assert.match(md, /Other changed files: `repo\/repository.json`\./);

  const order = ['#### Breaking changes (2)', '#### Errors (1)', '#### Warnings (1)', '#### Overrides used'].map((h) => md.indexOf(h));
  assert.ok(order.every((i) => i >= 0), md);
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'sections in order');

  const breaking = section(md, 'Breaking changes');
  assert.equal(breaking.length, 2);
  assert.match(breaking[0]!, /^\| ❌ \| `repo\/packages\/K\/kafka\/3\/package.json`:4 \| `breaking\/revision-changed` \| .* \| base value: "2\.0\.0" \(`repo\/packages\/K\/kafka\/3\/package.json`:4\) \|$/);
  assert.match(breaking[1]!, /^\| ℹ️ allowed \| `repo\/packages\/K\/kafka\/4\/config.json`:12 \| `breaking\/config-incompatible` \|/);
  assert.equal(section(md, 'Errors')[0]!.includes('`schema-package`'), true);
  assert.equal(section(md, 'Warnings')[0]!.includes('`upgrades-unknown-version`'), true);
  assert.doesNotMatch(md, /template-unknown-variable/, 'plain notes are counted, not listed');
  assert.deepEqual(section(md, 'Overrides used'), ['| `breaking/config-incompatible` | `kafka/4` | count is derived now | `ccccccc` |']);
  assert.match(md, /_1 `Universe-Allow` trailer allows nothing that this change needed\._/);
  assert.ok(md.endsWith('\n') && !md.endsWith('\n\n'));
});

test('a malformed or unknown-rule trailer is a note saying what is wrong, not counted as unneeded', () => {
  const report = sampleReport();
  report.overrides.push({
    check: 'breaking/revison-changed',
    target: 'kafka/3',
    reason: 'typo',
    commit: 'eeeeeee5555555555555555555555555555555555',
    used: false,
    problem: "unknown rule 'breaking/revison-changed', did you mean 'breaking/revision-changed'?",
  });
  const md = formatMarkdown(fromCheck(report), OPTS);
  assert.ok(md.includes("_`Universe-Allow` in `eeeeeee` allows nothing: unknown rule 'breaking/revison\\-changed', did you mean 'breaking/revision\\-changed'?_"), md);
  assert.match(md, /_1 `Universe-Allow` trailer allows nothing that this change needed\._/);
});

test('a clean check says so', () => {
  const report: CheckReport = {
    diagnostics: [],
    summary: { errors: 0, warnings: 0, infos: 0, packages: 0, revisions: 0, files: 0 },
    base: { ref: 'main' },
    head: { ref: 'worktree' },
    changes: { packages: [], files: [] },
    overrides: [],
  };
  const md = formatMarkdown(fromCheck(report), { prefix: '', title: 'Check of #12' });
  assert.equal(md, '### Check of \\#12\n\n✅ 0 errors, 0 warnings in 0 changed packages (`main` → `worktree`)\n\nNo package changed.\n');
});

test('hostile strings stay inert text on one table row', () => {
  const hostile =
    'evil | cell\n# Heading\r\n<script>alert(1)</script><img src=x onerror=alert(1)> `code` @everyone @org/team [x](javascript:alert(1)) ![i](http://t/p.png) **b** ~~s~~ $x$ \u202egnp.exe \\| &amp; \ud800';
  const report = sampleReport();
  report.diagnostics = [diag({ code: 'schema-package', message: hostile, file: 'packages/E/evil/0/package.json', related: [{ file: 'x|y`z', pointer: '', message: hostile }] })];
  report.changes.packages = [{ name: 'evil|`<b>', dir: 'packages/E/evil', status: 'added', revisions: [{ folder: '0', status: 'added', version: '1.0.0 | <i>x</i>\n@here' }] }];
  report.changes.files = ['a`b|c.json'];
  report.overrides = [{ check: 'breaking/x', target: 'a|b', reason: hostile, commit: '<b>', used: true }];
  const md = formatMarkdown(fromCheck(report), { prefix: 'repo/', title: 'T <b>|' });

  assert.doesNotMatch(md, /<(?!!-- )/, 'no raw HTML');
  assert.doesNotMatch(md, /@(?!&#8203;)/, 'no live mention');
  assert.doesNotMatch(md, /[\r\u202e\ud800]/);
  assert.ok(md.includes('repo/a\\`b\\|c.json'), 'an odd path is escaped text, not a code span');
  assert.doesNotMatch(md, /(?<!\\)\[x\]\(/, 'no live link');
  assert.doesNotMatch(md, /(?<!\\)\*\*b/, 'no live emphasis');
  const lines = md.split('\n');
  assert.equal(lines.filter((l) => l.startsWith('#')).length, 3, 'only our headings');
  for (const l of lines.filter((x) => x.startsWith('|'))) {
    const header = /^\| (\| Where|Package|Check)/.test(l) || l.startsWith('| ---');
    if (header) continue;
    const cells = l.startsWith('| `breaking/x`') ? 5 : 6;
    assert.equal(cellSeparators(l), cells, l);
  }
});

test('a message cell escapes markdown and is capped at 300 code points', () => {
  const cell = (message: string): string => {
    const report = sampleReport();
    report.diagnostics = [diag({ code: 'schema-package', message })];
    return section(formatMarkdown(fromCheck(report), OPTS), 'Errors')[0]!.split(' | ')[3]!;
  };
  assert.equal(cell('a_b*c|d'), 'a\\_b\\*c\\|d');
  assert.equal(cell('<x>&'), '&lt;x&gt;&amp;');
  assert.equal(cell('hi @you'), 'hi @&#8203;you');
  const long = cell('😀'.repeat(500));
  assert.equal(Array.from(long).length, 300);
  assert.ok(long.endsWith('…'));
});

test('the listing is capped at 50 diagnostics by default, saying how many more', () => {
  const report = sampleReport();
  report.diagnostics = Array.from({ length: 120 }, (_, i) => diag({ code: 'schema-package', message: `problem ${i}`, line: i + 1 }));
  const md = formatMarkdown(fromCheck(report), OPTS);
  assert.equal(section(md, 'Errors').length, 50);
  assert.match(md, /_70 more findings are not listed/);
  const ten = formatMarkdown(fromCheck(report), { ...OPTS, maxDiagnostics: 10 });
  assert.equal(section(ten, 'Errors').length, 10);
  assert.match(ten, /_110 more findings are not listed/);
});

test('the cap counts breaking findings first, then errors, then warnings', () => {
  const report = sampleReport();
  report.diagnostics = [
    ...Array.from({ length: 3 }, (_, i) => diag({ code: 'breaking/revision-removed', line: i + 1 })),
    ...Array.from({ length: 3 }, (_, i) => diag({ code: 'schema-package', line: i + 1 })),
    ...Array.from({ length: 3 }, (_, i) => diag({ code: 'x', severity: 'warning', line: i + 1 })),
  ];
  const md = formatMarkdown(fromCheck(report), { ...OPTS, maxDiagnostics: 4 });
  assert.equal(section(md, 'Breaking changes').length, 3);
  assert.equal(section(md, 'Errors').length, 1);
  assert.doesNotMatch(md, /#### Warnings/);
  assert.match(md, /_5 more findings are not listed/);
});

test('never more than 60,000 characters, however big the report', () => {
  const report = sampleReport();
  const long = 'x'.repeat(2000);
  report.diagnostics = Array.from({ length: 5000 }, (_, i) =>
    diag({ code: i % 2 ? 'breaking/revision-changed' : 'schema-package', message: `${long} ${i}`, related: [{ file: 'f', pointer: '', message: long }] }),
  );
  report.changes.packages = Array.from({ length: 3000 }, (_, i) => ({
    name: `p${i}`,
    dir: `packages/P/p${i}`,
    status: 'modified' as const,
    revisions: Array.from({ length: 40 }, (_, r) => ({ folder: String(r), status: 'added' as const, version: `${r}.0.0-${long.slice(0, 50)}` })),
  }));
  report.overrides = Array.from({ length: 2000 }, (_, i) => ({ check: 'breaking/x', target: `p${i}/0`, reason: long, commit: 'c'.repeat(40), used: true }));
  const md = formatMarkdown(fromCheck(report), { ...OPTS, maxDiagnostics: 100_000 });
  assert.ok(md.length <= 60_000, `${md.length} characters`);
  assert.match(md, /more changed packages are not listed/);
  assert.match(md, /more findings are not listed/);
  assert.ok(md.length <= 65_536 - 100, 'room for the marker');
});

test('deterministic: the same report (or its JSON round trip) gives the same bytes', () => {
  const a = formatMarkdown(fromCheck(sampleReport()), OPTS);
  const b = formatMarkdown(fromCheck(JSON.parse(JSON.stringify(sampleReport())) as CheckReport), OPTS);
  assert.equal(a, b);
});
