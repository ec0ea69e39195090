import { test } from 'node:test';
import assert from 'node:assert/strict';
import Mustache from 'mustache';
import { parseTemplate } from '../../scripts/lib/render/template.js';

const errorOf = (text: string): { offset: number; message: string } => {
  const r = parseTemplate(text);
  assert.ok('error' in r, `expected ${JSON.stringify(text)} not to parse`);
  return r.error;
};

test('well-formed templates parse into mustache.js tokens', () => {
  for (const text of ['', 'plain', '{"a": "{{x}}"}', '{{#a}}\n  {{b}}\n{{/a}}\n', '{{^a}}x{{/a}}{{{t}}}{{&u}}{{! note }}', '{{=<% %>=}}<% x %>']) {
    const r = parseTemplate(text);
    assert.ok(!('error' in r), text);
    assert.deepEqual(r.tokens, Mustache.parse(text), text);
  }
});

test('errors are located at the offending tag', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['{"a": "{{x"}', 7, /never closed/],
    ['{{a}} and {{b', 10, /never closed/],
    ['{{/a}}', 0, /no matching opening/],
    ['x{{#a}}{{#b}}{{/a}}{{/b}}', 13, /section 'b' must be closed/],
    ['{\n  {{#a}}\n  "x": 1\n}', 4, /section 'a' is never closed/],
    ['{{#a}}{{#b}}{{/b}}', 0, /section 'a' is never closed/],
    ['ab{{=<%=}}', 2, /set-delimiter/],
  ];
  for (const [text, offset, message] of cases) {
    const e = errorOf(text);
    assert.equal(e.offset, offset, text);
    assert.match(e.message, message, text);
  }
});

test('partials are rejected where they appear, even inside sections', () => {
  const e = errorOf('{"a": 1,\n{{#x}}{{> other}}{{/x}}}');
  assert.equal(e.offset, 15);
  assert.match(e.message, /partial tag \{\{> other\}\} is not supported/);
});

test('parsing does not depend on or change mustache globals', () => {
  const tags = Mustache.tags;
  Mustache.tags = ['<<', '>>'];
  try {
    const r = parseTemplate('{{x}}');
    assert.ok(!('error' in r));
    assert.equal(r.tokens[0]![0], 'name');
  } finally {
    Mustache.tags = tags;
  }
  assert.equal(Mustache.escape('<'), '&lt;');
});

test('sections nested deeper than the limit are refused at the first tag too deep, before any token tree is built', () => {
  const nested = (n: number): string => '{{#a}}'.repeat(n) + 'x' + '{{/a}}'.repeat(n);
  const tooDeep = { offset: 6 * 100, message: 'sections nest deeper than 100 levels: flatten the template' };
  assert.ok(!('error' in parseTemplate(nested(100))));
  assert.deepEqual((parseTemplate(nested(101)) as { error: unknown }).error, tooDeep);
  // A million levels (12 MB) are refused the same way; the tag scan stops at level 101.
  assert.deepEqual((parseTemplate(nested(1_000_000)) as { error: unknown }).error, tooDeep);
  // Inverted sections count; closing tags and comments holding section tags do not open levels.
  assert.deepEqual((parseTemplate('{{^b}}'.repeat(101) + '{{/b}}'.repeat(101)) as { error: unknown }).error, tooDeep);
  const commented = '{{! {{#a}} }}'.repeat(200) + nested(3);
  assert.ok(!('error' in parseTemplate(commented)), 'a comment ends at its first }}, as mustache.js reads it');
  // Changed delimiters leave the judgement to the parser, which still finds the depth.
  const custom = '{{=<% %>=}}' + '<%#a%>'.repeat(101) + '<%/a%>'.repeat(101);
  assert.match(((parseTemplate(custom) as { error: { message: string } }).error).message, /deeper than 100 levels/);
});
