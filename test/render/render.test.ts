import { test } from 'node:test';
import assert from 'node:assert/strict';
import Mustache from 'mustache';
import { renderTemplate, renderText, type RenderedTemplate } from '../../scripts/lib/render/render.js';

const render = (template: string, view: unknown): string => {
  const r = renderTemplate(template, view);
  assert.ok(!('error' in r), JSON.stringify(r));
  return (r as RenderedTemplate).text;
};

test('strings are inserted JSON-escaped without quotes: quotes, backslashes, newlines, controls', () => {
  const x = 'a"b\\c\nd\te\u0001/<&>';
  const out = render('{"v": "{{x}}", "w": "{{{x}}}", "u": "{{&x}}"}', { x });
  assert.deepEqual(JSON.parse(out), { v: x, w: x, u: x });
  assert.equal(render('{{x}}', { x: '<b>&amp;' }), '<b>&amp;', 'no HTML escaping');
});

test('numbers and booleans as JSON text, objects and arrays as JSON, null and missing as nothing', () => {
  const view = { n: 1.5, i: 42, big: 1e21, t: true, f: false, o: { a: [1, 'x'], b: null }, l: ['p', 'q'], z: null };
  const out = render('{"n": {{n}}, "i": {{i}}, "big": {{big}}, "t": {{t}}, "f": {{f}}, "o": {{o}}, "l": {{{l}}}, "z": "{{z}}{{missing}}"}', view);
  assert.deepEqual(JSON.parse(out), { n: 1.5, i: 42, big: 1e21, t: true, f: false, o: { a: [1, 'x'], b: null }, l: ['p', 'q'], z: '' });
});

test('array elements keep their quotes (Cosmos converts them so)', () => {
  assert.equal(render('[{{#l}}{{.}},{{/l}}]', { l: ['a"b', 'c'] }), '["a\\"b","c",]');
  assert.equal(render('{{#l}}{{.}}{{/l}}', { l: [1, true] }), '1true');
});

test('sections, inverted sections and the context stack follow mustache.js (outside numbers)', () => {
  const view = { svc: { name: 'n', on: true, port: 0, tags: [] as string[], list: [{ k: 'a' }, { k: 'b' }] }, top: 'T', empty: '' };
  const cases: string[] = [
    '{{#svc}}{{name}}-{{top}}{{/svc}}',
    '{{#svc.on}}on{{/svc.on}}{{^svc.on}}off{{/svc.on}}',
    '{{#svc.tags}}t{{/svc.tags}}{{^svc.tags}}no tags{{/svc.tags}}',
    '{{#svc.list}}[{{k}}:{{svc.name}}]{{/svc.list}}',
    '{{#empty}}x{{/empty}}{{^empty}}empty{{/empty}}',
    '{{#top}}{{.}}{{/top}}',
    '{{#svc}}{{#list}}{{k}}{{name}}{{/list}}{{/svc}}',
    '{{svc.name.length}}|{{top.length}}|{{svc.missing.deep}}',
    '  {{#svc}}\n  line\n  {{/svc}}\n',
  ];
  for (const t of cases) {
    const expected = Mustache.render(t, view, {}, { escape: (v: unknown) => String(v) });
    assert.equal(render(t, view), expected, t);
  }
});

test('numbers are truthy in sections even when 0, as in mustache.java (Cosmos)', () => {
  const t = '{{#n}}[{{.}}]{{/n}}{{^n}}none{{/n}}';
  assert.equal(render(t, { n: 0 }), '[0]');
  assert.equal(render(t, { n: 2.5 }), '[2.5]');
  assert.equal(render(t, { n: null }), 'none');
  assert.equal(render(t, { n: '' }), 'none');
  assert.equal(render(t, { n: false }), 'none');
  assert.equal(render(t, { n: [] }), 'none');
  assert.equal(render('{{#o}}yes{{/o}}', { o: {} }), 'yes');
});

test('only own data is visible: nothing inherited can be reached or called', () => {
  const view = { s: 'str', o: {}, a: [1] };
  const t = '{{constructor}}|{{toString}}|{{__proto__}}|{{s.constructor}}|{{o.hasOwnProperty}}|{{a.map}}|{{#s.__proto__}}x{{/s.__proto__}}|{{#__defineGetter__}}polluted{{/__defineGetter__}}|{{#s.constructor.prototype.__proto__}}{{#__defineGetter__}}polluted{{/__defineGetter__}}{{/s.constructor.prototype.__proto__}}';
  assert.equal(render(t, view), '||||||||');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // Own keys with those names are ordinary data.
  assert.equal(render('{{constructor}}-{{__proto__.x}}', JSON.parse('{"constructor":"c","__proto__":{"x":"p"}}')), 'c-p');
});

test('the output maps back to the template', () => {
  const r = renderTemplate('{"a": {{x}},\n "b": "{{y}}"}', { y: 'Y' }) as RenderedTemplate;
  assert.equal(r.text, '{"a": ,\n "b": "Y"}');
  const x = r.pieces.find((p) => p.variable === 'x')!;
  assert.deepEqual([x.start, x.end, x.templateOffset], [6, 6, 6]);
  const y = r.pieces.find((p) => p.variable === 'y')!;
  assert.deepEqual([r.text.slice(y.start, y.end), y.templateOffset], ['Y', 20]);
});

test('hostile templates hit limits instead of exhausting memory or time', () => {
  const list = Array.from({ length: 200 }, (_, i) => i);
  const nested = '{{#l}}'.repeat(5) + 'x' + '{{/l}}'.repeat(5);
  const r = renderTemplate(nested, { l: list });
  assert.ok('error' in r);
  assert.match(r.error.message, /exceeds|more than/);
  const wide = renderTemplate('{{#l}}{{s}}{{/l}}', { l: list, s: 'y'.repeat(100_000) }, { maxOutputChars: 1_000_000, maxSteps: 1_000_000 });
  assert.ok('error' in wide);
});

test('a template that does not parse is returned as an error', () => {
  const r = renderTemplate('{{#a}}', {});
  assert.ok('error' in r);
  assert.equal(r.error.offset, 0);
});

test('renderText renders the same text and errors as renderTemplate, without the map', () => {
  const view = { s: 'a"b\\c\u0001\u2028\ud800', t: 'plain', n: 0, l: ['x', 'y"', 1, { o: 1 }], o: { k: 'v' } };
  const templates = ['{{s}}|{{t}}|{{{s}}}|{{n}}|{{#l}}{{.}},{{/l}}|{{o}}|{{#o}}{{k}}{{/o}}|{{^missing}}none{{/missing}}', '{{#l}}{{#l}}{{#l}}{{#l}}{{.}}{{/l}}{{/l}}{{/l}}{{/l}}', '{{#a}}'];
  for (const t of templates) {
    const full = renderTemplate(t, view, { maxOutputChars: 1000, maxSteps: 100 });
    const text = renderText(t, view, { maxOutputChars: 1000, maxSteps: 100 });
    assert.deepEqual(text, 'error' in full ? full : { text: full.text }, t);
  }
});
