import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { crc32Combine, crc32CombineGen, crc32CombineOp } from '../../scripts/lib/index/crc32-combine.js';

test('crc32Combine gives the CRC of a concatenation from the parts', () => {
  for (const [a, b] of [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
    [7, 1000],
    [65536, 3],
    [12345, 70001],
  ] as const) {
    const x = randomBytes(a);
    const y = randomBytes(b);
    assert.equal(crc32Combine(zlib.crc32(x), zlib.crc32(y), y.length), zlib.crc32(Buffer.concat([x, y])), `${a}+${b}`);
  }
});

test('combining many parts in turn equals the CRC of the whole', () => {
  const parts = Array.from({ length: 50 }, (_, i) => randomBytes((i * 977) % 5000));
  let crc = 0;
  for (const p of parts) crc = crc32CombineOp(crc, zlib.crc32(p), crc32CombineGen(p.length));
  assert.equal(crc, zlib.crc32(Buffer.concat(parts)));
});

test('long lengths: the operator for n1 + n2 is the product of the operators (lengths past 4 GiB too)', () => {
  const crc = zlib.crc32(Buffer.from('abc'));
  for (const [n1, n2] of [
    [2 ** 32 - 1, 5],
    [2 ** 33 + 17, 2 ** 32],
    [10_000_000, 1],
  ]) {
    const stepwise = crc32CombineOp(crc32CombineOp(crc, 0, crc32CombineGen(n1!)), 0, crc32CombineGen(n2!));
    assert.equal(stepwise, crc32CombineOp(crc, 0, crc32CombineGen(n1! + n2!)));
  }
  // A large real case: 10 MB of zeros appended.
  const zeros = Buffer.alloc(10_000_000);
  const head = Buffer.from('head');
  assert.equal(crc32Combine(zlib.crc32(head), zlib.crc32(zeros), zeros.length), zlib.crc32(Buffer.concat([head, zeros])));
});
