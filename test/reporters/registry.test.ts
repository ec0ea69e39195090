import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMATS, reporter } from '../../scripts/cli/reporters/index.js';
import { fromCheck, type Report, type ReportOptions } from '../../scripts/cli/reporters/report.js';
import { sampleJson, sampleReport } from './fixture.js';

const OPTS: ReportOptions = { color: false, prefix: '', checkoutPrefix: 'repo/' };

/** The sample check, and the same diagnostics as validate reports them (no change sections). */
function both(): { check: Report; validate: Report } {
  const check = fromCheck(sampleReport());
  return { check, validate: { diagnostics: check.diagnostics, summary: check.summary, change: undefined } };
}

test('one registry serves every format of validate and check', () => {
  assert.deepEqual(FORMATS, ['pretty', 'json', 'github', 'sarif', 'markdown']);
});

test('sarif and github print the same for the same diagnostics, whichever command found them', async () => {
  const { check, validate } = both();
  for (const format of ['sarif', 'github'] as const) {
    const render = await reporter(format);
    assert.equal(render(check, OPTS), render(validate, OPTS), format);
  }
  const sarif = JSON.parse((await reporter('sarif'))(validate, OPTS)) as { version: string; runs: Array<{ results: Array<{ ruleId: string; locations: unknown[] }> }> };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0]!.results.length, validate.diagnostics.length);
});

test('json: validate prints diagnostics and summary; check the same, then base, head, changes, overrides (what github report reads back)', async () => {
  const { check, validate } = both();
  const json = await reporter('json');
  const v = JSON.parse(json(validate, OPTS)) as Record<string, unknown>;
  const c = JSON.parse(json(check, OPTS)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(v), ['diagnostics', 'summary']);
  assert.deepEqual(Object.keys(c), ['diagnostics', 'summary', 'base', 'head', 'changes', 'overrides']);
  assert.deepEqual(c.diagnostics, v.diagnostics);
  assert.deepEqual(c, JSON.parse(sampleJson()));
});

test('pretty and markdown add what a check compared and the overrides; a validation has neither', async () => {
  const { check, validate } = both();
  const pretty = await reporter('pretty');
  assert.match(pretty(check, OPTS), /^Comparing origin\/main \(aaaaaaa11111\) → HEAD/);
  assert.match(pretty(check, OPTS), /^Override used: breaking\/config-incompatible kafka\/4/m);
  assert.doesNotMatch(pretty(validate, OPTS), /Comparing|Override/);
  assert.ok(pretty(check, OPTS).includes(pretty(validate, OPTS)), 'the diagnostics are printed alike');
  const markdown = await reporter('markdown');
  assert.match(markdown(check, OPTS), /^### Universe check\n\n❌ \*\*2 errors\*\*, 1 warning, 2 notes in 2 changed packages/);
  assert.match(markdown(validate, OPTS), /^### Universe validation\n\n❌ \*\*2 errors\*\*, 1 warning, 2 notes in 2 packages, 3 revisions\n/);
  assert.match(markdown(validate, OPTS), /`repo\/packages\/K\/kafka\/3\/package\.json`:4/);
  assert.doesNotMatch(markdown(validate, OPTS), /Overrides used|changed package|Other changed files|Universe-Allow/);
});
