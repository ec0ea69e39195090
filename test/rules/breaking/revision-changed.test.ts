import { test } from 'node:test';
import assert from 'node:assert/strict';
import { W, at, breakingCodes, commitCheck, configSchema, only, related, repoWith, widget, widgetPackageJson } from './fixture.js';

const CODE = 'breaking/revision-changed';
const TEMPLATE = 'marathon.json.mustache';

/** Line (1-based) of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

test('revision-changed: a template edited in place is an error at the first changed character, related to the published template', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1) });
  const report = await commitCheck(repo, base, { [W(1, TEMPLATE)]: '{\n  "id": "{{service.name}}",\n  "cmd": "sleep 2000",\n  "cpus": 0.1,\n  "mem": 32\n}\n' });
  assert.deepEqual(at(report, CODE), [[W(1, TEMPLATE), '']]);
  const d = only(report, CODE)[0]!;
  assert.equal(d.severity, 'error');
  assert.deepEqual([d.line, d.column], [3, 17]); // "sleep 1000" → "sleep 2000": the first differing character
  assert.deepEqual(related(d), [[W(1, TEMPLATE), '']]);
  assert.deepEqual(breakingCodes(report), [CODE]);
});

test('revision-changed: a config.json default changed in place points at the default, with the published value related', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { files: { 'config.json': configSchema() } }));
  const edited = configSchema({ count: { type: 'integer', minimum: 1, maximum: 10, default: 3 } });
  const report = await commitCheck(repo, base, { [W(0, 'config.json')]: edited });
  const pointer = '/properties/service/properties/count/default';
  assert.deepEqual(at(report, CODE), [[W(0, 'config.json'), pointer]]);
  const d = only(report, CODE)[0]!;
  assert.deepEqual(related(d), [[W(0, 'config.json'), pointer]]);
  assert.deepEqual(d.data, { before: 1, after: 3 });
  // Located in the head text; the related location in the base text.
  assert.equal(d.line, lineOf(edited, '"default": 3'));
  assert.equal(d.related![0]!.line, lineOf(configSchema(), '"default": 1'));
});

test('revision-changed: a resource.json asset URL changed in place', async (t) => {
  const resource = (url: string): string => JSON.stringify({ assets: { uris: { jar: url } }, images: { 'icon-small': 'https://example.com/s.png' } }, null, 2);
  const { repo, base } = await repoWith(t, widget(0, { files: { 'resource.json': resource('https://example.com/widget-1.0.0.jar') } }));
  const report = await commitCheck(repo, base, { [W(0, 'resource.json')]: resource('https://example.com/widget-1.0.1.jar') });
  assert.deepEqual(at(report, CODE), [[W(0, 'resource.json'), '/assets/uris/jar']]);
  assert.deepEqual(related(only(report, CODE)[0]), [[W(0, 'resource.json'), '/assets/uris/jar']]);
});

test('revision-changed: versioning members of package.json (version, minDcosReleaseVersion, upgradesFrom)', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1, { packageJson: { upgradesFrom: ['1.0.0'] } }) });
  const report = await commitCheck(repo, base, {
    [W(0, 'package.json')]: widgetPackageJson(0, { version: '1.0.9' }),
    [W(1, 'package.json')]: widgetPackageJson(1, { upgradesFrom: ['1.0.0', '0.9.0'], minDcosReleaseVersion: '1.10' }),
  });
  assert.deepEqual(at(report, CODE), [
    [W(0, 'package.json'), '/version'],
    [W(1, 'package.json'), '/minDcosReleaseVersion'],
    [W(1, 'package.json'), '/upgradesFrom'],
  ]);
  const byPointer = new Map(only(report, CODE).map((d) => [`${d.file}#${d.pointer}`, d]));
  assert.deepEqual(related(byPointer.get(`${W(0, 'package.json')}#/version`)), [[W(0, 'package.json'), '/version']]);
  // An added member has no published location of its own: the related location is its parent.
  assert.deepEqual(related(byPointer.get(`${W(1, 'package.json')}#/minDcosReleaseVersion`)), [[W(1, 'package.json'), '']]);
  assert.deepEqual(related(byPointer.get(`${W(1, 'package.json')}#/upgradesFrom`)), [[W(1, 'package.json'), '/upgradesFrom']]);
  assert.ok(only(report, CODE).every((d) => d.severity === 'error'));
});

test('revision-changed: one element of upgradesFrom replaced points at that element', async (t) => {
  const { repo, base } = await repoWith(t, { ...widget(0), ...widget(1, { packageJson: { upgradesFrom: ['1.0.0'] } }) });
  const report = await commitCheck(repo, base, { [W(1, 'package.json')]: widgetPackageJson(1, { upgradesFrom: ['*'] }) });
  assert.deepEqual(at(report, CODE), [[W(1, 'package.json'), '/upgradesFrom/0']]);
});

test('revision-changed: a file added to a published revision is reported on the new file', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { files: { 'resource.json': undefined } }));
  const report = await commitCheck(repo, base, { [W(0, 'resource.json')]: JSON.stringify({ assets: { uris: { jar: 'https://example.com/w.jar' } } }) });
  assert.deepEqual(at(report, CODE), [[W(0, 'resource.json'), '']]);
  assert.deepEqual(related(only(report, CODE)[0]), []);
});

test('revision-changed: a file removed from a published revision is reported on package.json, related to the published file', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, { [W(0, 'config.json')]: undefined });
  assert.deepEqual(at(report, CODE), [[W(0, 'package.json'), '']]);
  assert.deepEqual(related(only(report, CODE)[0]), [[W(0, 'config.json'), '']]);
});

test('revision-changed: a reformatted but equal JSON file (re-indented, members reordered) is no change', async (t) => {
  const { repo, base } = await repoWith(t, widget(0, { files: { 'config.json': configSchema() } }));
  const pkg = JSON.parse(widgetPackageJson(0)) as Record<string, unknown>;
  const reordered = Object.fromEntries(Object.entries(pkg).reverse());
  const config = JSON.parse(configSchema()) as Record<string, unknown>;
  const report = await commitCheck(repo, base, {
    [W(0, 'package.json')]: JSON.stringify(reordered, null, 4) + '\n',
    [W(0, 'config.json')]: JSON.stringify({ properties: config.properties, type: config.type }),
  });
  assert.equal(report.changes.packages[0]?.revisions[0]?.status, 'modified'); // git sees the change…
  assert.deepEqual(breakingCodes(report), []); // …the check does not
});

test('revision-changed: a template whose only change is CRLF line endings is no change', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const template = widget(0)[W(0, TEMPLATE)] as string;
  const report = await commitCheck(repo, base, { [W(0, TEMPLATE)]: template.replace(/\n/g, '\r\n') });
  assert.deepEqual(at(report, CODE), []);
});

test('revision-changed: a template edit after CRLF lines is located in the CRLF text', async (t) => {
  const template = (widget(0)[W(0, TEMPLATE)] as string).replace(/\n/g, '\r\n');
  const { repo, base } = await repoWith(t, widget(0, { files: { [TEMPLATE]: template } }));
  const report = await commitCheck(repo, base, { [W(0, TEMPLATE)]: template.replace('"mem": 32', '"mem": 64') });
  const d = only(report, CODE)[0]!;
  assert.deepEqual([d.file, d.pointer, d.line, d.column], [W(0, TEMPLATE), '', 5, 10]);
});

test('revision-changed: metadata edits are not errors', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, {
    [W(0, 'package.json')]: widgetPackageJson(0, { description: 'A better description.', tags: ['example', 'demo'], website: 'https://example.com' }),
  });
  assert.deepEqual(at(report, CODE), []);
  assert.deepEqual(breakingCodes(report), ['breaking/metadata-changed']);
  assert.equal(report.summary.errors, 0);
});

test('revision-changed: metadata and a deploying member edited together: only the deploying one is an error', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, { [W(0, 'package.json')]: widgetPackageJson(0, { description: 'Edited.', version: '2.0.0' }) });
  assert.deepEqual(at(report, CODE), [[W(0, 'package.json'), '/version']]);
  assert.deepEqual(at(report, 'breaking/metadata-changed'), [[W(0, 'package.json'), '/description']]);
});

test('revision-changed: adding a new revision changes no published one', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, widget(1));
  assert.deepEqual(at(report, CODE), []);
});

test('revision-changed: a file that no longer parses is left to validation', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, { [W(0, 'config.json')]: '{"type": "object",' });
  assert.deepEqual(at(report, CODE), []);
  assert.ok(report.diagnostics.some((d) => d.code === 'json-syntax' && d.file === W(0, 'config.json')));
});

test('revision-changed: found in the working tree (uncommitted edits)', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  repo.write({ [W(0, 'package.json')]: widgetPackageJson(0, { minDcosReleaseVersion: '1.12' }) });
  const report = await repo.check({ base });
  assert.equal(report.head.ref, 'worktree');
  assert.deepEqual(at(report, CODE), [[W(0, 'package.json'), '/minDcosReleaseVersion']]);
});

test('revision-changed: found in the staged changes (pre-commit), and only there', async (t) => {
  const { repo } = await repoWith(t, widget(0));
  repo.write({ [W(0, TEMPLATE)]: '{"id": "{{service.name}}", "cmd": "sleep 1", "cpus": 0.1, "mem": 32}\n' });
  await repo.stageAll();
  // An unstaged edit of another file is not what the hook checks.
  repo.write({ [W(0, 'config.json')]: configSchema() });
  const report = await repo.check({ staged: true });
  assert.deepEqual([report.base.ref, report.head.ref], ['HEAD', 'index']);
  assert.deepEqual(at(report, CODE), [[W(0, TEMPLATE), '']]);
});

test('revision-changed: a repository.json under review cannot lower the severity judging it, only raise it', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, {
    'repository.json': JSON.stringify({ formatVersion: '1.0', name: 'test', policy: { rules: { [CODE]: 'warning', 'breaking/metadata-changed': 'warning' } } }),
    [W(0, TEMPLATE)]: '{}\n',
  });
  assert.deepEqual(only(report, CODE).map((d) => [d.file, d.severity]), [[W(0, TEMPLATE), 'error']]);
});

test('revision-changed: the change under review cannot switch the check off for itself', async (t) => {
  const { repo, base } = await repoWith(t, widget(0));
  const report = await commitCheck(repo, base, {
    'repository.json': JSON.stringify({ formatVersion: '1.0', name: 'test', policy: { rules: { [CODE]: 'off' } } }),
    [W(0, TEMPLATE)]: '{}\n',
  });
  assert.deepEqual(at(report, CODE), [[W(0, TEMPLATE), '']]);
});
