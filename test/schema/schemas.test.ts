/** The schemas in schema/ document the formats: they must be well-formed and fully described. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { FORMAT_VERSION } from '../../scripts/lib/schema/format-version.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

const DIR = path.join(PROJECT_ROOT, 'schema');
/** Schemas owned by the build (index formats) follow their own conventions and tests. */
const OTHERS = new Set(['index.schema.json', 'package-document.schema.json']);
const OURS = fs.readdirSync(DIR).filter((f) => f.endsWith('.schema.json') && !OTHERS.has(f)).sort();
const read = (f: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Record<string, unknown>;

test('the schema folder holds every schema the validators need', () => {
  for (const f of ['package-2.0', 'package-3.0', 'package-4.0', 'package-5.0', 'package-6.0', 'config', 'config-draft04-meta', 'resource-2.0', 'resource-3.0', 'command', 'repository']) {
    assert.ok(OURS.includes(`${f}.schema.json`), f);
  }
});

for (const file of OURS) {
  test(`schema/${file} is draft-07 with an $id, a title and a description on every property`, () => {
    const schema = read(file);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.$id, `https://universe.dev/schema/${file}`);
    assert.equal(typeof schema.title, 'string');
    assert.equal(typeof schema.description, 'string');
    const undocumented: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (typeof node !== 'object' || node === null) return;
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
      const s = node as Record<string, unknown>;
      const props = s.properties;
      if (typeof props === 'object' && props !== null) {
        for (const [k, v] of Object.entries(props)) {
          const sub = v as Record<string, unknown>;
          // A $ref'd definition carries its own description.
          if (typeof sub.description !== 'string' && typeof sub.$ref !== 'string') undocumented.push(`${at}/properties/${k}`);
        }
      }
      for (const [k, v] of Object.entries(s)) {
        if (k === 'enum' || k === 'const' || k === 'default') continue;
        // Maps of subschemas: walk each subschema, not the map (its keys are names, not keywords).
        if ((k === 'properties' || k === 'definitions') && typeof v === 'object' && v !== null) {
          for (const [name, sub] of Object.entries(v)) walk(sub, `${at}/${k}/${name}`);
        } else walk(v, `${at}/${k}`);
      }
    };
    walk(schema, '');
    assert.deepEqual(undocumented, []);
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, formats: { regex: true } });
    ajv.compile(schema);
  });
}

test('package.json schemas reject unknown members and require the same core members', () => {
  for (const pv of ['2.0', '3.0', '4.0', '5.0', '6.0']) {
    const s = read(`package-${pv}.schema.json`);
    assert.equal(s.additionalProperties, false, pv);
    assert.deepEqual(s.required, ['packagingVersion', 'name', 'version', 'maintainer', 'description', 'tags'], pv);
  }
});

test('repository.schema.json accepts the format version this tool writes', () => {
  const s = read('repository.schema.json') as { properties: { formatVersion: { enum: string[] } } };
  assert.ok(s.properties.formatVersion.enum.includes(FORMAT_VERSION));
});
