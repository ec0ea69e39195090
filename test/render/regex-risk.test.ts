import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRiskyPattern } from '../../scripts/lib/render/regex-risk.js';
import { validateOptions } from '../../scripts/lib/render/validate.js';

test('nested unbounded repetition without a separator is risky', () => {
  for (const p of ['^(a+)+$', '(\\w*,?)*', '^(\\d+)*$', '((ab)*)+', '(a|aa)+', '^(x\\w*)+$', '(.*a){2,}', '([a-z]+)*x', '(?:a*b*)*', '(?<n>a+)+', '(a+){1,1000}']) {
    assert.equal(isRiskyPattern(p), true, p);
  }
});

test('single repetition, bounded repetition and separated repetition are not', () => {
  const safe = [
    '^[a-z0-9-]{5,25}$',
    '^[a-z]+(-[a-z]+)*$',
    '^/?(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$',
    '^(?:\\.[a-z][a-z0-9]*?(?:-[a-z0-9]+)*)+$',
    '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])){3}/([12]?[0-9]|3[0-2])$',
    '^[0-9 ]{12,132}$',
    '^(ab)+$',
    '^\\s+$',
    '(a+){2,5}',
  ];
  for (const p of safe) assert.equal(isRiskyPattern(p), false, p);
});

test('malformed patterns count as risky', () => {
  for (const p of ['(a', 'a)', '[a-']) assert.equal(isRiskyPattern(p), true, p);
});

test('a risky pattern in config.json is not run against options (no hang), a safe one is', () => {
  const config = { properties: { a: { type: 'string', pattern: '^(a+)+$' }, b: { type: 'string', pattern: '^[a-z]+(-[a-z]+)*$' } } };
  const issues = validateOptions(config, { a: 'a'.repeat(40) + '!', b: 'Not-Kebab' });
  assert.deepEqual(issues.map((i) => [i.pointer, i.keyword]), [['/b', 'pattern']]);
});
