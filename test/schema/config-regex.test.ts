import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invalidRegexIssues } from '../../scripts/lib/schema/config-regex.js';
import { toPointer } from '../../scripts/lib/json/pointer.js';
import type { SchemaIssue } from '../../scripts/lib/schema/issue.js';
import { random } from '../helpers/random.js';

/**
 * The walk as first written (a pointer built for every node visited): the reference the faster
 * walk, which spells pointers out only for issues, must agree with, order included.
 */
function reference(schema: unknown): SchemaIssue[] {
  const maps = ['properties', 'patternProperties', 'definitions', 'dependencies'];
  const slots = ['items', 'additionalItems', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'];
  const why = (source: string): string | undefined => {
    try {
      new RegExp(source, 'u');
      return undefined;
    } catch (e) {
      const text = (e as Error).message;
      return text.slice(text.lastIndexOf(': ') + 2) || text;
    }
  };
  const out: SchemaIssue[] = [];
  const stack: Array<[unknown, string]> = [[schema, '']];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      node.forEach((s, i) => stack.push([s, at + toPointer([i])]));
      continue;
    }
    const s = node as Record<string, unknown>;
    if (typeof s.pattern === 'string') {
      const w = why(s.pattern);
      if (w) out.push({ pointer: at + toPointer(['pattern']), keyword: 'format', message: `'${s.pattern}' is not a valid regular expression (${w}): fix it` });
    }
    for (const k of maps) {
      const map = s[k];
      if (typeof map !== 'object' || map === null || Array.isArray(map)) continue;
      for (const [name, sub] of Object.entries(map)) {
        const p = at + toPointer([k, name]);
        if (k === 'patternProperties') {
          const w = why(name);
          if (w) out.push({ pointer: p, keyword: 'format', message: `the patternProperties key '${name}' is not a valid regular expression (${w}): fix it` });
        }
        stack.push([sub, p]);
      }
    }
    for (const k of slots) if (k in s) stack.push([s[k], at + toPointer([k])]);
  }
  return out;
}

const KEYS = ['pattern', 'properties', 'patternProperties', 'definitions', 'dependencies', 'items', 'additionalItems', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf', 'type', 'default'];
const NAMES = ['a', '(', '^x-', 'a/b', 'c~d', '[', '\\_', ''];
const PATTERNS = ['^a$', '(', '[a-', '\\_', 'x{2,1}', '.*'];

function node(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth > 5 || r < 0.2) return [PATTERNS[Math.floor(rnd() * PATTERNS.length)], 1, true, null][Math.floor(rnd() * 4)];
  if (r < 0.35) return Array.from({ length: Math.floor(rnd() * 3) }, () => node(rnd, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(rnd() * 4); i > 0; i--) {
    const k = KEYS[Math.floor(rnd() * KEYS.length)]!;
    if (k === 'pattern') out[k] = PATTERNS[Math.floor(rnd() * PATTERNS.length)];
    else if (['properties', 'patternProperties', 'definitions', 'dependencies'].includes(k) && rnd() < 0.8) {
      const map: Record<string, unknown> = {};
      for (let j = Math.floor(rnd() * 3); j > 0; j--) map[NAMES[Math.floor(rnd() * NAMES.length)]!] = node(rnd, depth + 1);
      out[k] = map;
    } else out[k] = node(rnd, depth + 1);
  }
  return out;
}

test('config-regex finds the same issues, in the same order, as the reference walk', () => {
  const rnd = random(99);
  let found = 0;
  for (let i = 0; i < 20000; i++) {
    const s = node(rnd, 0);
    const expected = reference(s);
    assert.deepEqual(invalidRegexIssues(s), expected, JSON.stringify(s));
    found += expected.length;
  }
  assert.ok(found > 1000, `issues found: ${found}`);
});

test('config-regex spells out escaped pointers of nested issues', () => {
  const s = { properties: { 'a/b': { items: [{}, { patternProperties: { '~(': {} }, not: { pattern: '[' } }] } } };
  assert.deepEqual(
    invalidRegexIssues(s).map((i) => i.pointer),
    ['/properties/a~1b/items/1/patternProperties/~0(', '/properties/a~1b/items/1/not/pattern'],
  );
});
