import { test } from 'node:test';
import assert from 'node:assert/strict';
import Mustache from 'mustache';
import { fastParse } from '../../scripts/lib/render/fast-parse.js';
import { random } from '../helpers/random.js';

const FRAGMENTS = ['{{', '}}', '}}}', '{{{', '#', '^', '/', '&', '!', '=', '>', 'a', 'b', 'a.b', ' ', '  ', '\n', '\r\n', '\t', 'x', '"', '{', '}', ',', ':', '{{#a}}', '{{/a}}', '{{^b}}', '{{/b}}', '{{a}}', '{{{b}}}', '{{& a }}', '{{! c }}', '\u00a0'];

const reference = (text: string): unknown => {
  try {
    return new Mustache.Writer().parse(text, ['{{', '}}']);
  } catch (e) {
    return { error: String(e) };
  }
};

test('fastParse gives mustache.js tokens exactly, or steps aside', () => {
  const next = random(42);
  let fast = 0;
  for (let i = 0; i < 5000; i++) {
    const parts: string[] = [];
    const count = 1 + Math.floor(next() * 14);
    for (let k = 0; k < count; k++) parts.push(FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]!);
    const text = parts.join('');
    const mine = fastParse(text);
    if (mine === undefined) continue;
    fast++;
    assert.deepEqual(mine, reference(text), JSON.stringify(text));
  }
  assert.ok(fast > 1500, `the fast path took only ${fast} of 5000 templates`);
});

test('fastParse handles standalone lines, triple mustaches and nesting like mustache.js', () => {
  const cases = [
    '',
    'plain text',
    '{\n  {{#a}}\n  "x": 1,\n  {{/a}}\n  "y": "{{b}}"\n}\n',
    '  {{! comment }}  \r\n{{^a}}\n  none\n{{/a}}',
    '{{{ a.b }}} {{& c}} {{ d }}{{#e}}{{#f}}{{.}}{{/f}}{{/e}}',
    '{{a}}}} {{{b}}}}',
    '\t{{#a}}\t\n\t{{/a}}\t',
  ];
  for (const text of cases) assert.deepEqual(fastParse(text), reference(text), JSON.stringify(text));
});

test('fastParse steps aside for errors, set delimiters and partials', () => {
  for (const text of ['{{a', '{{#a}}', '{{/a}}', '{{#a}}{{/b}}', '{{=<% %>=}}', '{{> p}}', '{{{a}}']) assert.equal(fastParse(text), undefined, text);
});
