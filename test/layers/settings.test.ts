import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, resolveSettings } from '../../scripts/lib/policy/settings.js';
import { validateSettings } from '../../scripts/lib/schema/validators.js';

const base = { formatVersion: '1.0', name: 'acme' };

function issues(value: Record<string, unknown>): Array<[string, string]> {
  return validateSettings({ ...base, ...value }).map((i) => [i.pointer, i.keyword]);
}

test('repository.json: upstreams and terminating validate, and resolve with their defaults', () => {
  const value = {
    ...base,
    terminating: ['acme-*'],
    upstreams: [
      { name: 'staging', url: 'https://staging.example.com/universe/', include: ['acme-*'], terminating: ['acme-secret'] },
      { name: 'dcos', url: '../public/repo-up-to-2.0.json', exclude: ['legacy-*', 'beta-{kafka,hdfs}'] },
    ],
  };
  assert.deepEqual(validateSettings(value), []);
  const s = resolveSettings(value);
  assert.deepEqual(s.terminating, ['acme-*']);
  assert.deepEqual(s.upstreams, [
    { name: 'staging', url: 'https://staging.example.com/universe/', include: ['acme-*'], exclude: [], terminating: ['acme-secret'] },
    { name: 'dcos', url: '../public/repo-up-to-2.0.json', exclude: ['legacy-*', 'beta-{kafka,hdfs}'], terminating: [] },
  ]);
  assert.deepEqual([defaultSettings().upstreams, defaultSettings().terminating], [[], []]);
  assert.deepEqual([resolveSettings(base).upstreams, resolveSettings(base).terminating], [[], []]);
});

test('upstream names are unique and never local', () => {
  const msgs = validateSettings({
    ...base,
    upstreams: [
      { name: 'staging', url: 'https://a.example/' },
      { name: 'local', url: 'https://b.example/' },
      { name: 'staging', url: 'https://c.example/' },
    ],
  });
  assert.deepEqual(
    msgs.map((i) => [i.pointer, i.keyword]),
    [
      ['/upstreams/1/name', 'reservedName'],
      ['/upstreams/2/name', 'uniqueNames'],
    ],
  );
  assert.match(msgs[0]!.message, /'local' is taken by this universe's own packages/);
  assert.match(msgs[1]!.message, /'staging' is already used by upstreams\/0/);
});

test('the schema: required members, kebab-case names, no unknown members, pattern characters', () => {
  assert.deepEqual(issues({ upstreams: [{ name: 'a' }] }), [['/upstreams/0', 'required']]);
  assert.deepEqual(issues({ upstreams: [{ name: 'Staging', url: 'x' }] }), [['/upstreams/0/name', 'pattern']]);
  assert.deepEqual(issues({ upstreams: [{ name: 'a', url: 'x', mirror: true }] }), [['/upstreams/0/mirror', 'additionalProperties']]);
  assert.deepEqual(issues({ upstreams: [{ name: 'a', url: '' }] }), [['/upstreams/0/url', 'minLength']]);
  assert.deepEqual(issues({ terminating: ['acme/*', 'ok-*', '!x', ''] }), [
    ['/terminating/0', 'pattern'],
    ['/terminating/2', 'pattern'],
    ['/terminating/3', 'pattern'],
    ['/terminating/3', 'minLength'],
  ]);
  assert.deepEqual(issues({ upstreams: {} }), [['/upstreams', 'type']]);
});

test('beyond the schema: URLs are http(s) or paths, and patterns compile', () => {
  assert.deepEqual(issues({ upstreams: [{ name: 'a', url: 'ftp://mirror.example/universe' }] }), [['/upstreams/0/url', 'url']]);
  assert.deepEqual(issues({ upstreams: [{ name: 'a', url: 'http://[bad' }] }), [['/upstreams/0/url', 'url']]);
  assert.deepEqual(issues({ upstreams: [{ name: 'a', url: 'C:\\universes\\public' }, { name: 'b', url: '/srv/universe' }, { name: 'c', url: 'HTTPS://x.example/' }] }), []);
  const bad = validateSettings({ ...base, terminating: ['acme-[db'], upstreams: [{ name: 'a', url: 'x', include: ['{a,b'], exclude: ['ok'], terminating: ['x]'] }] });
  assert.deepEqual(
    bad.map((i) => [i.pointer, i.keyword]),
    [
      ['/terminating/0', 'namePattern'],
      ['/upstreams/0/include/0', 'namePattern'],
      ['/upstreams/0/terminating/0', 'namePattern'],
    ],
  );
  assert.match(bad[0]!.message, /^name pattern 'acme-\[db' cannot be used \(Missing closing: "\]"\)/);
});

test('hostile values never throw', () => {
  for (const v of [{ ...base, upstreams: [null, 1, [], { name: 1, url: [] }] }, { ...base, terminating: [1, null] }, { ...base, upstreams: [{ name: 'a', url: 'x', include: 'a' }] }]) {
    assert.ok(validateSettings(v).length > 0);
  }
});
