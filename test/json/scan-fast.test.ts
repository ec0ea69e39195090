import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCleanJson } from '../../scripts/lib/json/scan-fast.js';
import { fullScanJson, scanJson } from '../../scripts/lib/json/scan.js';
import { CORPUS_DIR, hasCorpus, NO_CORPUS } from '../helpers/paths.js';
import { random } from '../helpers/random.js';

/** What the full scan says: true when it finds nothing at all. */
const fullyClean = (text: string, maxDepth = 64, checkAscii = true): boolean => {
  const r = fullScanJson(text, maxDepth, checkAscii);
  return r.problems.length === 0 && !r.tooDeep;
};

/** The one property that matters: the fast check never calls clean what has a problem. */
function assertSafe(text: string, maxDepth = 64, checkAscii = true): void {
  if (isCleanJson(text, maxDepth, checkAscii)) assert.ok(fullyClean(text, maxDepth, checkAscii), `called clean: ${JSON.stringify(text).slice(0, 300)}`);
}

// Few distinct keys, so that duplicates are frequent; some need escapes or are unsafe.
const KEYS = ['a', 'b', 'ab', 'ba', 'type', 'typo', '__proto__', 'constructor', 'prototype', 'a/b', 'c~d', 'q"q', 'x\\y', '', 'caf\u00e9'];
const STRINGS = ['', 'x', 'a,b', '{[', ']}', ':', 'say "hi"', 'C:\\users', '\u00e8', '\u{1f600}', 'tab\there'];

/** Serialises with optional duplicate keys (JSON.stringify cannot make those). */
function generate(rnd: () => number, depth: number): string {
  const r = rnd();
  if (depth > 6 || r < 0.3) {
    const s = rnd();
    if (s < 0.4) return JSON.stringify(STRINGS[Math.floor(rnd() * STRINGS.length)]);
    if (s < 0.7) return String(Math.floor(rnd() * 1000) - 500);
    return ['true', 'false', 'null'][Math.floor(rnd() * 3)]!;
  }
  const n = Math.floor(rnd() * 6);
  const items: string[] = [];
  if (r < 0.6) {
    for (let i = 0; i < n; i++) items.push(`${JSON.stringify(KEYS[Math.floor(rnd() * KEYS.length)])}: ${generate(rnd, depth + 1)}`);
    return `{${items.join(rnd() < 0.5 ? ', ' : ',\n  ')}}`;
  }
  for (let i = 0; i < n; i++) items.push(generate(rnd, depth + 1));
  return `[${items.join(', ')}]`;
}

/** Mangles a text: cuts it, drops or inserts a structural character, or adds a \u escape. */
function mangle(rnd: () => number, text: string): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const pick = rnd();
  if (pick < 0.25) return text.slice(0, at);
  if (pick < 0.5) return text.slice(0, at) + text.slice(at + 1);
  if (pick < 0.9) return text.slice(0, at) + '{}[]",:\\'[Math.floor(rnd() * 8)]! + text.slice(at);
  return text.slice(0, at) + '\\u0041' + text.slice(at);
}

test('scan-fast: never calls clean a generated text the full scan finds a problem in', () => {
  const rnd = random(20240611);
  let clean = 0;
  for (let i = 0; i < 20000; i++) {
    const text = generate(rnd, 0);
    const depth = 1 + Math.floor(rnd() * 8);
    assertSafe(text, depth, true);
    assertSafe(text, depth, false);
    assertSafe(mangle(rnd, text), depth, rnd() < 0.5);
    if (isCleanJson(text, depth, true)) clean++;
  }
  assert.ok(clean > 2000, `the fast path is taken (${clean} clean texts)`);
});

test('scan-fast: plain valid JSON is clean exactly when the full scan finds nothing', () => {
  const rnd = random(7);
  const plain = /[\\\u0080-\uffff]/;
  for (let i = 0; i < 20000; i++) {
    const text = generate(rnd, 0);
    if (plain.test(text)) continue; // escapes and non-ASCII are left to the full scan on purpose
    assert.equal(isCleanJson(text, 5, true), fullyClean(text, 5, true), text);
  }
});

test('scan-fast: each kind of problem sends the text to the full scan', () => {
  const cases = [
    '{"a": 1, "a": 2}',
    '{"a": {"b": 1}, "c": {"b": 2, "b": 3}}',
    '{"__proto__": 1}',
    '{"x": {"constructor": 1}}',
    '[{"prototype": 1}]',
    '{"a": "\\u0041"}',
    '{"a": "caf\u00e9"}',
    '[[[[1]]]]',
  ];
  for (const text of cases) {
    assert.equal(isCleanJson(text, 3, true), false, text);
    assert.equal(scanJson(text, 3, true).problems.length > 0, true, text);
  }
});

test('scan-fast: large objects switch to a map and still find a late duplicate', () => {
  const keys = Array.from({ length: 500 }, (_, i) => `"k${i}": ${i}`);
  assert.equal(isCleanJson(`{${keys.join(', ')}}`, 64, false), true);
  assert.equal(isCleanJson(`{${keys.join(', ')}, "k3": 0}`, 64, false), false);
  assert.equal(isCleanJson(`{${keys.join(', ')}, "n": {${keys.join(', ')}}}`, 64, false), true);
  // Equal fingerprints (length, first and last character) that are different keys.
  assert.equal(isCleanJson('{"axb": 1, "ayb": 2, "azb": {"axb": 1}}', 64, false), true);
});

test('scan-fast: a huge depth limit grows the scratch instead of allocating it up front', () => {
  const text = '['.repeat(5000) + ']'.repeat(5000);
  assert.equal(isCleanJson(text, Number.MAX_SAFE_INTEGER, false), true);
  assert.equal(isCleanJson(text, 4999, false), false);
});

test('scan-fast: agrees with the full scan on every JSON file of the corpus', (t) => {
  if (!hasCorpus()) return t.skip(NO_CORPUS);
  const root = path.join(CORPUS_DIR, 'universe-sample', 'packages');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
  let files = 0;
  for (const file of walk(root)) {
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(isCleanJson(text, 64, true), fullyClean(text, 64, true), file);
    files++;
  }
  assert.ok(files > 500);
});
