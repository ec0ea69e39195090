/**
 * The DC/OS outputs of the real sample universe equal what the DC/OS Universe's own build wrote
 * for it (../shared/corpus/universe-sample-expected): every file as JSON (package order ignored,
 * member order compared), every .content_type byte for byte, every slice the matching subset,
 * every .gz its sibling. Skipped, visibly, when ../shared/corpus is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { buildArtifact, type BuildReport } from '../../scripts/lib/ops/build.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { Analysis } from '../../scripts/lib/rules/analysis.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { CORPUS_DIR, NO_CORPUS, hasCorpus, listFiles } from '../helpers/paths.js';
import { tempDir } from '../build/helpers.js';
import { packageKey as key, packagesOf, repoDifference, sortPackages as sorted } from './dcos-helpers.js';

const SAMPLE = path.join(CORPUS_DIR, 'universe-sample');
const EXPECTED = path.join(CORPUS_DIR, 'universe-sample-expected');

let built: Promise<{ out: string; report: BuildReport }> | undefined;
/** One build of the corpus shared by the tests below. */
function build(): Promise<{ out: string; report: BuildReport }> {
  built ??= (async () => {
    const catalog = await loadCatalog(new WorktreeSnapshot(SAMPLE));
    const out = path.join(tempDir('universe-corpus-'), 'target');
    const report = await buildArtifact(catalog, new Analysis(catalog, defaultSettings()), { outDir: out, commit: null });
    return { out, report };
  })();
  return built;
}

test('corpus: every DC/OS file equals the DC/OS Universe build output', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const { out, report } = await build();
  assert.deepEqual([report.revisions, report.dcosRevisions, report.skipped.length], [315, 315, 0]);
  const expected = fs.readdirSync(EXPECTED).sort();
  assert.ok(expected.length >= 18);
  for (const f of expected) {
    const want = fs.readFileSync(path.join(EXPECTED, f));
    if (f.endsWith('.content_type')) {
      assert.ok(want.equals(fs.readFileSync(path.join(out, 'dcos', f))), f);
      continue;
    }
    assert.ok(f.endsWith('.json.gz'), f);
    const ours = fs.readFileSync(path.join(out, 'dcos', f.slice(0, -3)));
    const theirs = sorted(packagesOf(zlib.gunzipSync(want)));
    const mine = packagesOf(ours);
    assert.deepEqual(mine.map(key), theirs.map(key), `${f}: the same revisions, ours sorted by name then revision`);
    // Equal as JSON, member order included (numbers compare by value: Python writes 1.0, we write 1).
    assert.equal(repoDifference(ours, zlib.gunzipSync(want)), undefined, f);
  }
});

test('corpus: slices are the matching subsets, and every .gz decompresses to its sibling', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const { out } = await build();
  const dcos = path.join(out, 'dcos');
  for (const v of ['1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '2.0']) {
    const all = packagesOf(fs.readFileSync(path.join(dcos, `repo-up-to-${v}.json`)));
    const names = [...new Set(all.map((p) => String(p.name)))].sort();
    assert.deepEqual(listFiles(path.join(dcos, v, 'package')).filter((f) => f.endsWith('.json')), names.map((n) => `${n}.json`).sort(), v);
    for (const n of names) {
      const slice = packagesOf(fs.readFileSync(path.join(dcos, v, 'package', `${n}.json`)));
      assert.equal(JSON.stringify(slice), JSON.stringify(all.filter((p) => p.name === n)), `${v}/${n}`);
    }
  }
  for (const f of listFiles(out).filter((f) => f.endsWith('.gz'))) {
    assert.ok(zlib.gunzipSync(fs.readFileSync(path.join(out, f))).equals(fs.readFileSync(path.join(out, f.slice(0, -3)))), f);
  }
});
