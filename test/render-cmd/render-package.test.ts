import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RevisionDocument } from '../../scripts/lib/consume/types.js';
import type { Diagnostic } from '../../scripts/lib/diagnostics/types.js';
import { PACKAGE_LABELS } from '../../scripts/lib/ops/render-labels.js';
import { renderPackage, type RenderOutcome, type RenderRequest } from '../../scripts/lib/ops/render.js';

const config = {
  type: 'object',
  properties: {
    service: {
      type: 'object',
      description: 'Service settings.',
      properties: {
        name: { type: 'string', default: 'web', description: 'App name.' },
        cmd: { type: 'string', default: 'serve' },
        cpus: { type: 'number', default: 0.5, minimum: 0.1 },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
      },
      required: ['name'],
    },
    args: { type: 'array', items: { type: 'string' }, default: ['--one', '--two'] },
    env: { type: 'object', default: { A: '1', B: '2' } },
  },
};
const template = `{
  "id": "/{{service.name}}",
  "cmd": "{{service.cmd}}",
  "cpus": {{service.cpus}},
  "mode": "{{service.mode}}",
  "args": {{args}},
  "env": {{env}},
  "image": "{{resource.assets.container.docker.web}}",
  "labels": {"OWN": "kept", "DCOS_PACKAGE_NAME": "overridden"}
}
`;

function revision(overrides: Partial<RevisionDocument> = {}): RevisionDocument {
  return {
    revision: 3,
    package: { packagingVersion: '4.0', name: 'web', version: '1.2.3', maintainer: 'me@example.com', description: 'Web.', tags: ['http'] },
    config,
    resource: { assets: { container: { docker: { web: 'example/web:1.2.3' } } } },
    marathonTemplate: template,
    ...overrides,
  } as RevisionDocument;
}

function render(options?: string, extra: Partial<RenderRequest> = {}): RenderOutcome {
  return renderPackage({ revision: revision(), descriptor: 'marathon', source: 'https://universe.example.com/repo', ...(options !== undefined ? { options: { file: 'opts.json', text: options } } : {}), ...extra });
}

function app(r: RenderOutcome): Record<string, unknown> {
  assert.ok(r.ok, JSON.stringify(r));
  return r.marathon!;
}

function diags(r: RenderOutcome): Diagnostic[] {
  assert.equal(r.ok, false, 'expected diagnostics');
  return (r as { diagnostics: Diagnostic[] }).diagnostics;
}

/** (code, file, pointer, line) of each diagnostic. */
const where = (ds: readonly Diagnostic[]): Array<[string, string, string, number]> => ds.map((d) => [d.code, d.file, d.pointer, d.line]);

test('defaults alone render, with resource.json merged last', () => {
  const a = app(render());
  assert.equal(a.id, '/web');
  assert.equal(a.cpus, 0.5);
  assert.deepEqual(a.args, ['--one', '--two']);
  assert.equal(a.image, 'example/web:1.2.3');
});

test('user options deep-merge over the defaults: nested objects merge, arrays and scalars replace', () => {
  const a = app(render('{"service": {"cpus": 2}, "args": ["--three"], "env": {"B": "x", "C": "3"}}'));
  assert.equal(a.id, '/web', 'a sibling default survives the merge of service');
  assert.equal(a.cpus, 2);
  assert.deepEqual(a.args, ['--three'], 'an array replaces the default array');
  assert.deepEqual(a.env, { A: '1', B: 'x', C: '3' }, 'objects merge key by key');
});

test('quotes and backslashes in string options come out intact', () => {
  const value = 'a"b\\c';
  const a = app(render(JSON.stringify({ service: { cmd: value, name: 'x"y' } })));
  assert.equal(a.cmd, value);
  assert.equal(a.id, '/x"y');
  const b = app(render(JSON.stringify({ args: [value, 'line\nbreak\ttab'] })));
  assert.deepEqual(b.args, [value, 'line\nbreak\ttab']);
});

test('the five package labels are added, decode to what DC/OS stores, and the app keeps its own labels', () => {
  const options = '{\n  "service": {"cpus": 1}\n}\n';
  const a = app(render(options));
  const labels = a.labels as Record<string, string>;
  assert.deepEqual(Object.keys(labels), ['OWN', ...PACKAGE_LABELS], 'own labels first, then ours in a fixed order');
  assert.equal(labels.OWN, 'kept');
  assert.equal(labels.DCOS_PACKAGE_NAME, 'web', 'ours win over a clashing label of the template');
  assert.equal(labels.DCOS_PACKAGE_VERSION, '1.2.3');
  assert.equal(labels.DCOS_PACKAGE_SOURCE, 'https://universe.example.com/repo');
  const decode = (s: string): unknown => JSON.parse(Buffer.from(s, 'base64').toString('utf8'));
  assert.deepEqual(decode(labels.DCOS_PACKAGE_OPTIONS!), { service: { cpus: 1 } }, 'the user options as given, not merged');
  assert.equal(Buffer.from(labels.DCOS_PACKAGE_OPTIONS!, 'base64').toString('utf8'), '{"service":{"cpus":1}}', 'compact JSON');
  const def = decode(labels.DCOS_PACKAGE_DEFINITION!) as Record<string, unknown>;
  assert.equal(def.name, 'web');
  assert.equal(def.version, '1.2.3');
  assert.equal(def.releaseVersion, 3);
  assert.deepEqual(def.config, config);
  assert.deepEqual(def.resource, revision().resource);
  assert.equal(Buffer.from((def.marathon as { v2AppMustacheTemplate: string }).v2AppMustacheTemplate, 'base64').toString('utf8'), template);
  assert.equal(Buffer.from(labels.DCOS_PACKAGE_DEFINITION!, 'base64').toString('utf8'), JSON.stringify(def), 'compact JSON');
});

test('without options DCOS_PACKAGE_OPTIONS is base64 of {}; an app without labels gets them last', () => {
  const r = renderPackage({ revision: revision({ marathonTemplate: '{"id": "/{{service.name}}"}' }), descriptor: 'marathon', source: 's' });
  const a = app(r);
  assert.deepEqual(Object.keys(a), ['id', 'labels']);
  assert.equal((a.labels as Record<string, string>).DCOS_PACKAGE_OPTIONS, Buffer.from('{}').toString('base64'));
});

test('a 6.0 revision is labelled with its DC/OS form (downgraded, without 6.0-only members)', () => {
  const pkg = { packagingVersion: '6.0', name: 'web', version: '1.2.3', maintainer: 'm', description: 'd', tags: [], categories: ['x'], deprecated: { message: 'old' } };
  const a = app(renderPackage({ revision: revision({ package: pkg as RevisionDocument['package'] }), descriptor: 'marathon', source: 's' }));
  const def = JSON.parse(Buffer.from((a.labels as Record<string, string>).DCOS_PACKAGE_DEFINITION!, 'base64').toString('utf8')) as Record<string, unknown>;
  assert.equal(def.packagingVersion, '4.0');
  assert.equal('categories' in def || 'deprecated' in def, false);
});

test('labels that are not an object of strings are an error, as DC/OS refuses them', () => {
  for (const labels of ['[1]', '{"A": 1}', '"x"']) {
    const r = renderPackage({ revision: revision({ marathonTemplate: `{"id": "x",\n "labels": ${labels}}` }), descriptor: 'marathon', source: 's' });
    assert.deepEqual(where(diags(r)), [['template-render', 'packages/W/web/3/marathon.json.mustache', '', 2]], labels);
  }
});

test('invalid options point into the options file with pointer, line and column', () => {
  const text = '{\n  "service": {\n    "cpus": "many",\n    "mode": "c"\n  }\n}\n';
  const ds = diags(render(text));
  assert.deepEqual(where(ds), [
    ['options-invalid', 'opts.json', '/service/cpus', 3],
    ['options-invalid', 'opts.json', '/service/mode', 4],
  ]);
  assert.equal(ds[0]!.column, 5);
  assert.match(ds[0]!.message, /'service\.cpus'.*"many".*must be a number/);
  assert.match(ds[1]!.message, /must be one of "a", "b"/, 'says what the schema allows');
  assert.ok(ds.every((d) => d.severity === 'error'));
});

test('a value below the minimum and an unknown option under additionalProperties: false', () => {
  const strict = { ...config, additionalProperties: false };
  const ds = diags(renderPackage({ revision: revision({ config: strict as RevisionDocument['config'] }), descriptor: 'marathon', source: 's', options: { file: 'o.json', text: '{"service": {"cpus": 0}, "sevice": {}}' } }));
  assert.deepEqual(where(ds), [
    ['options-invalid', 'o.json', '/service/cpus', 1],
    ['options-invalid', 'o.json', '/sevice', 1],
  ]);
  assert.match(ds[1]!.message, /did you mean 'service'/);
});

test('options config.json does not declare are warnings (ignored, as DC/OS does), with a suggestion', () => {
  const r = render('{"service": {"nmae": "x"}, "extra": 1}');
  assert.ok(r.ok);
  assert.deepEqual(
    r.warnings.map((d) => [d.code, d.severity, d.pointer]),
    [
      ['options-undeclared', 'warning', '/service/nmae'],
      ['options-undeclared', 'warning', '/extra'],
    ],
    'sorted by position in the file',
  );
  assert.match(r.warnings[0]!.message, /did you mean 'service\.name'/);
  const free = render('{"env": {"ANY": "x"}}');
  assert.ok(free.ok);
  assert.deepEqual(free.warnings, [], 'an object option without properties takes any member');
});

test('a required option without default: into the options file when there is one, at its declaration otherwise', () => {
  const c = { type: 'object', properties: { db: { type: 'object', properties: { url: { type: 'string', description: 'Database URL.' } }, required: ['url'] } } };
  const rev = revision({ config: c as RevisionDocument['config'], marathonTemplate: '{"url": "{{db.url}}"}' });
  const none = diags(renderPackage({ revision: rev, descriptor: 'marathon', source: 's', configText: JSON.stringify(c, null, 2) }));
  assert.deepEqual(where(none), [['options-missing', 'packages/W/web/3/config.json', '/properties/db/properties/url', 7]]);
  assert.match(none[0]!.message, /required option 'db\.url' is missing.*--options FILE.*a string: "Database URL\."/);
  const given = diags(renderPackage({ revision: rev, descriptor: 'marathon', source: 's', options: { file: 'o.json', text: '{\n  "db": {}\n}' } }));
  assert.deepEqual(where(given), [['options-missing', 'o.json', '/db', 2]]);
  assert.match(given[0]!.message, /add it to o\.json/);
  assert.ok(renderPackage({ revision: rev, descriptor: 'marathon', source: 's', options: { file: 'o.json', text: '{"db": {"url": "pg://x"}}' } }).ok);
});

test('a wrong default the user did not override is the package defect config-defaults, in config.json', () => {
  const c = { type: 'object', properties: { n: { type: 'integer', default: 'three' }, m: { type: 'integer', default: 1 } } };
  const rev = revision({ config: c as RevisionDocument['config'], marathonTemplate: '{"n": {{n}}}' });
  const text = JSON.stringify(c, null, 2);
  const ds = diags(renderPackage({ revision: rev, descriptor: 'marathon', source: 's', configText: text, options: { file: 'o.json', text: '{"m": 2}' } }));
  assert.deepEqual(where(ds), [['config-defaults', 'packages/W/web/3/config.json', '/properties/n/default', 6]]);
  assert.match(ds[0]!.message, /set a valid value in o\.json/);
  assert.ok(renderPackage({ revision: rev, descriptor: 'marathon', source: 's', options: { file: 'o.json', text: '{"n": 3}' } }).ok, 'overriding the default fixes it');
});

test('the options file must be strict JSON: syntax errors, duplicate keys, not an object', () => {
  const cases: Array<[string, Array<[string, string, string, number]>]> = [
    ['{\n  "service": {"cpus": 1,}\n}', [['options-syntax', 'opts.json', '', 2]]],
    ['', [['options-syntax', 'opts.json', '', 1]]],
    ['// comment\n{}', [['options-syntax', 'opts.json', '', 1]]],
    ['{\n  "service": {"cpus": 1},\n  "service": {"cpus": 2}\n}', [['options-duplicate-key', 'opts.json', '/service', 3]]],
    ['\n[1, 2]', [['options-not-object', 'opts.json', '', 2]]],
    ['null', [['options-not-object', 'opts.json', '', 1]]],
    [`${'['.repeat(70)}${']'.repeat(70)}`, [['options-too-deep', 'opts.json', '/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0', 1]]],
  ];
  for (const [text, expected] of cases) assert.deepEqual(where(diags(render(text))), expected, JSON.stringify(text));
});

test('__proto__ in the options stays plain data and reaches no prototype', () => {
  const r = render('{"__proto__": {"polluted": true}, "service": {"name": "p"}}');
  assert.ok(r.ok);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Buffer.from((r.marathon!.labels as Record<string, string>).DCOS_PACKAGE_OPTIONS!, 'base64').toString(), '{"__proto__":{"polluted":true},"service":{"name":"p"}}');
});

test('a template that breaks with the user options names the option and relates it to the options file', () => {
  const rev = revision({ marathonTemplate: '{\n  "cpus": {{service.cmd}}\n}' });
  const ds = diags(renderPackage({ revision: rev, descriptor: 'marathon', source: 's', options: { file: 'o.json', text: '{\n "service": {"cmd": "not a number"}\n}' } }));
  assert.deepEqual(where(ds), [['template-render', 'packages/W/web/3/marathon.json.mustache', '', 2]]);
  assert.match(ds[0]!.message, /'service\.cmd' breaks the JSON/);
  assert.deepEqual(ds[0]!.related?.map((r) => [r.file, r.pointer, r.line]), [['o.json', '/service/cmd', 2]]);
});

test('template syntax errors and a Marathon template that is not an object', () => {
  assert.deepEqual(where(diags(renderPackage({ revision: revision({ marathonTemplate: '{\n{{#a}}\n}' }), descriptor: 'marathon', source: 's' }))), [['template-syntax', 'packages/W/web/3/marathon.json.mustache', '', 2]]);
  assert.deepEqual(where(diags(renderPackage({ revision: revision({ marathonTemplate: '[1]' }), descriptor: 'marathon', source: 's' }))), [['template-render', 'packages/W/web/3/marathon.json.mustache', '', 1]]);
});

test('Aurora: the job file text, rendered with the same context; a job without jobs = [...] is an error', () => {
  const aurora = 'job = Job(name = "{{service.name}}", cmd = "{{service.cmd}}", image = "{{resource.assets.container.docker.web}}")\njobs = [job]\n';
  const rev = revision({ auroraTemplate: aurora });
  const r = renderPackage({ revision: rev, descriptor: 'aurora', source: 's', options: { file: 'o.json', text: '{"service": {"cmd": "say \\"hi\\""}}' } });
  assert.ok(r.ok);
  assert.equal(r.aurora, 'job = Job(name = "web", cmd = "say \\"hi\\"", image = "example/web:1.2.3")\njobs = [job]\n');
  assert.equal(r.marathon, undefined);
  const bad = renderPackage({ revision: revision({ auroraTemplate: '{{#service.off}}jobs = []{{/service.off}}' }), descriptor: 'aurora', source: 's' });
  assert.deepEqual(where(diags(bad)), [['aurora-render', 'packages/W/web/3/job.aurora.mustache', '', 1]]);
});

test('a descriptor the revision does not have, and `dir` naming the files', () => {
  const r = renderPackage({ revision: revision(), descriptor: 'aurora', source: 's', dir: 'repo/packages/W/web/3' });
  assert.deepEqual(where(diags(r)), [['descriptor-missing', 'repo/packages/W/web/3/job.aurora.mustache', '', 1]]);
});

test('without config.json any option is an error', () => {
  const { config: _c, ...rest } = revision();
  const ds = diags(renderPackage({ revision: { ...rest, marathonTemplate: '{"id": "x"}' }, descriptor: 'marathon', source: 's', options: { file: 'o.json', text: '{"a": 1}' } }));
  assert.deepEqual(where(ds), [['options-invalid', 'o.json', '/a', 1]]);
});
