import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, table } from '../../scripts/cli/commands/search.js';
import { searchPackages } from '../../scripts/lib/consume/search.js';
import type { NativeIndex, PackageSummary } from '../../scripts/lib/consume/types.js';
import { fakeIo, sampleArtifact } from './artifact.js';

/** Points per word, by where it matches: a name match outranks everything else. */
const SCORES = { nameExact: 100, namePrefix: 60, nameSubstring: 40, tagExact: 30, tagSubstring: 15, description: 10, maintainer: 5 };

function pkg(name: string, extra: Partial<PackageSummary> = {}): PackageSummary {
  return { name, description: `The ${name} package.`, tags: [], categories: [], maintainer: `${name}@example.com`, latest: { version: '1.0.0', revision: 0, packagingVersion: '4.0' }, versions: 1, ...extra };
}

const PACKAGES: PackageSummary[] = [
  pkg('other', { description: 'Talks to Kafka brokers.' }),
  pkg('kafka-manager', { tags: ['ui'] }),
  pkg('zoo', { tags: ['Kafka'], categories: ['messaging'] }),
  pkg('kafka', { tags: ['broker', 'streaming'], categories: ['messaging'] }),
  pkg('confluent-kafka', { categories: ['Messaging'], maintainer: 'team@confluent.io' }),
  pkg('mon', { maintainer: 'kafka-team@example.com', tags: ['kafkaesque'] }),
  pkg('unrelated', { tags: ['db'] }),
];

const names = (q: Parameters<typeof searchPackages>[1]): string[] => searchPackages({ packages: PACKAGES }, q).map((r) => r.name);

test('name matches rank first (exact, prefix, substring), then tags, description and maintainer', () => {
  const results = searchPackages({ packages: PACKAGES }, { q: 'KAFKA' });
  assert.deepEqual(
    results.map((r) => [r.name, r.score]),
    [
      ['kafka', SCORES.nameExact + SCORES.description + SCORES.maintainer],
      ['kafka-manager', SCORES.namePrefix + SCORES.description + SCORES.maintainer],
      ['confluent-kafka', SCORES.nameSubstring + SCORES.description],
      ['zoo', SCORES.tagExact],
      ['mon', SCORES.tagSubstring + SCORES.maintainer],
      ['other', SCORES.description],
    ],
  );
});

test('every word of the query must match; ties sort by name', () => {
  assert.deepEqual(names({ q: 'kafka manager' }), ['kafka-manager']);
  assert.deepEqual(names({ q: 'package' }), ['confluent-kafka', 'kafka', 'kafka-manager', 'mon', 'unrelated', 'zoo'], 'same score: alphabetical');
  assert.deepEqual(names({ q: 'nothing-like-this' }), []);
  assert.deepEqual(names({ q: '   ' }), PACKAGES.map((p) => p.name).sort(), 'a blank query matches everything');
});

test('filters are exact, case-insensitive and combine with AND (and with the query)', () => {
  assert.deepEqual(names({ tag: 'kafka' }), ['zoo'], 'exact tag, not kafkaesque');
  assert.deepEqual(names({ category: 'MESSAGING' }), ['confluent-kafka', 'kafka', 'zoo']);
  assert.deepEqual(names({ category: 'messaging', tag: 'broker' }), ['kafka']);
  assert.deepEqual(names({ maintainer: 'TEAM@confluent.io' }), ['confluent-kafka']);
  assert.deepEqual(names({ maintainer: 'confluent.io' }), [], 'maintainer is exact, not a substring');
  assert.deepEqual(names({ q: 'kafka', category: 'messaging' }), ['kafka', 'confluent-kafka', 'zoo']);
  assert.ok(searchPackages({ packages: PACKAGES }, {}).every((r) => r.score === 0));
});

test('searching a native index summarizes its entries (no maintainer there)', () => {
  const index: NativeIndex = {
    formatVersion: '1.0',
    repository: { name: 'u' },
    commit: null,
    packages: [
      { name: 'b', description: 'Beta.', tags: ['x'], categories: [], latest: { version: '2.0', revision: 1 }, versions: [{ version: '1.0', revision: 0, packagingVersion: '4.0', digest: 'sha256-0' }, { version: '2.0', revision: 1, packagingVersion: '6.0', digest: 'sha256-1', deprecated: { message: 'gone' } }] },
      { name: 'a', description: 'Alpha b.', tags: [], categories: ['c'], latest: { version: '1.0', revision: 0 }, versions: [{ version: '1.0', revision: 0, packagingVersion: '3.0', digest: 'sha256-2' }] },
    ],
  };
  const r = searchPackages(index, { q: 'b' });
  assert.deepEqual(r, [
    { name: 'b', description: 'Beta.', tags: ['x'], categories: [], latest: { version: '2.0', revision: 1, packagingVersion: '6.0' }, versions: 2, deprecated: { message: 'gone' }, score: SCORES.nameExact + SCORES.description },
    { name: 'a', description: 'Alpha b.', tags: [], categories: ['c'], latest: { version: '1.0', revision: 0, packagingVersion: '3.0' }, versions: 1, score: SCORES.description },
  ]);
});

test('universe search over the sample artifact: query, filters, pretty table and --json', async () => {
  const dir = await sampleArtifact();
  const go = async (...args: string[]): Promise<string> => {
    const io = fakeIo();
    assert.equal(await run([...args, '--index', dir], io), 0);
    return io.stdout();
  };
  const json = (s: string): string[] => (JSON.parse(s) as { packages: Array<{ name: string }> }).packages.map((p) => p.name);
  assert.deepEqual(json(await go('--json', '--maintainer', 'observability@example.com')), ['gauge-collector', 'logship', 'pulse-agent']);
  assert.deepEqual(json(await go('--json', '--category', 'databases')), ['emberkv']);
  assert.deepEqual(json(await go('--json', 'monitoring')), ['gauge-collector', 'pulse-agent']);
  assert.deepEqual(json(await go('--json', 'ember')), ['emberkv', 'report-batch'], 'name prefix first, then the description that mentions it');
  const pretty = await go('raft');
  const lines = pretty.split('\n');
  assert.match(lines[0]!, /^NAME +VERSION +DESCRIPTION +TAGS$/);
  assert.match(lines[1]!, /^emberkv +1\.2\.0 +EmberKV is a strongly consistent, replicated key-value .*… +database, key-value, raft$/);
  assert.equal(lines.at(-2), '1 package');
  assert.equal(await go('--tag', 'nope'), 'No package matches tag nope.\n');
  assert.match(table([{ ...pkg('p'), deprecated: { message: 'x' }, score: 0 }], {}), /^p \(deprecated\) /m);
});
