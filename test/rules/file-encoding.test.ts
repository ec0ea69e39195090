import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileEncoding } from '../../scripts/lib/rules/file-encoding.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { check, revisionFiles, triples } from '../helpers/repo.js';

const R = 'packages/W/widget/0';
const bytes = (...parts: Array<string | number[]>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

const cases: Array<{ name: string; files: Record<string, MemoryFile>; expected: Array<[string, string, string]>; byteOffset?: number }> = [
  { name: 'UTF-8 without BOM', files: revisionFiles('widget', 0), expected: [] },
  { name: 'valid non-ASCII UTF-8 is not an encoding problem', files: revisionFiles('widget', 0, { files: { 'marathon.json.mustache': '{"id": "caf\u00e9"}' } }), expected: [] },
  { name: 'BOM in package.json', files: revisionFiles('widget', 0, { files: { 'package.json': bytes([0xef, 0xbb, 0xbf], '{}') } }), expected: [['file-encoding', `${R}/package.json`, '']] },
  { name: 'BOM in a template', files: revisionFiles('widget', 0, { files: { 'marathon.json.mustache': bytes([0xef, 0xbb, 0xbf], '{}') } }), expected: [['file-encoding', `${R}/marathon.json.mustache`, '']] },
  { name: 'invalid byte in JSON', files: revisionFiles('widget', 0, { files: { 'package.json': bytes('{"name": "', [0xc3, 0x28], '"}') } }), expected: [['file-encoding', `${R}/package.json`, '']], byteOffset: 10 },
  { name: 'lone continuation byte in a template', files: revisionFiles('widget', 0, { files: { 'marathon.json.mustache': bytes('{', [0x80], '}') } }), expected: [['file-encoding', `${R}/marathon.json.mustache`, '']], byteOffset: 1 },
  { name: 'truncated sequence at the end', files: revisionFiles('widget', 0, { files: { 'config.json': bytes('{}', [0xe2, 0x82]) } }), expected: [['file-encoding', `${R}/config.json`, '']], byteOffset: 2 },
  { name: 'overlong encoding', files: revisionFiles('widget', 0, { files: { 'config.json': bytes('{"a":"', [0xc0, 0xaf], '"}') } }), expected: [['file-encoding', `${R}/config.json`, '']], byteOffset: 6 },
  { name: 'encoded surrogate', files: revisionFiles('widget', 0, { files: { 'config.json': bytes('{"a":"', [0xed, 0xa0, 0x80], '"}') } }), expected: [['file-encoding', `${R}/config.json`, '']], byteOffset: 6 },
  { name: 'invalid byte after a BOM: offset counts the BOM', files: revisionFiles('widget', 0, { files: { 'config.json': bytes([0xef, 0xbb, 0xbf], '{', [0xff], '}') } }), expected: [['file-encoding', `${R}/config.json`, ''], ['file-encoding', `${R}/config.json`, '']], byteOffset: 4 },
  { name: 'BOM in repository.json', files: { ...revisionFiles('widget', 0), 'repository.json': bytes([0xef, 0xbb, 0xbf], '{"formatVersion": "1.0", "name": "x"}') }, expected: [['file-encoding', 'repository.json', '']] },
];

for (const c of cases) {
  test(`file-encoding: ${c.name}`, async () => {
    const diags = await check(c.files, [fileEncoding]);
    assert.deepEqual(triples(diags), c.expected);
    for (const d of diags) assert.deepEqual([d.line, d.column, d.severity], [1, 1, 'error']);
    if (c.byteOffset !== undefined) assert.equal(diags.find((d) => d.data)?.data?.byteOffset, c.byteOffset);
  });
}
