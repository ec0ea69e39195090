/**
 * The DC/OS repository schemas the build validates against: shipped unchanged, precompiled up to
 * date, of the shape the build's per-object validation relies on, and giving the verdicts of an
 * independent draft-04 validator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DCOS_VALIDATORS_FILE, generateDcosValidatorsSource, readDcosSchemaFiles } from '../../scripts/codegen/dcos-validators.js';
import { DCOS_MEDIA, MEDIA_PACKAGING_VERSIONS, type DcosMedia } from '../../scripts/lib/schema/dcos-media.js';
import { dcosDefinitionIssues, notCarriedIssue } from '../../scripts/lib/schema/dcos-repo.js';
import type { SchemaIssue } from '../../scripts/lib/schema/issue.js';
import { CORPUS_DIR } from '../helpers/paths.js';
import { DCOS_SCHEMAS, dcosValid } from '../build/dcos-schemas.js';

const FILES = ['v3-repo-schema.json', 'v4-repo-schema.json', 'v5-repo-schema.json', 'vX-repo-definitions.json'];
const UPSTREAM = path.join(CORPUS_DIR, 'dcos-universe/repo/meta/schema');

type Json = Record<string, unknown>;
const load = (f: string): Json => JSON.parse(fs.readFileSync(path.join(DCOS_SCHEMAS, f), 'utf8')) as Json;

test('schema/dcos holds the four DC/OS repository schema files and a README', () => {
  assert.deepEqual(fs.readdirSync(DCOS_SCHEMAS).sort(), ['README.md', ...FILES]);
});

test('schema/dcos files are the DC/OS Universe\'s, byte for byte', (t) => {
  if (!fs.existsSync(UPSTREAM)) return void t.skip(`${UPSTREAM} not found: comparison with the DC/OS Universe skipped`);
  for (const f of FILES) assert.ok(fs.readFileSync(path.join(DCOS_SCHEMAS, f)).equals(fs.readFileSync(path.join(UPSTREAM, f))), f);
});

test('scripts/lib/schema/dcos-validators.generated.ts is up to date with schema/dcos/ (npm run gen:types)', () => {
  const expected = generateDcosValidatorsSource(readDcosSchemaFiles());
  assert.ok(fs.readFileSync(DCOS_VALIDATORS_FILE, 'utf8') === expected, 'scripts/lib/schema/dcos-validators.generated.ts is stale: run npm run gen:types and commit the result');
  assert.equal(generateDcosValidatorsSource(readDcosSchemaFiles()), expected, 'deterministic');
});

test('the schemas have the shape per-object validation relies on', () => {
  const defs = load('vX-repo-definitions.json');
  for (const m of DCOS_MEDIA) {
    const repo = load(`v${m}-repo-schema.json`);
    // {"packages": [items]} and nothing else.
    assert.deepEqual(repo.required, ['packages']);
    assert.equal(repo.additionalProperties, false);
    const packages = (repo.properties as Json).packages as Json;
    assert.equal(packages.type, 'array');
    const items = packages.items as { oneOf: Array<{ $ref: string }> };
    assert.deepEqual(Object.keys(items), ['oneOf']);
    // Each branch a definition requiring packagingVersion to be its one version, all distinct.
    const versions = items.oneOf.map((branch) => {
      assert.deepEqual(Object.keys(branch), ['$ref']);
      const name = /^vX-repo-definitions\.json#\/(v\d\dPackage)$/.exec(branch.$ref)![1]!;
      const def = defs[name] as Json;
      assert.ok((def.required as string[]).includes('packagingVersion'), name);
      const pv = (def.properties as Record<string, Json>).packagingVersion!;
      assert.equal((pv.enum as string[]).length, 1, name);
      // Keywords that could make a member's validity depend on another's: none.
      assert.deepEqual(Object.keys(def).sort(), ['additionalProperties', 'properties', 'required'], name);
      // config accepts anything, marathon is the shared definition; neither is required.
      const props = def.properties as Record<string, Json>;
      assert.deepEqual(props.config, { $ref: '#/config' }, name);
      assert.deepEqual(props.marathon, { $ref: '#/marathon' }, name);
      assert.ok(!(def.required as string[]).some((r) => r === 'config' || r === 'marathon'), name);
      return (pv.enum as string[])[0]!;
    });
    assert.equal(new Set(versions).size, versions.length);
    assert.deepEqual(versions, MEDIA_PACKAGING_VERSIONS[m], `v${m}`);
  }
  assert.deepEqual(defs.config, {});
});

const BASE = { name: 'web', version: '1.0.0', releaseVersion: 0, maintainer: 'm@example.com', description: 'Web.', tags: ['web'] };

test('the base64 of any non-empty template is a valid marathon member; an empty one is not', () => {
  // The build leaves `marathon` out of the objects it checks (scripts/lib/index/dcos-check.ts) on the strength of this.
  const marathonIssues = (template: string): SchemaIssue[] | undefined => dcosDefinitionIssues({ ...BASE, packagingVersion: '4.0', marathon: { v2AppMustacheTemplate: template } });
  let bytes = Buffer.alloc(0);
  for (let n = 1; n <= 70; n++) {
    bytes = Buffer.concat([bytes, Buffer.from([(n * 151) % 256])]);
    assert.deepEqual(marathonIssues(bytes.toString('base64')), [], `${n} bytes`);
  }
  assert.notDeepEqual(marathonIssues(''), []);
  assert.notDeepEqual(marathonIssues('a b='), []);
});

/**
 * A package object's verdict for media type `media` as the build reaches it
 * (scripts/lib/index/dcos-check.ts): the media type must carry the object's packaging version,
 * and the definition of that version must accept the object.
 */
function verdict(obj: Json, media: DcosMedia): SchemaIssue[] {
  const pv = obj.packagingVersion;
  if (typeof pv !== 'string' || !MEDIA_PACKAGING_VERSIONS[media].includes(pv)) return [notCarriedIssue(pv, media)];
  return dcosDefinitionIssues(obj)!;
}
const CLI = { binaries: { linux: { 'x86-64': { kind: 'executable', url: 'https://example.com/cli', contentHash: [{ algo: 'sha256', value: 'ab' }] } } } };

/** Package objects, valid and not, for every packaging version. */
function objects(): Array<[string, Json]> {
  const out: Array<[string, Json]> = [];
  for (const pv of ['2.0', '3.0', '4.0', '5.0', '6.0', '1.0']) {
    const o = { ...BASE, packagingVersion: pv };
    out.push(
      [`${pv} minimal`, o],
      [`${pv} with config and marathon`, { ...o, config: { anything: ['goes'] }, marathon: { v2AppMustacheTemplate: 'e30=' } }],
      [`${pv} minDcosReleaseVersion`, { ...o, minDcosReleaseVersion: '1.10' }],
      [`${pv} upgradesFrom`, { ...o, upgradesFrom: ['*'] }],
      [`${pv} manager`, { ...o, manager: { packageName: 'kubernetes' } }],
      [`${pv} manager without packageName`, { ...o, manager: {} }],
      [`${pv} command`, { ...o, command: { pip: ['x'] } }],
      [`${pv} CLI`, { ...o, resource: { cli: CLI } }],
      [`${pv} tag with a space`, { ...o, tags: ['two words'] }],
      [`${pv} licence not http`, { ...o, licenses: [{ name: 'L', url: 'ftp://example.com/l' }] }],
      [`${pv} licence`, { ...o, licenses: [{ name: 'L', url: 'https://example.com/l' }] }],
      [`${pv} negative releaseVersion`, { ...o, releaseVersion: -1 }],
      [`${pv} unknown member`, { ...o, categories: ['db'] }],
      [`${pv} no tags`, { ...BASE, packagingVersion: pv, tags: undefined }],
      [`${pv} bad template`, { ...o, marathon: { v2AppMustacheTemplate: 'e30' } }],
    );
  }
  out.push(['no packagingVersion', { ...BASE }]);
  return out;
}

test('per-object verdicts equal an independent draft-04 validator\'s verdicts on the whole repository', () => {
  for (const m of DCOS_MEDIA as DcosMedia[]) {
    for (const [name, obj] of objects()) {
      const clean = JSON.parse(JSON.stringify(obj)) as Json;
      const ours = verdict(clean, m);
      assert.equal(ours.length === 0, dcosValid({ packages: [clean] }, m), `v${m}: ${name}: ${JSON.stringify(ours)}`);
    }
  }
});

test('issues point into the object and say what is wrong', () => {
  assert.deepEqual(
    [notCarriedIssue('5.0', 4)].map((i) => [i.pointer, i.message]),
    [['/packagingVersion', 'packagingVersion "5.0" is not one media type v4 carries (2.0, 3.0, 4.0)']],
  );
  assert.equal(notCarriedIssue(undefined, 3).message, 'packagingVersion missing is not one media type v3 carries (2.0, 3.0)');
  assert.equal(dcosDefinitionIssues({ ...BASE, packagingVersion: '6.0' }), undefined, 'no definition of 6.0');
  const [issue] = dcosDefinitionIssues({ ...BASE, packagingVersion: '3.0', manager: { packageName: 'k' } })!;
  assert.equal(issue!.pointer, '/manager');
  assert.match(issue!.message, /unknown property 'manager'/);
  assert.equal(dcosDefinitionIssues({ ...BASE, packagingVersion: '4.0', licenses: [{ name: 'L', url: 'ftp://example.com/l' }] })![0]!.pointer, '/licenses/0/url');
  assert.deepEqual(dcosDefinitionIssues({ ...BASE, packagingVersion: '4.0', tags: ['web', ' '] })!.map((i) => i.pointer), ['/tags/1']);
  // `format` is an annotation, as in the DC/OS build's validation: only the pattern holds.
  assert.deepEqual(dcosDefinitionIssues({ ...BASE, packagingVersion: '4.0', licenses: [{ name: 'L', url: 'https://example.com/a b' }] }), []);
});
