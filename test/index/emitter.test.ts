/**
 * The build's emitters share one compression job per buffer (index/emitter.ts): each must get
 * back exactly the segments of its own items, as if it had been compressed alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { runJob, type WorkItem } from '../../scripts/lib/index/compress-job.js';
import { CompressPool, toSegments } from '../../scripts/lib/index/compress-pool.js';
import { submitWorks, type PackageWork } from '../../scripts/lib/index/emitter.js';
import { gzipFile, type Segment } from '../../scripts/lib/index/gzip.js';

/** A buffer that owns its memory (as submit requires). */
function owned(text: string): Buffer {
  const b = Buffer.from(text);
  const o = Buffer.allocUnsafeSlow(b.length);
  b.copy(o);
  return o;
}

const A = ',' + 'alpha beta gamma '.repeat(40);
const B = ',' + 'alpha beta gamma delta '.repeat(40);

/** Chained items over `text` at `at`: the first object without its comma, the second linked. */
function chainItems(at: number): WorkItem[] {
  return [
    { kind: 'segment', offset: at + 1, length: A.length - 1, chain: 0, link: false },
    { kind: 'segment', offset: at + A.length, length: B.length, chain: 0, link: true },
  ];
}

/** The segments of `items` compressed alone, over a copy of `buf`. */
function alone(buf: Buffer, items: WorkItem[]): Segment[] {
  const copy = Buffer.allocUnsafeSlow(buf.length);
  buf.copy(copy);
  return toSegments(runJob({ id: 0, level: 6, buffer: copy.buffer as ArrayBuffer, items }));
}

for (const workers of [0, 1]) {
  test(`works sharing a buffer get their own segments, as if compressed alone (workers: ${workers})`, async () => {
    const pool = new CompressPool(6, workers);
    try {
      // Two emitters over the package's buffer (chains on the same number), one over its own.
      const shared = owned(A + B + A + B);
      const own = owned('{"whole":"file"}');
      const expected = [alone(shared, chainItems(0)), alone(shared, chainItems(A.length + B.length)), alone(own, [{ kind: 'gzip', offset: 0, length: own.length }])];
      const got: Array<readonly Segment[]> = [];
      const order: number[] = [];
      const work = (i: number, buf: Buffer, items: WorkItem[]): PackageWork => ({
        buf,
        items,
        finish: (segs) => {
          got[i] = segs;
          order.push(i);
        },
      });
      const jobs = submitWorks(pool, [work(0, shared, chainItems(0)), work(1, own, [{ kind: 'gzip', offset: 0, length: own.length }]), work(2, shared, chainItems(A.length + B.length))]);
      assert.equal(jobs.bytes, (A.length + B.length) * 2 + '{"whole":"file"}'.length);
      assert.ok((await jobs.finish()) >= 0);
      assert.deepEqual(order, [0, 1, 2]);
      const plain = (segs: readonly Segment[]): string[] => segs.map((s) => s.data.toString('hex'));
      assert.deepEqual(plain(got[0]!), plain(expected[0]!));
      assert.deepEqual(plain(got[1]!), plain(expected[2]!));
      assert.deepEqual(plain(got[2]!), plain(expected[1]!));
      assert.equal(zlib.gunzipSync(Buffer.concat(gzipFile(got[1]![0]!))).toString(), '{"whole":"file"}');
    } finally {
      await pool.close();
    }
  });
}

test('a work without items is finished in its turn with no segments, and its buffer is not submitted', async () => {
  const pool = new CompressPool(6, 0);
  const calls: string[] = [];
  const jobs = submitWorks(pool, [
    { buf: owned('abc'), items: [], finish: (segs) => calls.push(`a${segs.length}`) },
    { buf: owned('{"x":1}'), items: [{ kind: 'gzip', offset: 0, length: 7 }], finish: (segs) => calls.push(`b${segs.length}`) },
  ]);
  assert.equal(jobs.bytes, 7);
  await jobs.finish();
  assert.deepEqual(calls, ['a0', 'b1']);
  await pool.close();
});

test('an item that continues a chain its own work has not started is refused', () => {
  const pool = new CompressPool(6, 0);
  const buf = owned(A + B);
  assert.throws(() => submitWorks(pool, [{ buf, items: [chainItems(0)[1]!], finish: () => undefined }]), /continues chain 0 before it starts/);
});
