import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PACKAGING_VERSIONS,
  validateCommand,
  validateConfig,
  validateConfigDraft04,
  validateConfigShape,
  validatePackageJson,
  validateResource,
  validateSettings,
} from '../../scripts/lib/schema/validators.js';

const pkg = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  packagingVersion: '4.0',
  name: 'hello',
  version: '1.0.0',
  maintainer: 'team@example.com',
  description: 'Hello.',
  tags: ['hello'],
  ...extra,
});

test('a valid document has no issues', () => {
  assert.deepEqual(validatePackageJson(pkg()), []);
  assert.deepEqual(validateConfig({ type: 'object', properties: {} }), []);
  assert.deepEqual(validateResource({}, '2.0'), []);
  assert.deepEqual(validateCommand({ pip: [] }), []);
  assert.deepEqual(validateSettings({ formatVersion: '1.0', name: 'acme' }), []);
});

test('an unknown property is reported at the property, with the allowed names or a likely one', () => {
  const [typo] = validatePackageJson(pkg({ descripton: 'x' }));
  assert.deepEqual(typo, {
    pointer: '/descripton',
    keyword: 'additionalProperties',
    message: "unknown property 'descripton': remove it or check its spelling (did you mean 'description'?)",
  });
  const [other] = validatePackageJson(pkg({ licenses: [{ name: 'MIT', url: 'https://x', year: 2020 }] }));
  assert.equal(other?.pointer, '/licenses/0/year');
  assert.equal(other?.message, "unknown property 'year' in 'licenses/0': remove it or check its spelling (allowed: name, url)");
});

test('a missing property is reported at its parent object', () => {
  const issues = validatePackageJson(pkg({ version: undefined }));
  assert.deepEqual(issues, [{ pointer: '', keyword: 'required', message: "missing required property 'version': add it" }]);
});

test('patterns are explained in words and name the offending value', () => {
  const [issue] = validatePackageJson(pkg({ tags: ['big data'] }));
  assert.equal(issue?.pointer, '/tags/0');
  assert.match(issue?.message ?? '', /^'tags\/0' must not contain whitespace \(found "big data"\)$/);
});

test('packaging versions: missing, unknown and explicit', () => {
  assert.deepEqual(validatePackageJson(pkg({ packagingVersion: undefined })).map((i) => [i.pointer, i.keyword]), [['', 'required']]);
  const [unknown] = validatePackageJson(pkg({ packagingVersion: '4' }));
  assert.equal(unknown?.pointer, '/packagingVersion');
  for (const v of PACKAGING_VERSIONS) assert.ok(unknown?.message.includes(v), v);
  assert.deepEqual(validatePackageJson(pkg({ packagingVersion: 42 })).map((i) => i.pointer), ['/packagingVersion']);
  // The version argument wins over the declared one (the declared one then fails its const).
  assert.deepEqual(validatePackageJson(pkg(), '3.0').map((i) => i.pointer), ['/packagingVersion']);
});

test('issues are sorted by pointer, array indices numerically', () => {
  const tags = Array.from({ length: 12 }, (_, i) => (i === 2 || i === 10 ? 'a b' : `t${i}`));
  const issues = validatePackageJson(pkg({ tags, zzz: 1, aaa: 1 }));
  assert.deepEqual(issues.map((i) => i.pointer), ['/aaa', '/tags/2', '/tags/10', '/zzz']);
});

test('keys that need escaping give valid pointers', () => {
  const [issue] = validateResource({ assets: { uris: { 'a/b~c': 1 } } }, '3.0');
  assert.equal(issue?.pointer, '/assets/uris/a~1b~0c');
});

test('alternatives (anyOf) report the relevant branch only', () => {
  const option = (schema: unknown) => ({ type: 'object', properties: { o: schema } });
  // Both alternatives fail on type: one merged issue.
  assert.deepEqual(validateConfig(option({ items: 5 })), [
    { pointer: '/properties/o/items', keyword: 'type', message: "'properties/o/items' must be an object or an array, not an integer (5)" },
  ]);
  // One alternative went deeper: only its issue.
  assert.deepEqual(validateConfig(option({ additionalProperties: { type: 'strin' } })).map((i) => i.pointer), ['/properties/o/additionalProperties/type']);
  assert.deepEqual(validateConfig(option({ type: ['string', 'strin'] })).map((i) => i.pointer), ['/properties/o/type/1']);
  // The alternative of the right type failed on a value: only its issue.
  assert.deepEqual(validateConfig(option({ type: 'strin' })).map((i) => [i.pointer, i.keyword]), [['/properties/o/type', 'enum']]);
});

test('config issues are split between the DC/OS shape and draft-04 validity, without duplicates', () => {
  const config = { type: 'array', properties: { a: { type: 'strin' }, b: { pattern: '(' } } };
  assert.deepEqual(validateConfigShape(config).map((i) => i.pointer), ['/type']);
  assert.deepEqual(validateConfigDraft04(config).map((i) => i.pointer), ['/properties/a/type', '/properties/b/pattern']);
  assert.deepEqual(validateConfig(config).map((i) => i.pointer), ['/type', '/properties/a/type', '/properties/b/pattern'].sort());
  const both = { properties: [] };
  assert.equal(validateConfig(both).length, 1, 'shape and meta-schema agree: reported once');
});

test('a regular expression is checked in unicode mode, like the option validators do', () => {
  const [issue] = validateConfig({ properties: { a: { type: 'string', pattern: '\\_' } } });
  assert.equal(issue?.pointer, '/properties/a/pattern');
  assert.equal(issue?.keyword, 'format');
});

test('a huge number of problems is cut, saying how many were left out', () => {
  const tags = Array.from({ length: 200 }, () => 'a b');
  const issues = validatePackageJson(pkg({ tags }));
  assert.equal(issues.length, 50, '49 issues and one saying how many more');
  assert.equal(issues.at(-1)?.keyword, 'limit');
  assert.match(issues.at(-1)?.message ?? '', /^151 more/);
});

test('settings: category ids must be unique', () => {
  const issues = validateSettings({ formatVersion: '1.0', name: 'acme', categories: [{ id: 'db', title: 'A' }, { id: 'web', title: 'W' }, { id: 'db', title: 'B' }] });
  assert.deepEqual(issues.map((i) => [i.pointer, i.keyword]), [['/categories/2/id', 'uniqueIds']]);
});

test('validators never throw on hostile values', () => {
  const hostile: unknown[] = [null, 0, 'x', [], JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 1}')];
  for (const v of hostile) {
    validatePackageJson(v);
    validateConfig(v);
    validateResource(v, '3.0');
    validateCommand(v);
    validateSettings(v);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const [proto] = validateCommand(JSON.parse('{"pip": [], "__proto__": 1}'));
  assert.equal(proto?.pointer, '/__proto__');
});
