/**
 * Earlier states of the DC/OS Universe were built and served in their day, and some held
 * defects later commits fixed: non-ASCII text (raw UTF-8, typographic quotes and dashes),
 * `\u00a0` escapes, duplicate keys (package.json members, config.json options and option
 * members) and templates that do not render with the defaults. A temporary universe of real
 * sample packages with those defects injected into legacy (2.0–5.0) revisions must validate
 * with a warning naming each defect and no error, build through the CLI, and give exactly the
 * DC/OS output gen_universe.py writes for it (duplicate keys: the last value wins, in the first
 * key's place, as in Python). Needs the DC/OS Universe corpus (for gen_universe.py and its
 * schemas) and a Python with jsonschema and pystache (a failure where CI is set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { CORPUS_DIR, DCOS_CORPUS_DIR, dcosCorpusMissing } from '../helpers/paths.js';
import { tempDir } from '../build/helpers.js';
import { firstDcosDifference, pythonOrSkip, runGenUniverse } from './dcos-helpers.js';

/** The sample packages, or the same packages (same commit) of the whole DC/OS Universe. */
const SAMPLE = fs.existsSync(path.join(CORPUS_DIR, 'universe-sample', 'packages'))
  ? path.join(CORPUS_DIR, 'universe-sample', 'packages')
  : path.join(DCOS_CORPUS_DIR, 'repo', 'packages');
const PACKAGES = ['A/airfield', 'B/beta-kubernetes', 'C/cadvisor', 'C/crate', 'E/exhibitor'];

/** One injected defect: where, how, and the warning that must name it. */
interface Defect {
  what: string;
  /** Relative to packages/. */
  file: string;
  edit: (text: string) => string;
  code: string;
  pointer: string;
  message: RegExp;
}

/** `text` with `insertion` right after (or before) the only occurrence of `anchor` (the sample must not have drifted). */
function after(anchor: string, insertion: string, where: 'after' | 'before' = 'after'): (text: string) => string {
  return (text) => {
    const i = text.indexOf(anchor);
    assert.ok(i >= 0 && text.indexOf(anchor, i + 1) < 0, `exactly one '${anchor}'`);
    const at = where === 'after' ? i + anchor.length : i;
    return text.slice(0, at) + insertion + text.slice(at);
  };
}
const before = (anchor: string, insertion: string): ((text: string) => string) => after(anchor, insertion, 'before');
/** `text` (a JSON object or a template of one) with `insertion` as its first member. */
const first = (insertion: string): ((text: string) => string) => (text) => {
  assert.ok(text.startsWith('{'), 'an object');
  return `{${insertion}${text.slice(1)}`;
};

const DEFECTS: Defect[] = [
  { what: 'raw UTF-8 text, typographic quotes and a dash in package.json (2.0)', file: 'C/crate/0/package.json', edit: after('"description": "', 'Café “Crate” — '), code: 'json-ascii', pointer: '/description', message: /'é' \(U\+00E9\)/ },
  { what: 'a typographic dash and quotes in a config.json description (2.0)', file: 'E/exhibitor/0/config.json', edit: after('"Name of the Exhibitor task', ' – it’s “the” app'), code: 'json-ascii', pointer: '/properties/exhibitor/properties/app-id/description', message: /'–' \(U\+2013\)/ },
  { what: 'a \\u00a0 escape in package.json (2.0)', file: 'E/exhibitor/1/package.json', edit: after('"description": "ZooKeeper', '\\u00a0'), code: 'json-ascii', pointer: '/description', message: /escape '\\u00a0'/ },
  { what: 'a \\u00a0 escape in config.json (2.0)', file: 'E/exhibitor/2/config.json', edit: after('"Name of the Exhibitor task', '\\u00a0'), code: 'json-ascii', pointer: '/properties/exhibitor/properties/app-id/description', message: /escape '\\u00a0'/ },
  ...['website', 'licenses', 'postInstallNotes'].map((key, i) => ({
    what: `package.json's ${key} repeated (3.0)`,
    file: 'C/cadvisor/1/package.json',
    edit: [
      first('\n  "website": "https://old.example.com/cadvisor",'),
      after('"website": "https://old.example.com/cadvisor",', '\n  "licenses": [{"name": "Old", "url": "https://old.example.com/LICENSE"}],'),
      after('"url": "https://old.example.com/LICENSE"}],', '\n  "postInstallNotes": "Old notes.",'),
    ][i]!,
    code: 'json-duplicate-key',
    pointer: `/${key}`,
    message: new RegExp(`key '${key}' appears twice`),
  })),
  { what: 'a config.json option repeated (2.0)', file: 'E/exhibitor/3/config.json', edit: before('"app-id": {', '"cpus": {"default": 9, "description": "old", "type": "number"},\n        '), code: 'json-duplicate-key', pointer: '/properties/exhibitor/properties/cpus', message: /key 'cpus' appears twice/ },
  { what: "a member of a config.json option repeated (2.0)", file: 'E/exhibitor/3/config.json', edit: after('"app-id": {', '\n          "default": "/old-id",'), code: 'json-duplicate-key', pointer: '/properties/exhibitor/properties/app-id/default', message: /key 'default' appears twice/ },
  { what: 'a config.json option repeated before another (4.0)', file: 'A/airfield/1/config.json', edit: before('"cpus": {', '"mem": {"type": "integer", "default": 1, "description": "old"},\n                '), code: 'json-duplicate-key', pointer: '/properties/node/properties/mem', message: /key 'mem' appears twice/ },
  { what: 'a template that does not render to JSON with the defaults (5.0)', file: 'B/beta-kubernetes/0/marathon.json.mustache', edit: first('\n  "broken": ,'), code: 'template-render', pointer: '', message: /./ },
  { what: 'a template whose default rendering leaves a value out (3.0)', file: 'C/cadvisor/0/marathon.json.mustache', edit: first('\n  "instances2": {{service.no_such_option}},'), code: 'template-render', pointer: '', message: /./ },
];

/** Copies the sample packages into `<tmp>/packages` and injects every defect. */
function makeUniverse(): string {
  const root = tempDir('universe-history-');
  for (const p of PACKAGES) fs.cpSync(path.join(SAMPLE, p), path.join(root, 'packages', p), { recursive: true });
  for (const d of DEFECTS) {
    const f = path.join(root, 'packages', d.file);
    fs.writeFileSync(f, d.edit(fs.readFileSync(f, 'utf8')));
  }
  return root;
}

interface Report {
  diagnostics: Array<{ code: string; severity: string; file: string; pointer: string; message: string }>;
  summary: { errors: number; warnings: number; revisions: number };
}

let state: Promise<{ root: string; validate: CliResult; build: CliResult; out: string }> | undefined;
/** The temporary universe, our validate and `universe build` of it, once per file. */
function ours(): Promise<{ root: string; validate: CliResult; build: CliResult; out: string }> {
  state ??= (async () => {
    const root = makeUniverse();
    const validate = await runCli(['validate', '--repo', root, '--format', 'json'], { timeoutMs: 120_000 });
    const out = path.join(tempDir('universe-history-out-'), 'target');
    const build = await runCli(['build', '--repo', root, '--out', out], { timeoutMs: 120_000 });
    return { root, validate, build, out };
  })();
  return state;
}

const missing = dcosCorpusMissing();

test('history: validate accepts every legacy defect with a warning naming it, and no error', async (t) => {
  if (missing && 'skip' in missing) return void t.skip(missing.skip);
  assert.ok(!missing, missing && 'fail' in missing ? missing.fail : '');
  const { validate } = await ours();
  const report = JSON.parse(validate.stdout) as Report;
  const errors = report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}${d.pointer ? `#${d.pointer}` : ''}: ${d.code}: ${d.message}`);
  assert.deepEqual(errors, [], 'no defect of an earlier DC/OS Universe is an error under the default policy');
  assert.equal(validate.code, 0, validate.stderr);
  for (const d of DEFECTS) {
    const file = `packages/${d.file}`;
    const found = report.diagnostics.filter((x) => x.file === file && x.code === d.code && x.pointer === d.pointer && d.message.test(x.message));
    assert.equal(found.length, 1, `${d.what}: one ${d.code} at ${file}#${d.pointer}; got ${JSON.stringify(report.diagnostics.filter((x) => x.file === file))}`);
    assert.equal(found[0]!.severity, 'warning', d.what);
  }
});

test('history: universe build builds it, and its DC/OS output equals gen_universe.py\'s', async (t) => {
  if (missing && 'skip' in missing) return void t.skip(missing.skip);
  assert.ok(!missing, missing && 'fail' in missing ? missing.fail : '');
  const { root, build, out } = await ours();
  assert.equal(build.code, 0, `${build.stdout}\n${build.stderr}`);
  const py = pythonOrSkip();
  if ('skip' in py) return void t.skip(py.skip);
  assert.ok('python' in py, 'fail' in py ? py.fail : '');
  const theirs = path.join(tempDir('universe-history-gen-'), 'dcos');
  const schemas = path.join(DCOS_CORPUS_DIR, 'repo', 'meta', 'schema');
  await runGenUniverse(py.python, path.join(DCOS_CORPUS_DIR, 'scripts', 'gen_universe.py'), path.join(root, 'packages'), theirs, schemas);
  assert.equal(firstDcosDifference(path.join(out, 'dcos'), theirs), undefined);
  // The defects are in the output, read as Python reads them (not silently dropped by both).
  const universe = JSON.parse(fs.readFileSync(path.join(theirs, 'universe.json'), 'utf8')) as { packages: Array<Record<string, unknown>> };
  const cadvisor = universe.packages.find((p) => p.name === 'cadvisor' && p.releaseVersion === 1)!;
  assert.equal(cadvisor.website, 'https://github.com/google/cadvisor', 'the last value wins');
  assert.equal(Object.keys(cadvisor)[0], 'website', 'in the first occurrence\'s place');
  const crate = universe.packages.find((p) => p.name === 'crate')!;
  assert.match(String(crate.description), /^Café “Crate” — /);
});
