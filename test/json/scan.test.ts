import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanJson, type ScanProblem } from '../../scripts/lib/json/scan.js';

const scan = (text: string, maxDepth = 64, checkAscii = true) => scanJson(text, maxDepth, checkAscii);
const kinds = (problems: ScanProblem[]) => problems.map((p) => [p.kind, p.pointer]);

test('scan: a clean document has no problems', () => {
  assert.deepEqual(scan('{"a": [1, {"b": "c"}], "d": null}'), { problems: [], tooDeep: false });
});

test('scan: duplicates at depth, in array items and at the top', () => {
  const text = '{"a": {"b": {"c": 1, "c": 2}}, "l": [{"x": 1}, {"y": 1, "y": 2}], "a": 0}';
  const { problems } = scan(text);
  assert.deepEqual(kinds(problems), [['duplicate-key', '/a/b/c'], ['duplicate-key', '/l/1/y'], ['duplicate-key', '/a']]);
  assert.equal(problems[0]!.offset, text.indexOf('"c": 2'));
  assert.equal(problems[0]!.firstOffset, text.indexOf('"c": 1'));
});

test('scan: keys are compared after unescaping', () => {
  assert.deepEqual(kinds(scan('{"ab": 1, "a\\u0062": 2}').problems), [['duplicate-key', '/ab'], ['unicode-escape', '/ab']]);
  assert.deepEqual(kinds(scan('{"a\\"b": 1, "a\\"b": 2}').problems), [['duplicate-key', '/a"b']]);
});

test('scan: equal keys in different objects are no duplicates', () => {
  assert.deepEqual(scan('[{"a": 1}, {"a": 1}, {"b": {"a": 1}, "a": 2}]').problems, []);
});

test('scan: pointer tokens are escaped', () => {
  assert.deepEqual(kinds(scan('{"a/b": {"c~d": 1, "c~d": 2}}').problems), [['duplicate-key', '/a~1b/c~0d']]);
});

test('scan: strings holding brackets, braces, commas, colons and quotes are opaque', () => {
  const text = '{"a": "[{,:}]", "b": "\\"{\\"", "c": "\\\\", "d": "x"}';
  assert.deepEqual(scan(text, 1).problems, []);
  const dup = '{"k": "\\"}, \\"k\\": 1", "k": 2}';
  assert.deepEqual(kinds(scan(dup).problems), [['duplicate-key', '/k']]);
});

test('scan: \\u escapes are found, an escaped backslash before u is not one', () => {
  assert.deepEqual(scan('{"a": "C:\\\\users"}').problems, []);
  assert.deepEqual(scan('{"a": "\\\\\\\\u0041"}').problems, []);
  const { problems } = scan('{"a": "x\\\\\\u0041"}');
  assert.deepEqual(kinds(problems), [['unicode-escape', '/a']]);
  assert.equal(problems[0]!.excerpt, '\\u0041');
});

test('scan: every \\u escape is recorded, two in one string too', () => {
  const text = '{"a": "\\u0041", "b": "\\u0042\\u0043"}';
  const { problems } = scan(text);
  assert.deepEqual(kinds(problems), [['unicode-escape', '/a'], ['unicode-escape', '/b'], ['unicode-escape', '/b']]);
  assert.deepEqual(problems.map((p) => [p.offset, p.excerpt]), [[7, '\\u0041'], [22, '\\u0042'], [28, '\\u0043']]);
});

test('scan: every non-ASCII character names its member', () => {
  const text = '{"a": "plain", "b": ["x", "caf\u00e9"], "c": "\u00e8\u00e0"}';
  const { problems } = scan(text);
  assert.deepEqual(kinds(problems), [['non-ascii', '/b/1'], ['non-ascii', '/c'], ['non-ascii', '/c']]);
  assert.deepEqual(problems.map((p) => [p.offset, p.excerpt]), [[text.indexOf('\u00e9'), '\u00e9'], [text.indexOf('\u00e8'), '\u00e8'], [text.indexOf('\u00e0'), '\u00e0']]);
});

test('scan: past 100 of a kind, one final problem counts the rest', () => {
  const words = Array.from({ length: 250 }, (_, i) => `"k${i}": "\u00e9\\u00e9"`);
  const text = `{${words.join(', ')}}`;
  const { problems } = scan(text);
  for (const kind of ['non-ascii', 'unicode-escape'] as const) {
    const of = problems.filter((p) => p.kind === kind);
    assert.equal(of.length, 101, kind);
    assert.equal(of.filter((p) => p.more === undefined).length, 100);
    const last = of[100]!;
    assert.equal(last.more, 150);
    assert.equal(last.pointer, '/k100');
    assert.equal(last.excerpt, undefined);
  }
});

test('scan: non-ASCII outside strings is still recorded, with the empty pointer', () => {
  assert.deepEqual(kinds(scan('{"a": 1\u00a0, "b": "\u00e9"}').problems), [['non-ascii', ''], ['non-ascii', '/b']]);
});

test('scan: a non-ASCII key names its own member', () => {
  assert.deepEqual(kinds(scan('{"a": 1, "\u00e9": 2}').problems), [['non-ascii', '/\u00e9']]);
});

test('scan: astral characters are reported whole', () => {
  assert.equal(scan('["\u{1f600}"]').problems[0]!.excerpt, '\u{1f600}');
});

test('scan: non-ASCII is not looked for when the caller knows the bytes are ASCII', () => {
  assert.deepEqual(scan('["\u00e9"]', 64, false).problems, []);
});

test('scan: unsafe keys', () => {
  assert.deepEqual(kinds(scan('{"__proto__": {"constructor": {"prototype": 1}}, "x": "__proto__"}').problems), [
    ['unsafe-key', '/__proto__'],
    ['unsafe-key', '/__proto__/constructor'],
    ['unsafe-key', '/__proto__/constructor/prototype'],
  ]);
});

test('scan: the depth limit stops the scan at the first container too deep', () => {
  assert.deepEqual(scan('[[[1]]]', 3), { problems: [], tooDeep: false });
  const r = scan('{"a": [[{"b": 1}]]}', 3);
  assert.equal(r.tooDeep, true);
  assert.deepEqual(kinds(r.problems), [['too-deep', '/a/0/0']]);
  assert.equal(r.problems[0]!.offset, 8);
});

test('scan: a million brackets neither recurse nor hang', () => {
  const r = scan('['.repeat(1_000_000), 64);
  assert.equal(r.tooDeep, true);
});

test('scan: unterminated and malformed input never throws', () => {
  for (const text of ['', '{', '"', '{"a', '{"a": "b', '{"a\\', '}}]]', '{"a": 1,,,}', '[1, 2', '{"a" "b"}', '"\\u12']) {
    assert.doesNotThrow(() => scan(text), text);
  }
});

test('scan: a duplicate late in a large object is found, equal keys of a nested copy are not duplicates', () => {
  const keys = Array.from({ length: 500 }, (_, i) => `"k${i}": ${i}`);
  assert.deepEqual(scan(`{${keys.join(', ')}}`).problems, []);
  assert.deepEqual(kinds(scan(`{${keys.join(', ')}, "k3": 0}`).problems), [['duplicate-key', '/k3']]);
  assert.deepEqual(scan(`{${keys.join(', ')}, "n": {${keys.join(', ')}}}`).problems, []);
  // Keys of equal length with the same first and last character are still different keys.
  assert.deepEqual(scan('{"axb": 1, "ayb": 2, "azb": {"axb": 1}}').problems, []);
});

test('scan: a huge depth limit is no allocation; one level less stops at the deepest bracket', () => {
  const text = '['.repeat(5000) + ']'.repeat(5000);
  assert.deepEqual(scan(text, Number.MAX_SAFE_INTEGER, false), { problems: [], tooDeep: false });
  assert.equal(scan(text, 4999, false).tooDeep, true);
});
