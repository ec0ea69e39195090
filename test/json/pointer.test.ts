import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapePointerToken, parsePointer, toPointer } from '../../scripts/lib/json/pointer.js';

test('pointer: RFC 6901 escaping round-trips', () => {
  assert.equal(escapePointerToken('a/b~c'), 'a~1b~0c');
  assert.equal(toPointer(['a', 0, 'b/c', '~1']), '/a/0/b~1c/~01');
  assert.deepEqual(parsePointer('/a/0/b~1c/~01'), ['a', '0', 'b/c', '~1']);
  assert.deepEqual(parsePointer(''), []);
  assert.deepEqual(parsePointer('/'), ['']);
});
