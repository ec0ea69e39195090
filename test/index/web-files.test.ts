/**
 * The web catalogue's files (the project's web/ folder, or BuildOptions.webDir) are copied into
 * the artifact with their relative paths, listed in the manifest, text files gzipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { buildArtifact } from '../../scripts/lib/ops/build.js';
import { CannotRunError } from '../../scripts/lib/ops/errors.js';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { MemorySnapshot } from '../../scripts/lib/snapshot/memory.js';
import { listFiles } from '../helpers/paths.js';
import { revisionFiles } from '../helpers/repo.js';
import { tempDir } from '../build/helpers.js';

const universe = (): ReturnType<typeof revisionFiles> => ({ ...revisionFiles('alpha', 0), ...revisionFiles('beta', 0) });

/** Validates and builds a small universe with the given web folder; returns the artifact folder. */
async function build(webDir: string): Promise<string> {
  const v = await validateSnapshot(new MemorySnapshot(universe()));
  const out = path.join(tempDir('universe-web-out-'), 'target');
  await buildArtifact(v.catalog, v.analysis, { outDir: out, commit: null, webDir });
  return out;
}

const manifestPaths = (out: string): Set<string> => new Set((JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: Array<{ path: string }> }).files.map((f) => f.path));

test('web catalogue: every file of the web folder is copied with its path, text files gzipped, hidden files and links left out', async () => {
  const web = tempDir('universe-web-');
  const files: Record<string, string | Buffer> = {
    'index.html': '<!doctype html><title>Universe</title>',
    'catalogue/app.js': 'export const x = 1;\n',
    'catalogue/style.css': 'body { margin: 0 }\n',
    'catalogue/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
    'catalogue/big.js': 'x'.repeat(10),
    'catalogue/big.js.gz': zlib.gzipSync('x'.repeat(10)),
    '.hidden': 'secret',
    'catalogue/.swp': 'editor',
  };
  for (const [f, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(web, f)), { recursive: true });
    fs.writeFileSync(path.join(web, f), content);
  }
  fs.symlinkSync('/etc/passwd', path.join(web, 'catalogue', 'passwd'));
  const out = await build(web);
  const copied = listFiles(out).filter((f) => f === 'index.html' || f.startsWith('index.html.') || f.startsWith('catalogue/'));
  assert.deepEqual(copied, ['catalogue/app.js', 'catalogue/app.js.gz', 'catalogue/big.js', 'catalogue/big.js.gz', 'catalogue/logo.png', 'catalogue/style.css', 'catalogue/style.css.gz', 'index.html', 'index.html.gz']);
  for (const f of ['index.html', 'catalogue/app.js', 'catalogue/logo.png', 'catalogue/big.js.gz']) assert.ok(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(web, f))), f);
  assert.ok(zlib.gunzipSync(fs.readFileSync(path.join(out, 'index.html.gz'))).equals(fs.readFileSync(path.join(web, 'index.html'))));
  const listed = manifestPaths(out);
  for (const f of copied) assert.ok(listed.has(f), f);
  // A missing web folder copies nothing.
  const none = await build(path.join(web, 'absent'));
  assert.ok(!fs.existsSync(path.join(none, 'index.html')));
});

test('web catalogue: a web file that would replace a file the build writes is refused before anything is written', async () => {
  for (const f of ['index.json', 'packages.json', 'packages-x.json.gz', 'packages/alpha.json', 'dcos/universe.json', 'manifest.json']) {
    const web = tempDir('universe-web-');
    fs.mkdirSync(path.dirname(path.join(web, f)), { recursive: true });
    fs.writeFileSync(path.join(web, f), '{}');
    const v = await validateSnapshot(new MemorySnapshot(universe()));
    const out = path.join(tempDir('universe-static-'), 'target');
    await assert.rejects(buildArtifact(v.catalog, v.analysis, { outDir: out, commit: null, webDir: web }), (e: unknown) => e instanceof CannotRunError && e.message.includes(f.split('/')[0]!), f);
    assert.ok(!fs.existsSync(out), f);
  }
});
