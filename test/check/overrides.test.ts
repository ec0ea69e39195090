/**
 * `Universe-Allow: <check> <package>/<revision>: <reason>` trailers in commits between base and
 * head turn the named check's findings for that revision into info naming who allowed it, and
 * every trailer found is listed in the report, used or not, malformed ones with what is wrong.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { W, at, only, repoWith, widget, widgetPackageJson } from '../rules/breaking/fixture.js';
import { revisionFiles } from '../helpers/repo.js';

const CHANGED = 'breaking/revision-changed';
const TEMPLATE = W(0, 'marathon.json.mustache');
const EDITED = '{"id": "{{service.name}}", "cmd": "sleep 1000", "cpus": 0.1, "mem": 64}\n';
const allow = (target: string, check = CHANGED, reason = 'the memory limit was a typo nobody could deploy'): string => `Raise memory\n\nUniverse-Allow: ${check} ${target}: ${reason}\n`;

test('overrides: a trailer naming the check and revision turns the error into info with data.override, listed as used', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit(allow('widget/0'));
  const report = await repo.check({ base, head });
  assert.deepEqual(at(report, CHANGED), [[TEMPLATE, '']]);
  const d = only(report, CHANGED)[0]!;
  assert.equal(d.severity, 'info');
  assert.deepEqual(d.data?.override, { reason: 'the memory limit was a typo nobody could deploy', commit: head, author: 'Test <test@example.com>' });
  assert.equal(report.summary.errors, 0);
  assert.deepEqual(report.overrides, [
    { check: CHANGED, target: 'widget/0', reason: 'the memory limit was a typo nobody could deploy', commit: head, author: 'Test <test@example.com>', used: true },
  ]);
});

test('overrides: the note on an allowed finding says who allowed it (the commit author) and why', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit(allow('widget/0'), { author: { name: 'Jane Doe', email: 'jane@example.com' } });
  const report = await repo.check({ base, head });
  const d = only(report, CHANGED)[0]!;
  assert.equal(d.severity, 'info');
  assert.ok(
    d.message.endsWith(`(allowed by Jane Doe <jane@example.com> in commit ${head.slice(0, 12)}: the memory limit was a typo nobody could deploy)`),
    d.message,
  );
  assert.equal((d.data?.override as { author?: string }).author, 'Jane Doe <jane@example.com>');
  assert.equal(report.overrides[0]?.author, 'Jane Doe <jane@example.com>');
});

test('overrides: a trailer for another revision is listed unused and the error stays', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit(allow('widget/1'));
  const report = await repo.check({ base, head });
  assert.equal(only(report, CHANGED)[0]?.severity, 'error');
  assert.equal(only(report, CHANGED)[0]?.data?.override, undefined);
  assert.deepEqual(report.overrides.map((o) => [o.check, o.target, o.used]), [[CHANGED, 'widget/1', false]]);
});

test('overrides: a trailer for another check does not apply', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit(allow('widget/0', 'breaking/revision-removed'));
  const report = await repo.check({ base, head });
  assert.equal(only(report, CHANGED)[0]?.severity, 'error');
  assert.deepEqual(report.overrides.map((o) => [o.check, o.target, o.used]), [['breaking/revision-removed', 'widget/0', false]]);
});

test('overrides: <package>/* allows the check for every revision of the package', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED, [W(1, 'package.json')]: widgetPackageJson(1, { minDcosReleaseVersion: '1.10' }) });
  const head = await repo.commit(allow('widget/*'));
  const report = await repo.check({ base, head });
  assert.deepEqual(only(report, CHANGED).map((d) => [d.file, d.severity]), [
    [W(0, 'marathon.json.mustache'), 'info'],
    [W(1, 'package.json'), 'info'],
  ].sort());
  assert.deepEqual(report.overrides.map((o) => [o.target, o.used]), [['widget/*', true]]);
});

test('overrides: a removed revision can be allowed too', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [W(0)]: undefined });
  const head = await repo.commit(allow('widget/0', 'breaking/revision-removed', 'it never worked: every install failed'));
  const report = await repo.check({ base, head });
  assert.deepEqual(only(report, 'breaking/revision-removed').map((d) => [d.file, d.severity]), [[W(0, 'package.json'), 'info']]);
});

test('overrides: trailers in commits before the base are not between base and head', async (t) => {
  const { repo } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [W(1, 'package.json')]: widgetPackageJson(1, { description: 'Edited.' }) });
  const base = await repo.commit(allow('widget/0'));
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit('edit the template');
  const report = await repo.check({ base, head });
  assert.equal(only(report, CHANGED)[0]?.severity, 'error');
  assert.deepEqual(report.overrides, []);
});

test('overrides: a trailer in a merged branch counts, with several commits between base and head', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  await repo.branch('fix', { checkout: true });
  repo.write({ [TEMPLATE]: EDITED });
  const fix = await repo.commit(allow('widget/0'));
  await repo.checkout('main');
  repo.write({ [W(1, 'package.json')]: widgetPackageJson(1, { description: 'Edited on main.' }) });
  const main = await repo.commit('docs');
  // The merge: main's tree plus the fix, with both parents.
  repo.write({ [TEMPLATE]: EDITED });
  const merge = await repo.commit('Merge branch fix', { parents: [main, fix] });
  const report = await repo.check({ base, head: merge });
  assert.deepEqual(only(report, CHANGED).map((d) => [d.file, d.severity]), [[TEMPLATE, 'info']]);
  assert.deepEqual(at(report, 'breaking/metadata-changed'), [[W(1, 'package.json'), '/description']]);
  assert.deepEqual(report.overrides.map((o) => [o.target, o.commit, o.used]), [['widget/0', fix, true]]);
});

test('overrides: with the default base (merge base with main), trailers on the branch apply to the working tree', async (t) => {
  const { repo } = await repoWith(t, { ...widget(0), ...widget(1) });
  await repo.branch('feature', { checkout: true });
  await repo.commit(allow('widget/0'), { stage: false });
  repo.write({ [TEMPLATE]: EDITED }); // not committed yet
  const report = await repo.check();
  assert.equal(report.base.ref, 'merge-base(main)');
  assert.deepEqual(only(report, CHANGED).map((d) => [d.file, d.severity]), [[TEMPLATE, 'info']]);
});

test('overrides: a trailer without a reason is listed as malformed and allows nothing', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit(`Raise memory\n\nUniverse-Allow: ${CHANGED} widget/0:\n`);
  const report = await repo.check({ base, head });
  assert.equal(only(report, CHANGED)[0]?.severity, 'error');
  assert.deepEqual(report.overrides.map((o) => [o.check, o.target, o.used]), [[CHANGED, 'widget/0', false]]);
  assert.match(report.overrides[0]?.problem ?? '', /^no reason after 'breaking\/revision-changed widget\/0'/);
});

test('overrides: a trailer naming an unknown rule says so with the closest rule, and allows nothing', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit(allow('widget/0', 'breaking/revison-changed'));
  const report = await repo.check({ base, head });
  assert.equal(only(report, CHANGED)[0]?.severity, 'error');
  assert.deepEqual(report.overrides.map((o) => [o.check, o.target, o.used, o.problem]), [
    ['breaking/revison-changed', 'widget/0', false, "unknown rule 'breaking/revison-changed', did you mean 'breaking/revision-changed'?"],
  ]);
});

test('overrides: a rule named without its breaking/ prefix is unknown, with the prefixed id suggested', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit(allow('widget/0', 'revision-changed'));
  const report = await repo.check({ base, head });
  assert.equal(only(report, CHANGED)[0]?.severity, 'error');
  assert.equal(report.overrides[0]?.problem, "unknown rule 'revision-changed', did you mean 'breaking/revision-changed'?");
});

test('overrides: a target without a revision is listed as malformed with the forms it may take, never dropped', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit(`Raise memory\n\nUniverse-Allow: ${CHANGED} widget: the memory limit was a typo\nUniverse-Allow: ${CHANGED} */0: every first revision\n`);
  const report = await repo.check({ base, head });
  assert.equal(only(report, CHANGED)[0]?.severity, 'error');
  assert.deepEqual(report.overrides.map((o) => [o.target, o.used]), [['*/0', false], ['widget', false]]);
  const [star, bare] = report.overrides;
  assert.equal(bare?.problem, "malformed target 'widget': write widget/<revision> (one revision, e.g. widget/2), widget/* (every revision), */* (every package) or schema/<file>");
  assert.match(star?.problem ?? '', /^malformed target '\*\/0': write <package>\/<revision>/);
});

test('overrides: */* allows the check for every revision of every package', async (t) => {
  const gadget = revisionFiles('gadget', 0);
  const gadgetTemplate = 'packages/G/gadget/0/marathon.json.mustache';
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1), ...gadget });
  repo.write({ [TEMPLATE]: EDITED, [gadgetTemplate]: EDITED });
  const head = await repo.commit(allow('*/*'));
  const report = await repo.check({ base, head });
  assert.deepEqual(only(report, CHANGED).map((d) => [d.file, d.severity]), [
    [gadgetTemplate, 'info'],
    [TEMPLATE, 'info'],
  ]);
  assert.deepEqual(report.overrides.map((o) => [o.target, o.used, o.problem]), [['*/*', true, undefined]]);
});

test('overrides: the pretty output names an unknown rule and a malformed target instead of calling them not needed', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  repo.write({ [TEMPLATE]: EDITED });
  const head = await repo.commit(`Raise memory\n\nUniverse-Allow: breaking/revison-changed widget/0: typo\nUniverse-Allow: ${CHANGED} widget: typo\n`);
  const r = await repo.cli(['--base', base, '--head', head]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /Override ignored \([0-9a-f]{12} by Test <test@example\.com>\): unknown rule 'breaking\/revison-changed', did you mean 'breaking\/revision-changed'\?/);
  assert.match(r.stdout, /Override ignored \([0-9a-f]{12} by Test <test@example\.com>\): malformed target 'widget': write widget\/<revision>/);
  assert.doesNotMatch(r.stdout, /not needed/);
});
