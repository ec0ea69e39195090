import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locatePointer, offsetToLineColumn, parseJsonText } from '../../scripts/lib/json/document.js';

const opts = { maxDepth: 64, checkAscii: true };
const at = (text: string, pointer: string) => offsetToLineColumn(text, locatePointer(text, pointer));

test('parse: a valid document gives its value', () => {
  assert.deepEqual(parseJsonText('{"a": [1, "x"]}', opts), { value: { a: [1, 'x'] }, problems: [] });
});

test('parse: __proto__ stays an own data property', () => {
  const doc = parseJsonText('{"__proto__": {"polluted": true}}', opts);
  const v = doc.value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.ok(Object.hasOwn(v, '__proto__'));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(doc.problems.map((p) => p.kind), ['unsafe-key']);
});

test('parse: duplicate keys carry the first occurrence line and column', () => {
  const doc = parseJsonText('{\n  "a": 1,\n  "b": {\n    "a": 1\n  },\n  "a": 2\n}', opts);
  assert.deepEqual(doc.problems.map((p) => [p.pointer, p.firstLine, p.firstColumn]), [['/a', 2, 3]]);
  assert.deepEqual(offsetToLineColumn('{\n  "a": 1,\n  "b": {\n    "a": 1\n  },\n  "a": 2\n}', doc.problems[0]!.offset), { line: 6, column: 3 });
});

test('parse: syntax errors have an offset and a message, and no value', () => {
  const cases: Array<[string, number]> = [
    ['', 0],
    ['   ', 0],
    ['{"a": 1,}', 8],
    ['{"a": 1', 7],
    ['{"a": "b', 6],
    ['[1 2]', 3],
    ['{"a": 01}', 7],
    ['{} x', 3],
  ];
  for (const [text, offset] of cases) {
    const doc = parseJsonText(text, opts);
    assert.equal(doc.value, undefined, text);
    assert.ok(doc.syntaxError, text);
    assert.equal(doc.syntaxError.offset, offset, text);
    assert.ok(doc.syntaxError.message.length > 0);
  }
});

test('parse: an empty file says it is empty', () => {
  assert.match(parseJsonText('', opts).syntaxError!.message, /empty/);
});

test('parse: too deep documents never reach JSON.parse', () => {
  const doc = parseJsonText('['.repeat(10_000) + ']'.repeat(10_000), opts);
  assert.equal(doc.value, undefined);
  assert.equal(doc.syntaxError, undefined);
  assert.deepEqual(doc.problems.map((p) => p.kind), ['too-deep']);
});

test('locate: members, array items, nested and escaped pointers', () => {
  const text = '{\n  "a": {\n    "b/c": [\n      10,\n      20\n    ]\n  },\n  "d~e": true\n}';
  assert.deepEqual(at(text, ''), { line: 1, column: 1 });
  assert.deepEqual(at(text, '/a'), { line: 2, column: 3 });
  assert.deepEqual(at(text, '/a/b~1c'), { line: 3, column: 5 });
  assert.deepEqual(at(text, '/a/b~1c/1'), { line: 5, column: 7 });
  assert.deepEqual(at(text, '/d~0e'), { line: 8, column: 3 });
});

test('locate: a missing member points at its deepest existing ancestor', () => {
  const text = '{\n  "a": {\n    "b": 1\n  }\n}';
  assert.deepEqual(at(text, '/a/missing'), { line: 2, column: 3 });
  assert.deepEqual(at(text, '/nope/deeper'), { line: 1, column: 1 });
  assert.deepEqual(at(text, '/a/b/0'), { line: 3, column: 5 });
});

test('locate: with duplicate keys, the last one (the one JSON.parse keeps)', () => {
  const text = '{"a": 1,\n "a": {"b": 2}}';
  assert.deepEqual(at(text, '/a'), { line: 2, column: 2 });
  assert.deepEqual(at(text, '/a/b'), { line: 2, column: 8 });
});

test('locate: a pointer token repeated along the path still resolves', () => {
  const text = '{"a": {"a": {"a": 1}}}';
  assert.equal(locatePointer(text, '/a/a'), text.indexOf('"a"', 7));
});

test('line and column: after newlines, at the end, past the end', () => {
  const text = 'ab\ncd\n';
  assert.deepEqual(offsetToLineColumn(text, 0), { line: 1, column: 1 });
  assert.deepEqual(offsetToLineColumn(text, 3), { line: 2, column: 1 });
  assert.deepEqual(offsetToLineColumn(text, 4), { line: 2, column: 2 });
  assert.deepEqual(offsetToLineColumn(text, 6), { line: 3, column: 1 });
  assert.deepEqual(offsetToLineColumn(text, 99), { line: 3, column: 1 });
  assert.deepEqual(offsetToLineColumn(text, -5), { line: 1, column: 1 });
});
