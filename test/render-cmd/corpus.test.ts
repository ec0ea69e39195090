import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { openRepoPackage } from '../../scripts/lib/consume/repo.js';
import { renderPackage } from '../../scripts/lib/ops/render.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { TEMPLATE_RULES } from '../../scripts/lib/rules/groups/template.js';
import { runRules } from '../../scripts/lib/rules/run.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { CORPUS_DIR, NO_CORPUS, hasCorpus } from '../helpers/paths.js';

/**
 * Hand-checked: these latest revisions declare a required option without a default, so DC/OS
 * cannot install them without user options (the option named is the one `universe render`
 * asks for).
 */
const NEEDS_OPTIONS: Record<string, string[]> = {
  'beta-nifi/0': ['zookeeper.connect_string'],
  'beta-spark-history/2': ['service.hdfs-config-url'],
  'ceph-dash/0': ['service.ceph_client_admin_keyring_URI', 'service.ceph_conf_URI'],
  'ecr-login/1': ['ecr-login.registry_accounts'],
  'humio-agent/0': ['humio.dataspace', 'humio.host', 'humio.ingestToken'],
  'marathon-slack/5': ['marathon-slack.slack_webhook_url'],
  'vamp/4': ['service.elasticsearch-url'],
};

/** Known defect: namerd 4's template puts a string option where JSON needs an array (validate's template-render finds it too). */
const DEFECTS = ['namerd/4'];

const short = (dir: string): string => dir.split('/').slice(2).join('/');

test('corpus: every latest revision renders with the default options, unless it needs user options or has a known defect', async (t) => {
  if (!hasCorpus()) return t.skip(NO_CORPUS);
  const catalog = await loadCatalog(new WorktreeSnapshot(path.join(CORPUS_DIR, 'universe-sample')));
  let rendered = 0;
  const needs: Record<string, string[]> = {};
  const defects: string[] = [];
  const latest = catalog.packages.map((p) => p.revisions[p.revisions.length - 1]!);
  for (const rev of latest) {
    // As `universe render --repo` reads it: the package's folder alone.
    const found = await openRepoPackage(path.join(CORPUS_DIR, 'universe-sample'), rev.dir.split('/')[2]!);
    const doc = found.package?.revisions.at(-1)?.doc;
    assert.ok(doc && found.package?.revisions.at(-1)?.dir === rev.dir, `${rev.dir} is usable`);
    assert.ok(doc.marathonTemplate !== undefined, `${rev.dir} has a Marathon template`);
    const r = renderPackage({ revision: doc, descriptor: 'marathon', source: 'https://universe.example.com/repo' });
    if (r.ok) {
      rendered++;
      assert.equal(r.marathon!.labels && typeof r.marathon!.labels, 'object', rev.dir);
      continue;
    }
    if (r.diagnostics.every((d) => d.code === 'options-missing')) {
      // Each names the option's declaration in config.json.
      assert.ok(r.diagnostics.every((d) => d.file === `${rev.dir}/config.json` && /^\/properties\//.test(d.pointer)), rev.dir);
      needs[short(rev.dir)] = r.diagnostics.map((d) => /required option '([^']+)'/.exec(d.message)![1]!).sort();
    } else {
      assert.deepEqual(r.diagnostics.map((d) => d.code), ['template-render'], rev.dir);
      defects.push(short(rev.dir));
    }
  }
  assert.equal(latest.length, 47);
  assert.equal(rendered, 39);
  assert.deepEqual(needs, NEEDS_OPTIONS);
  assert.deepEqual(defects, DEFECTS);

  // validate agrees: on latest revisions it reports the same template defects and no wrong
  // defaults, and says nothing about packages that merely need options.
  const latestDirs = new Set(latest.map((r) => r.dir));
  const diags = (await runRules(catalog, defaultSettings(), TEMPLATE_RULES)).filter((d) => latestDirs.has(d.file.split('/').slice(0, 4).join('/')));
  const of = (code: string): string[] => [...new Set(diags.filter((d) => d.code === code).map((d) => short(d.file.split('/').slice(0, 4).join('/'))))];
  assert.deepEqual(of('template-render'), DEFECTS);
  assert.deepEqual(of('config-defaults'), []);
  assert.deepEqual(of('template-syntax'), []);
});
