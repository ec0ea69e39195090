import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { runJob, type WorkItem } from '../../scripts/lib/index/compress-job.js';
import { toSegments } from '../../scripts/lib/index/compress-pool.js';
import { GZIP_HEADER, GzipState, gzipFile, gzipSync, segmentSync } from '../../scripts/lib/index/gzip.js';

const text = (i: number): Buffer => Buffer.from(JSON.stringify({ name: `pkg-${i % 3}`, releaseVersion: i, description: 'x'.repeat(i * 37) }));

test('independent segments concatenate into a valid gzip file, in any order and repetition', () => {
  const pieces = [Buffer.from('{"packages":['), text(1), Buffer.from(','), text(2), Buffer.from(','), text(1), Buffer.from(']}')];
  const segs = pieces.map((p) => segmentSync(p, 6));
  const st = new GzipState();
  const file = Buffer.concat([GZIP_HEADER, ...segs.map((s) => st.add(s)), ...st.end()]);
  assert.deepEqual(zlib.gunzipSync(file), Buffer.concat(pieces));
});

test('the gzip header is fixed: no name, mtime 0, OS byte 3', () => {
  assert.deepEqual([...GZIP_HEADER], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  const st = new GzipState();
  const empty = Buffer.concat([GZIP_HEADER, ...st.end()]);
  assert.equal(zlib.gunzipSync(empty).length, 0);
});

test('whole-file gzip pieces decompress to their input', () => {
  const raw = text(40);
  assert.deepEqual(zlib.gunzipSync(Buffer.concat(gzipSync(raw, 4))), raw);
  const job = runJob({ id: 0, level: 6, buffer: new Uint8Array(raw).buffer, items: [{ kind: 'gzip', offset: 0, length: raw.length }] });
  assert.deepEqual(zlib.gunzipSync(Buffer.concat(gzipFile(toSegments(job)[0]!))), raw);
});

test('chained segments (preset dictionary = preceding bytes) are valid after their predecessors', () => {
  // Three objects with a comma: ",{…}" items chained on the previous; the first unchained, without comma.
  const objs = [text(5), text(6), text(7)].map((b) => Buffer.concat([Buffer.from(','), b]));
  const buf = Buffer.concat(objs);
  const items: WorkItem[] = [];
  let at = 0;
  objs.forEach((o, i) => {
    items.push(i === 0 ? { kind: 'segment', offset: at + 1, length: o.length - 1, chain: 0, link: false } : { kind: 'segment', offset: at, length: o.length, chain: 0, link: true });
    at += o.length;
  });
  const ab = new ArrayBuffer(buf.length);
  new Uint8Array(ab).set(buf);
  const segs = toSegments(runJob({ id: 1, level: 6, buffer: ab, items }));
  const st = new GzipState();
  const head = segmentSync(Buffer.from('{"packages":['), 6);
  const foot = segmentSync(Buffer.from(']}'), 6);
  const file = Buffer.concat([GZIP_HEADER, st.add(head), ...segs.map((s) => st.add(s)), st.add(foot), ...st.end()]);
  assert.equal(zlib.gunzipSync(file).toString(), `{"packages":[${buf.subarray(1).toString()}]}`);
  // Chaining pays: the chained segments are smaller than independent ones.
  const independent = objs.slice(1).reduce((n, o) => n + segmentSync(o, 6).data.length, 0);
  assert.ok(segs[1]!.data.length + segs[2]!.data.length < independent);
});

test('an extend item produces no output but moves its chain on like a segment', () => {
  const a = Buffer.from(',' + 'abcdefgh'.repeat(50));
  const b = Buffer.from(',' + 'abcdefgh'.repeat(50) + 'z');
  const buf = Buffer.concat([a, b]);
  const ab = new ArrayBuffer(buf.length);
  new Uint8Array(ab).set(buf);
  const asSegment = runJob({ id: 2, level: 6, buffer: ab.slice(0), items: [{ kind: 'segment', offset: 1, length: a.length - 1, chain: 1 }, { kind: 'segment', offset: a.length, length: b.length, chain: 1, link: true }] });
  const asExtend = runJob({ id: 3, level: 6, buffer: ab, items: [{ kind: 'extend', offset: 1, length: a.length - 1, chain: 1 }, { kind: 'segment', offset: a.length, length: b.length, chain: 1, link: true }] });
  assert.equal(asExtend.outputs[0]!.length, 0);
  assert.deepEqual(toSegments(asExtend)[1]!.data, toSegments(asSegment)[1]!.data);
});
