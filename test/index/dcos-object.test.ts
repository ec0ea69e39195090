import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dcosObject, dcosPackages, dcosPieces, escapeProperties, escapeQuotes, hasMarathon, inDcos, legacyConfig, pyTruthy, RevisionParts } from '../../scripts/lib/index/dcos-object.js';
import type { RevisionData } from '../../scripts/lib/index/revision-data.js';
import { revisionData } from '../helpers/revision-data.js';

const PKG = { packagingVersion: '4.0', name: 'web', version: '1.0.0', maintainer: 'm@example.com', description: 'Web.', tags: ['web'], upgradesFrom: ['*'] };
const TEMPLATE = '{"id": "{{service.name}}"}\n';

const data = (pkg: Record<string, unknown>, extra: Partial<RevisionData> = {}): RevisionData => revisionData(3, pkg, extra);

/** The object a piece list serializes (pieces start with the comma). */
const parse = (pieces: Buffer[]): Record<string, unknown> => {
  const b = Buffer.concat(pieces);
  assert.equal(b[0], 0x2c);
  return JSON.parse(b.subarray(1).toString()) as Record<string, unknown>;
};

test('escapeQuotes is re.sub(r\'([^\\\\])"\', r\'\\1\\\\"\', s): non-overlapping, left to right', () => {
  const cases: Array<[string, string]> = [
    ['no quotes', 'no quotes'],
    ['say "hi"', 'say \\"hi\\"'],
    ['"leading', '"leading'], // nothing before the first quote
    ['a\\"b', 'a\\"b'], // already escaped
    ['x""y', 'x\\""y'], // the second quote's predecessor was consumed by the first match
    ['{"k": "v"}', '{\\"k\\": \\"v\\"}'],
    ['line\n"q"', 'line\n\\"q\\"'],
  ];
  for (const [input, expected] of cases) assert.equal(escapeQuotes(input), expected, input);
});

test('escapeProperties: description everywhere, default only for strings, recursing into object properties', () => {
  const props = {
    a: { type: 'string', description: 'A "quoted" word', default: '{"x": 1}' },
    b: { type: 'integer', description: 'plain', default: 3 },
    c: { type: 'object', description: '"obj"', properties: { d: { type: 'string', default: 'say "d"' } } },
    e: { type: ['string', 'null'], default: 'a "b"' },
    f: 'not a schema',
  };
  const out = escapeProperties(props) as Record<string, Record<string, unknown>>;
  assert.equal(out.a!.description, 'A \\"quoted\\" word');
  assert.equal(out.a!.default, '{\\"x\\": 1}');
  assert.equal(out.b, props.b, 'unchanged schemas are the same objects');
  assert.equal(out.c!.description, '"obj\\"');
  assert.equal((out.c!.properties as Record<string, Record<string, unknown>>).d!.default, 'say \\"d\\"');
  assert.equal(out.e!.default, 'a "b"', 'type is not "string"');
  assert.deepEqual(Object.keys(out), Object.keys(props), 'key order kept');
  assert.equal(props.a.description, 'A "quoted" word', 'the input is not modified');
  const untouched = { p: { type: 'string', description: 'none' } };
  assert.equal(escapeProperties(untouched), untouched);
});

test('escaping never lets a "__proto__" property reach a prototype', () => {
  const config = JSON.parse('{"properties":{"__proto__":{"type":"string","default":"a \\"b\\""},"x":{"description":"say \\"x\\""}}}') as Record<string, unknown>;
  const out = legacyConfig(config) as { properties: Record<string, unknown> };
  assert.equal(Object.getPrototypeOf(out.properties), Object.prototype);
  assert.ok(Object.prototype.hasOwnProperty.call(out.properties, '__proto__'));
  assert.equal(JSON.parse(JSON.stringify(out)).properties.__proto__.default, 'a \\"b\\"');
  assert.equal(({} as Record<string, unknown>).default, undefined);
});

test('pyTruthy follows Python: empty containers, "", 0, null and false are false', () => {
  for (const v of [undefined, null, false, 0, '', [], {}]) assert.equal(pyTruthy(v), false, JSON.stringify(v));
  for (const v of [true, 1, -1, 'x', [0], { a: 0 }]) assert.equal(pyTruthy(v), true, JSON.stringify(v));
});

test('the modern object: package.json members in order, then releaseVersion, resource, marathon, config, command', () => {
  const d = data(PKG, {
    config: { type: 'object', properties: { z: { type: 'string' }, a: { type: 'string' } } },
    resource: { images: { 'icon-small': 'https://example.com/i.png' } },
    command: { pip: ['x'] },
    marathon: { text: TEMPLATE, bom: false },
  });
  const o = parse(dcosPieces(new RevisionParts(d), false).modern);
  assert.deepEqual(Object.keys(o), [...Object.keys(PKG), 'releaseVersion', 'resource', 'marathon', 'config', 'command']);
  assert.equal(o.releaseVersion, 3);
  assert.deepEqual(o.marathon, { v2AppMustacheTemplate: Buffer.from(TEMPLATE).toString('base64') });
  assert.deepEqual(Object.keys((o.config as { properties: object }).properties), ['z', 'a'], 'config key order kept');
});

test('empty resource, config, command and template are left out (Python truthiness)', () => {
  const d = data(PKG, { config: {}, resource: {}, command: {}, marathon: { text: '', bom: false } });
  const o = parse(dcosPieces(new RevisionParts(d), false).modern);
  assert.deepEqual(Object.keys(o), [...Object.keys(PKG), 'releaseVersion']);
});

test('a template with a byte order mark is encoded with it (the raw bytes)', () => {
  const o = parse(dcosPieces(new RevisionParts(data(PKG, { marathon: { text: TEMPLATE, bom: true } })), false).modern);
  const raw = Buffer.from((o.marathon as { v2AppMustacheTemplate: string }).v2AppMustacheTemplate, 'base64');
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
});

test('the legacy form: packaging 3.0, no upgradesFrom/downgradesTo, quotes in config escaped once', () => {
  const config = { type: 'object', properties: { s: { type: 'string', description: 'JSON like {"a": 1}', default: '{"b": 2}' } } };
  const pieces = dcosPieces(new RevisionParts(data({ ...PKG, downgradesTo: ['0.9'] }, { config })), true);
  const legacy = parse(pieces.legacy!);
  assert.equal(legacy.packagingVersion, '3.0');
  assert.equal('upgradesFrom' in legacy, false);
  assert.equal('downgradesTo' in legacy, false);
  const s = (legacy.config as { properties: { s: Record<string, string> } }).properties.s;
  assert.equal(s.description, 'JSON like {\\"a\\": 1}');
  assert.equal(s.default, '{\\"b\\": 2}');
  assert.equal((parse(pieces.modern).config as typeof config).properties.s.default, '{"b": 2}', 'modern form untouched');
});

test('2.0 and 3.0 revisions with nothing to escape share one serialization for both forms', () => {
  const pkg = { packagingVersion: '3.0', name: 'web', version: '1', maintainer: 'm', description: 'd', tags: [] };
  const p = dcosPieces(new RevisionParts(data(pkg, { config: { properties: { a: { type: 'string', default: 'x' } } } })), true);
  assert.equal(p.legacy, p.modern);
  const q = dcosPieces(new RevisionParts(data(pkg, { config: { properties: { a: { type: 'string', default: '"x"' } } } })), true);
  assert.notEqual(q.legacy, q.modern);
});

test('packaging 6.0 in DC/OS: no categories, dependencies or deprecation; 5.0 with a manager, else 4.0', () => {
  const pkg6 = { ...PKG, packagingVersion: '6.0', categories: ['db'], dependencies: { x: '^1' }, deprecated: { message: 'old' } };
  const t = { marathon: { text: TEMPLATE, bom: false } };
  const o = parse(dcosPieces(new RevisionParts(data(pkg6, t)), false).modern);
  assert.equal(o.packagingVersion, '4.0');
  assert.deepEqual(Object.keys(o), ['packagingVersion', 'name', 'version', 'maintainer', 'description', 'tags', 'upgradesFrom', 'releaseVersion', 'marathon']);
  const m = parse(dcosPieces(new RevisionParts(data({ ...pkg6, manager: { packageName: 'cassandra' } }, t)), true).legacy!);
  assert.equal(m.packagingVersion, '3.0');
  assert.equal(parse(dcosPieces(new RevisionParts(data({ ...pkg6, manager: { packageName: 'c' } }, t)), false).modern).packagingVersion, '5.0');
  assert.equal(inDcos(data(pkg6, t)), true);
  assert.equal(inDcos(data(pkg6)), false, 'no Marathon template: DC/OS cannot deploy it');
  assert.equal(inDcos(data(pkg6, { marathon: { text: '', bom: false } })), false);
  assert.equal(inDcos(data(PKG)), true, 'older versions stay without a template');
});

test('a package.json that already has a member the build sets keeps its position (Python dict semantics)', () => {
  const pkg = { ...PKG, config: 'own', releaseVersion: 99 };
  const o = parse(dcosPieces(new RevisionParts(data(pkg, { config: { properties: {} } })), false).modern);
  assert.deepEqual(Object.keys(o), Object.keys(pkg));
  assert.equal(o.releaseVersion, 3);
  assert.deepEqual(o.config, { properties: {} });
  const empty = parse(dcosPieces(new RevisionParts(data(pkg)), false).modern);
  assert.equal(empty.config, 'own', 'no config.json: package.json\'s own member stays');
});

test('the v4 form: 5.0 without manager becomes 4.0 in place; everything else is the modern object itself', () => {
  const pkg5 = { ...PKG, packagingVersion: '5.0', minDcosReleaseVersion: '1.10' };
  const t = { marathon: { text: TEMPLATE, bom: false }, config: { properties: { a: { type: 'string', default: '"x"' } } } };
  const p = dcosPieces(new RevisionParts(data(pkg5, t)), true, true);
  const v4 = parse(p.v4!);
  const modern = parse(p.modern);
  assert.equal(v4.packagingVersion, '4.0');
  assert.deepEqual(Object.keys(v4), Object.keys(modern), 'members in place');
  assert.deepEqual({ ...v4, packagingVersion: '5.0' }, modern);
  assert.deepEqual(v4.upgradesFrom, ['*'], '4.0 keeps upgradesFrom');
  assert.equal(parse(p.legacy!).packagingVersion, '3.0');
  // Not requested: not made.
  assert.equal(dcosPieces(new RevisionParts(data(pkg5, t)), false).v4, undefined);
  for (const pkg of [PKG, { ...pkg5, manager: { packageName: 'k' } }, { ...PKG, packagingVersion: '3.0' }, { ...PKG, packagingVersion: '6.0', manager: { packageName: 'k' } }]) {
    const q = dcosPieces(new RevisionParts(data(pkg, t)), false, true);
    assert.equal(q.v4, q.modern, String(pkg.packagingVersion));
  }
  // 6.0 without manager is 4.0 already.
  assert.equal(parse(dcosPieces(new RevisionParts(data({ ...PKG, packagingVersion: '6.0' }, t)), false, true).v4!).packagingVersion, '4.0');
});

test('every serialized form is JSON.stringify of dcosObject for its package.json (the value the build validates)', () => {
  const t = {
    marathon: { text: TEMPLATE, bom: true },
    config: { properties: { s: { type: 'string', default: '{"b": 2}' } } },
    resource: { images: { 'icon-small': 'https://example.com/i.png' } },
  };
  const pkgs = [
    PKG,
    { ...PKG, packagingVersion: '5.0', downgradesTo: ['0.9'] },
    { ...PKG, packagingVersion: '5.0', manager: { packageName: 'k' } },
    { ...PKG, packagingVersion: '6.0', categories: ['db'], manager: { packageName: 'k' } },
    { ...PKG, packagingVersion: '2.0', upgradesFrom: undefined },
    { ...PKG, packagingVersion: '5.0', config: 'own', releaseVersion: 99, marathon: 'own' },
  ];
  for (const pkg of pkgs) {
    for (const extra of [t, {}]) {
      const d = data(JSON.parse(JSON.stringify(pkg)) as Record<string, unknown>, extra);
      const p = dcosPieces(new RevisionParts(d), true, true);
      const forms = dcosPackages(d);
      const marathon = hasMarathon(d) ? { v2AppMustacheTemplate: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEMPLATE)]).toString('base64') } : undefined;
      const label = `${JSON.stringify(pkg)} ${Object.keys(extra).join(',')}`;
      assert.deepEqual(parse(p.modern), JSON.parse(JSON.stringify(dcosObject(d, forms.modern, d.config, marathon))), `modern ${label}`);
      assert.deepEqual(parse(p.v4!), JSON.parse(JSON.stringify(dcosObject(d, forms.v4, d.config, marathon))), `v4 ${label}`);
      assert.deepEqual(parse(p.legacy!), JSON.parse(JSON.stringify(dcosObject(d, forms.legacy, legacyConfig(d.config), marathon))), `legacy ${label}`);
      assert.equal(Buffer.concat(p.modern).toString().slice(1), JSON.stringify(dcosObject(d, forms.modern, d.config, marathon)), `modern bytes ${label}`);
    }
  }
});
