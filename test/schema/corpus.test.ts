/**
 * Every package file of the real DC/OS sample universe must pass the schemas: they accept what
 * the DC/OS Universe accepted. Skipped, visibly, when ../shared/corpus is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { SCHEMA_RULES } from '../../scripts/lib/rules/groups/schema.js';
import { runRules } from '../../scripts/lib/rules/run.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { validateCommand, validateConfig, validatePackageJson, validateResource } from '../../scripts/lib/schema/validators.js';
import { NO_CORPUS, PROJECT_ROOT, hasCorpus } from '../helpers/paths.js';

const SAMPLE = path.resolve(PROJECT_ROOT, '../shared/corpus/universe-sample');

test('every package.json, config.json, resource.json and command.json of the corpus passes the schemas', async (t) => {
  if (!hasCorpus()) {
    t.skip(NO_CORPUS);
    return;
  }
  const catalog = await loadCatalog(new WorktreeSnapshot(SAMPLE));
  const failures: string[] = [];
  const counts = { 'package.json': 0, 'config.json': 0, 'resource.json': 0, 'command.json': 0 };
  for (const pkg of catalog.packages) {
    for (const rev of pkg.revisions) {
      const value = (name: keyof typeof counts): unknown => {
        const doc = rev.files[name]?.json;
        if (doc === undefined) return undefined;
        assert.equal(doc.syntaxError, undefined, `${rev.dir}/${name} parses`);
        counts[name]++;
        return doc.value;
      };
      const pkgJson = value('package.json') as { packagingVersion?: string } | undefined;
      const results: Array<[string, unknown, (v: unknown) => unknown[]]> = [
        ['package.json', pkgJson, (v) => validatePackageJson(v)],
        ['config.json', value('config.json'), validateConfig],
        ['resource.json', value('resource.json'), (v) => validateResource(v, pkgJson?.packagingVersion)],
        ['command.json', value('command.json'), validateCommand],
      ];
      for (const [name, v, validate] of results) {
        if (v === undefined) continue;
        const issues = validate(v);
        if (issues.length > 0) failures.push(`${rev.dir}/${name}: ${JSON.stringify(issues)}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  // The sample holds 315 revisions, each with package.json, config.json and resource.json.
  assert.ok(counts['package.json'] >= 300 && counts['config.json'] >= 300 && counts['resource.json'] >= 300 && counts['command.json'] > 0, JSON.stringify(counts));
});

test('the schema rules report nothing on the corpus', async (t) => {
  if (!hasCorpus()) {
    t.skip(NO_CORPUS);
    return;
  }
  const catalog = await loadCatalog(new WorktreeSnapshot(SAMPLE));
  const diags = await runRules(catalog, defaultSettings(), SCHEMA_RULES);
  assert.deepEqual(diags.map((d) => `${d.code} ${d.file}${d.pointer}: ${d.message}`), []);
});
