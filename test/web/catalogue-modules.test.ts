import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT, listFiles } from '../helpers/paths.js';

/* The web catalogue's source rules and its DOM-free modules, checked without a browser (the
   browser test covers the pages end to end). */

const WEB = path.join(PROJECT_ROOT, 'web');
const load = (file: string): Promise<any> => import(pathToFileURL(path.join(WEB, 'catalogue', file)).href);
const sources = (): Array<[string, string]> => listFiles(WEB).filter((f) => /\.(js|html|css)$/.test(f)).map((f) => [f, fs.readFileSync(path.join(WEB, f), 'utf8')]);

test('package data never reaches the page as markup', () => {
  const code = (src: string): string => src.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const offenders = sources().filter(([f, src]) => f.endsWith('.js') && /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write|\beval\s*\(|new Function\s*\(/.test(code(src)));
  assert.deepEqual(offenders.map(([f]) => f), []);
});

test('the catalogue loads nothing from other hosts (fonts, scripts, styles are local)', () => {
  const offenders: string[] = [];
  for (const [f, src] of sources()) {
    for (const m of src.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s'"`)]*/gi)) {
      if (!m[0].startsWith('http://www.w3.org/2000/svg')) offenders.push(`${f}: ${m[0]}`);
    }
    if (/@import|url\(\s*['"]?https?:/i.test(src)) offenders.push(`${f}: external CSS`);
  }
  assert.deepEqual(offenders, []);
});

test('index.html preloads every module, so none waits for its importer', () => {
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/rel="modulepreload" href="catalogue\/([^"]+)"/g)].map((m) => m[1]).sort();
  const modules = listFiles(path.join(WEB, 'catalogue')).filter((f) => f.endsWith('.js')).sort();
  assert.deepEqual(preloaded, modules);
});

test('search: terms AND together, name beats tag beats description, facets filter exactly', async () => {
  const { search, facetCounts, list } = await load('search.js');
  const packages = [
    { name: 'kafka', description: 'A broker.', tags: ['queue'], categories: ['messaging'], maintainer: 'a@x.io' },
    { name: 'kafka-zookeeper', description: 'Coordination for kafka.', tags: ['zk'], categories: [], maintainer: 'b@x.io' },
    { name: 'relay', description: 'Uses kafka underneath.', tags: ['kafka'], categories: ['messaging'], maintainer: 'a@x.io' },
    { name: 'zeta', description: 'Mentions kafka once.', tags: [], categories: [] },
  ];
  const names = (query: object): string[] => search(packages, query).map((hit: any) => hit.pkg.name);
  assert.deepEqual(names({ q: 'kafka' }), ['kafka', 'kafka-zookeeper', 'relay', 'zeta']);
  assert.deepEqual(names({ q: 'KAFKA broker' }), ['kafka']);
  assert.deepEqual(names({ q: 'kafka', category: 'Messaging' }), ['kafka', 'relay']);
  assert.deepEqual(names({ maintainer: 'A@X.IO' }), ['kafka', 'relay']);
  assert.deepEqual(names({ tag: 'kafk' }), []);
  assert.deepEqual(names({}), ['kafka', 'kafka-zookeeper', 'relay', 'zeta']);
  // Facet counts ignore their own facet's filter, so the reader sees the alternatives.
  assert.deepEqual(facetCounts(search(packages, { category: 'messaging' }, 'category'), (p: any) => list(p.categories)), [['messaging', 2]]);
  assert.deepEqual(list(['a', 3, null, 'b']), ['a', 'b']);
});

test('routes: home queries and package pages round-trip through the hash', async () => {
  const { parseHash, homeHash, packageHash } = await load('routes.js');
  assert.deepEqual(parseHash(''), { view: 'home', query: {} });
  assert.deepEqual(parseHash('#/'), { view: 'home', query: {} });
  assert.deepEqual(parseHash(homeHash({ q: 'a b&c', tag: 'x' })), { view: 'home', query: { q: 'a b&c', tag: 'x' } });
  assert.equal(homeHash({ q: '', category: undefined }), '#/');
  assert.deepEqual(parseHash(packageHash('emberkv')), { view: 'package', name: 'emberkv' });
  assert.deepEqual(parseHash(packageHash('emberkv', '1.0.0+build/1')), { view: 'package', name: 'emberkv', version: '1.0.0+build/1' });
  assert.deepEqual(parseHash('#/package/%E0%A4%A'), { view: 'missing', hash: '/package/%E0%A4%A' });
  assert.deepEqual(parseHash('#main'), { view: 'missing', hash: 'main' });
});

test('api: a version folder is encodeURIComponent(version), requested encoded once more', async () => {
  const { versionSegment } = await load('api.js');
  assert.equal(versionSegment('1.2.0'), '1.2.0');
  assert.equal(versionSegment('1.0.0+build'), '1.0.0%252Bbuild');
});

test('options: rows in document order with dotted paths, depth and required; readable types', async () => {
  const { optionRows, typeLabel, formatValue } = await load('options-table.js');
  const config = {
    type: 'object',
    properties: {
      service: { type: 'object', required: ['name'], properties: { name: { type: 'string', default: 'x' }, user: { type: 'string' } } },
      count: { type: 'integer', default: 3 },
    },
    required: ['count'],
  };
  const { rows, truncated } = optionRows(config);
  assert.equal(truncated, false);
  assert.deepEqual(rows.map((r: any) => [r.path.join('.'), r.depth, r.required]), [
    ['service', 0, false],
    ['service.name', 1, true],
    ['service.user', 1, false],
    ['count', 0, true],
  ]);
  const hostile = JSON.parse('{"properties":{"__proto__":{"type":"string","default":"p"}}}');
  assert.deepEqual(optionRows(hostile).rows.map((r: any) => r.path), [['__proto__']]);
  assert.equal(({} as any).type, undefined, 'no prototype was touched');
  assert.equal(optionRows(undefined).rows.length, 0);
  assert.equal(typeLabel({ type: ['integer', 'null'] }), 'integer | null');
  assert.equal(typeLabel({ type: 'array', items: { type: 'string' } }), 'array of string');
  assert.equal(typeLabel({ properties: {} }), 'object');
  assert.equal(typeLabel({}), 'any');
  assert.equal(formatValue('a"b'), '"a\\"b"');
  // A config nested deeper than the table shows is cut, not followed forever.
  let deep: any = { type: 'string' };
  for (let i = 0; i < 50; i++) deep = { type: 'object', properties: { n: deep } };
  assert.equal(optionRows(deep).truncated, true);
});
