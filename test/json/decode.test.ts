import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8 } from '../../scripts/lib/json/decode.js';

const b = (...parts: Array<string | number[]>): Uint8Array => Buffer.concat(parts.map((p) => Buffer.from(p as never)));

test('decode: ASCII', () => {
  assert.deepEqual(decodeUtf8(b('{"a": 1}')), { text: '{"a": 1}', bom: false, ascii: true });
});

test('decode: empty file', () => {
  assert.deepEqual(decodeUtf8(new Uint8Array()), { text: '', bom: false, ascii: true });
});

test('decode: UTF-8', () => {
  assert.deepEqual(decodeUtf8(b('caf\u00e9 \u{1f600}')), { text: 'caf\u00e9 \u{1f600}', bom: false, ascii: false });
});

test('decode: a BOM is reported and removed', () => {
  assert.deepEqual(decodeUtf8(b([0xef, 0xbb, 0xbf], '{}')), { text: '{}', bom: true, ascii: true });
  assert.deepEqual(decodeUtf8(b([0xef, 0xbb, 0xbf])), { text: '', bom: true, ascii: true });
});

test('decode: a BOM-less file starting with part of a BOM is invalid, not a BOM', () => {
  const r = decodeUtf8(b([0xef, 0xbb], '{}'));
  assert.equal(r.bom, false);
  assert.equal(r.invalidUtf8At, 0);
});

test('decode: the offset of the first invalid sequence', () => {
  const cases: Array<[Uint8Array, number]> = [
    [b('ab', [0xff], 'c'), 2],
    [b('a', [0x80]), 1],
    [b('a', [0xc3, 0x28]), 1],
    [b('ab', [0xe2, 0x82]), 2],
    [b('abc', [0xf0, 0x9f, 0x98]), 3],
    [b([0xc0, 0xaf]), 0],
    [b('x', [0xe0, 0x80, 0xaf]), 1],
    [b([0xed, 0xa0, 0x80]), 0],
    [b([0xf4, 0x90, 0x80, 0x80]), 0],
    [b('caf\u00e9', [0xfe]), 5],
    [b([0xef, 0xbb, 0xbf], 'x', [0xff]), 4],
  ];
  for (const [bytes, offset] of cases) {
    const r = decodeUtf8(bytes);
    assert.equal(r.text, undefined, Buffer.from(bytes).toString('hex'));
    assert.equal(r.invalidUtf8At, offset, Buffer.from(bytes).toString('hex'));
  }
});
