import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from '../../scripts/cli/commands/render.js';
import { UsageError } from '../../scripts/cli/io.js';
import { CannotRunError } from '../../scripts/lib/diagnostics/errors.js';
import { runCli } from '../helpers/cli.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { fakeIo, sampleArtifact, SAMPLE_REPO, serveFolder } from '../consume/artifact.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-render-cli-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeOptions(name: string, text: string): string {
  fs.writeFileSync(path.join(tmp, name), text);
  return name;
}

async function render(args: string[], cwd = PROJECT_ROOT): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await run(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

type App = Record<string, unknown> & { labels: Record<string, string> };
const parseApp = (text: string): App => JSON.parse(text) as App;

test('render PACKAGE from the default repo folder: the latest revision as 2-space JSON with the labels', async () => {
  const r = await render(['emberkv']);
  assert.equal(r.code, 0, r.err);
  const app = parseApp(r.out);
  assert.equal(r.out, JSON.stringify(app, null, 2) + '\n');
  assert.equal(app.id, '/emberkv');
  assert.equal(app.labels.DCOS_SERVICE_NAME, 'emberkv', 'the template label is kept');
  assert.equal(app.labels.DCOS_PACKAGE_VERSION, '1.2.0');
  assert.equal(app.labels.DCOS_PACKAGE_SOURCE, pathToFileURL(SAMPLE_REPO).href);
  assert.equal(r.err, '');
});

test('render PACKAGE@VERSION picks that version; options come from the file given, relative to the cwd', async () => {
  const file = writeOptions('ok.json', '{"service": {"name": "kv-\\"prod\\"\\\\x"}, "node": {"count": 5}}');
  const r = await render(['emberkv@1.0.0', '--repo', SAMPLE_REPO, '--options', file], tmp);
  assert.equal(r.code, 0, r.err);
  const app = parseApp(r.out);
  assert.equal(app.labels.DCOS_PACKAGE_VERSION, '1.0.0');
  assert.equal(app.id, '/kv-"prod"\\x');
  assert.equal(app.instances, 5);
  assert.deepEqual(JSON.parse(Buffer.from(app.labels.DCOS_PACKAGE_OPTIONS!, 'base64').toString()), { service: { name: 'kv-"prod"\\x' }, node: { count: 5 } });
});

test('bad options: exit 1, diagnostics on stderr naming the options file, line and pointer; --format json on stdout', async () => {
  const file = writeOptions('bad.json', '{\n  "node": {\n    "count": 0\n  }\n}\n');
  const pretty = await render(['emberkv', '--repo', SAMPLE_REPO, '--options', file], tmp);
  assert.equal(pretty.code, 1);
  assert.equal(pretty.out, '');
  assert.match(pretty.err, /^bad\.json\n {2}3:5 +error +option 'node\.count' is 0 but must be at least 1 \(\/node\/count\) {2}options-invalid$/m);
  const json = await render(['emberkv', '--repo', SAMPLE_REPO, '--options', file, '--format', 'json'], tmp);
  assert.equal(json.code, 1);
  const doc = JSON.parse(json.out) as { diagnostics: Array<{ code: string; file: string; pointer: string; line: number; column: number }> };
  assert.deepEqual(doc.diagnostics.map((d) => [d.code, d.file, d.pointer, d.line, d.column]), [['options-invalid', 'bad.json', '/node/count', 3, 5]]);
});

test('Aurora: the job text; --format json wraps it with the revision it came from', async () => {
  const r = await render(['report-batch']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^jobs = \[$/m);
  assert.match(r.out, /image = "registry\.example\.com\/data-platform\/report-batch:0\.4\.0"/);
  const j = await render(['report-batch', '--descriptor', 'aurora', '--format', 'json']);
  const doc = JSON.parse(j.out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(doc), ['name', 'version', 'revision', 'descriptor', 'aurora', 'warnings']);
  assert.equal(doc.aurora, r.out);
  assert.equal(doc.revision, 1);
});

test('unknown package or version, a missing descriptor, a missing options file: exit 2 with what exists', async () => {
  await assert.rejects(render(['emberkv@9.9.9']), (e: unknown) => e instanceof CannotRunError && /emberkv has no version 9\.9\.9 in repo; its versions are: 1\.2\.0 \(revision 2\), 1\.1\.0 \(revision 1\), 1\.0\.0 \(revision 0\)/.test(e.message));
  await assert.rejects(render(['emberk']), (e: unknown) => e instanceof CannotRunError && /unknown package 'emberk' in repo; did you mean 'emberkv'\?/.test(e.message));
  await assert.rejects(render(['report-batch', '--descriptor', 'marathon']), (e: unknown) => e instanceof CannotRunError && /has no marathon\.json\.mustache: use --descriptor aurora/.test(e.message));
  await assert.rejects(render(['tidectl']), (e: unknown) => e instanceof CannotRunError && /no descriptor to render/.test(e.message));
  await assert.rejects(render(['emberkv', '--repo', SAMPLE_REPO, '--options', 'nope.json'], tmp), (e: unknown) => e instanceof CannotRunError && /cannot read the options file nope\.json: no such file/.test(e.message));
  await assert.rejects(render(['emberkv', '--repo', tmp]), (e: unknown) => e instanceof CannotRunError && /has no packages\/ folder/.test(e.message));
});

test('usage errors: no package, two sources, a bad descriptor', async () => {
  for (const args of [[], ['a', 'b'], ['emberkv', '--repo', 'repo', '--index', 'target'], ['emberkv', '--descriptor', 'k8s'], ['emberkv@']]) {
    await assert.rejects(render(args), UsageError, args.join(' '));
  }
});

test('--index over a built artifact folder and over a loopback URL gives the repo rendering', async () => {
  const dir = await sampleArtifact();
  const fromRepo = parseApp((await render(['emberkv@1.1.0'])).out);
  const fromDir = await render(['emberkv@1.1.0', '--index', dir]);
  assert.equal(fromDir.code, 0, fromDir.err);
  const appDir = parseApp(fromDir.out);
  assert.equal(appDir.labels.DCOS_PACKAGE_SOURCE, pathToFileURL(dir).href);
  const server = await serveFolder(dir);
  try {
    const fromUrl = await render(['emberkv@1.1.0', '--index', server.url]);
    assert.equal(fromUrl.code, 0, fromUrl.err);
    const appUrl = parseApp(fromUrl.out);
    assert.equal(appUrl.labels.DCOS_PACKAGE_SOURCE, server.url);
    const same = (a: App): unknown => ({ ...a, labels: { ...a.labels, DCOS_PACKAGE_SOURCE: '' } });
    assert.deepEqual(same(appDir), same(fromRepo));
    assert.deepEqual(same(appUrl), same(fromRepo));
    assert.deepEqual(server.requests, ['/index.json', '/packages/emberkv.json'], 'only the index and the one package document are fetched');
    await assert.rejects(render(['emberkv@0.0.1', '--index', server.url]), (e: unknown) => e instanceof CannotRunError && e.message.includes(`emberkv has no version 0.0.1 in ${server.url}; its versions are: 1.2.0 (revision 2)`));
  } finally {
    await server.close();
  }
  await assert.rejects(render(['emberkv', '--index', tmp]), (e: unknown) => e instanceof CannotRunError && /holds no index\.json/.test(e.message));
});

test('through the real CLI: output, exit codes 0, 1 and 2', async (t) => {
  const help = await runCli(['--help']);
  if (!/\brender\b/.test(help.stdout)) return t.skip('render is not registered in scripts/cli/main.ts yet');
  const ok = await runCli(['render', 'emberkv', '--repo', 'repo']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(parseApp(ok.stdout).id, '/emberkv');
  const file = writeOptions('cli-bad.json', '{"node": {"count": "x"}}');
  const bad = await runCli(['render', 'emberkv', '--repo', SAMPLE_REPO, '--options', file], { cwd: tmp });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /cli-bad\.json\n {2}1:11 /);
  const unknown = await runCli(['render', 'emberkv@7', '--repo', 'repo']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^universe render: emberkv has no version 7 in repo; its versions are: 1\.2\.0 \(revision 2\)/);
});
