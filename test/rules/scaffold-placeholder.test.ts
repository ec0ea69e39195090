import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaffoldPlaceholder } from '../../scripts/lib/rules/scaffold-placeholder.js';
import { runRules } from '../../scripts/lib/rules/run.js';
import { loadCatalog } from '../../scripts/lib/catalog/load.js';
import { defaultSettings } from '../../scripts/lib/policy/settings.js';
import { MemorySnapshot, type MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const scaffolded = revisionFiles('widget', 0, {
  packageJson: { packagingVersion: '6.0', version: '0.1.0', maintainer: 'maintainer@example.com', description: 'Widget: replace this with one sentence saying what the package does.' },
  files: {
    'resource.json': JSON.stringify({
      images: { 'icon-small': 'https://example.com/widget/icon-small.png', 'icon-large': 'https://cdn.widget.io/icon.png' },
      assets: { container: { docker: { widget: 'registry.example.com/widget:0.1.0', 'side/car': 'docker.io/widget/sidecar:2' } } },
    }),
  },
});

const cases: Array<{ name: string; files: Record<string, MemoryFile>; expected: Array<[string, string, string]> }> = [
  { name: 'a finished package', files: revisionFiles('widget', 0), expected: [] },
  {
    name: 'every placeholder universe new writes',
    files: scaffolded,
    expected: [
      ['scaffold-placeholder', `${R}/package.json`, '/maintainer'],
      ['scaffold-placeholder', `${R}/package.json`, '/description'],
      ['scaffold-placeholder', `${R}/resource.json`, '/images/icon-small'],
      ['scaffold-placeholder', `${R}/resource.json`, '/assets/container/docker/widget'],
    ],
  },
  {
    name: 'example.com addresses other than the scaffold\'s are not placeholders',
    files: revisionFiles('widget', 0, { packageJson: { maintainer: 'team@example.com' }, files: { 'resource.json': '{"images": {"icon-small": "https://example.com/other/icon.png"}, "assets": {"container": {"docker": {"widget": "registry.example.com/team/widget:1.0.0"}}}}' } }),
    expected: [],
  },
];

for (const c of cases) {
  test(`scaffold-placeholder: ${c.name}`, async () => {
    assert.deepEqual(triples(await check(c.files, [scaffoldPlaceholder])), c.expected);
  });
}

test('scaffold-placeholder: a warning on what is published, an error on what is new', async () => {
  const catalog = await loadCatalog(new MemorySnapshot(scaffolded));
  const settings = defaultSettings();
  const published = await runRules(catalog, settings, [scaffoldPlaceholder]);
  assert.deepEqual([...new Set(published.map((d) => d.severity))], ['warning']);
  const fresh = await runRules(catalog, settings, [scaffoldPlaceholder], { newPaths: new Set([R]) });
  assert.deepEqual([...new Set(fresh.map((d) => d.severity))], ['error']);
  assert.match(published[0]!.message, /universe new/);
});
