import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brokenOptions } from '../../scripts/lib/compat/broken-options.js';
import { CORPUS_DIR, NO_CORPUS, hasCorpus } from '../helpers/paths.js';

/** A config.json with a `service` section holding the given options. */
const service = (props: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: { service: { type: 'object', properties: props, ...extra } },
});
const pairs = (old: unknown, next: unknown): Array<[string, unknown]> => brokenOptions(old, next).options.map((b) => [b.option, b.value]);

test('broken-options: identical and compatible schemas break nothing', () => {
  const base = service({ name: { type: 'string', default: 'web' }, cpus: { type: 'number', default: 1, minimum: 0.1 }, mode: { enum: ['a', 'b'], default: 'a' } }, { required: ['name'] });
  assert.deepEqual(pairs(base, base), []);
  const wider = service({ name: { type: ['string', 'null'], default: 'web' }, cpus: { type: 'number', default: 1 }, mode: { enum: ['a', 'b', 'c'], default: 'a' }, extra: { type: 'string', default: 'x' } });
  assert.deepEqual(pairs(base, wider), []);
  const r = brokenOptions(base, wider);
  assert.ok(r.samples >= 5);
  assert.equal(r.partial, false);
});

/** [name, old options, new options, what stops validating] */
const CASES: Array<[string, Record<string, unknown>, Record<string, unknown>, Array<[string, unknown]>]> = [
  ['an enum value removed', { mode: { enum: ['a', 'b', 'c'], default: 'a' } }, { mode: { enum: ['a', 'c'], default: 'a' } }, [['service.mode', 'b']]],
  ['an enum added', { level: { type: 'string', default: 'INFO' } }, { level: { type: 'string', enum: ['INFO', 'DEBUG'], default: 'INFO' } }, [['service.level', ''], ['service.level', 'a']]],
  ['number narrowed to integer', { cpus: { type: 'number', default: 1 } }, { cpus: { type: 'integer', default: 1 } }, [['service.cpus', 0.5]]],
  ['a type changed', { mem: { type: 'string', default: '512' } }, { mem: { type: 'integer', default: 512 } }, [['service.mem', ''], ['service.mem', '512'], ['service.mem', 'a']]],
  ['maximum lowered', { n: { type: 'integer', default: 1, minimum: 1, maximum: 10 } }, { n: { type: 'integer', default: 1, minimum: 1, maximum: 5 } }, [['service.n', 10]]],
  ['draft-04 exclusiveMinimum turned on', { n: { type: 'integer', default: 5, minimum: 1 } }, { n: { type: 'integer', default: 5, minimum: 1, exclusiveMinimum: true } }, [['service.n', 1]]],
  ['maxLength lowered', { name: { type: 'string', default: 'web', maxLength: 8 } }, { name: { type: 'string', default: 'web', maxLength: 4 } }, [['service.name', 'webwebwe']]],
  ['minLength raised', { name: { type: 'string', default: 'web', minLength: 1 } }, { name: { type: 'string', default: 'web', minLength: 2 } }, [['service.name', 'a'], ['service.name', 'w']]],
  ['a pattern added', { name: { type: 'string', default: 'web' } }, { name: { type: 'string', default: 'web', pattern: '^[a-z]+$' } }, [['service.name', '']]],
  ['array items narrowed', { tags: { type: 'array', items: { enum: ['x', 'y'] }, default: [] } }, { tags: { type: 'array', items: { enum: ['x'] }, default: [] } }, [['service.tags', ['y']]]],
  ['maxItems lowered', { tags: { type: 'array', items: { type: 'string', default: 't' }, maxItems: 3, default: [] } }, { tags: { type: 'array', items: { type: 'string' }, maxItems: 2, default: [] } }, [['service.tags', ['t', 't', 't']]]],
  ['uniqueItems turned on', { tags: { type: 'array', items: { type: 'string', default: 't' }, minItems: 2, default: ['a', 'b'] } }, { tags: { type: 'array', items: { type: 'string' }, minItems: 2, uniqueItems: true, default: ['a', 'b'] } }, [['service.tags', ['t', 't']]]],
  ['a boolean became a string', { on: { type: 'boolean', default: false } }, { on: { type: 'string', default: 'no' } }, [['service.on', false], ['service.on', true]]],
];

for (const [name, before, after, expected] of CASES) {
  test(`broken-options: ${name}`, () => {
    const r = brokenOptions(service(before), service(after));
    assert.deepEqual(r.options.map((b) => [b.option, b.value]), expected);
    for (const b of r.options) assert.match(b.message, /^[A-Z][^\n]*[^.]$/);
  });
}

test('broken-options: a removed option fails only where undeclared options are rejected', () => {
  const old = service({ name: { type: 'string', default: 'web' }, port: { type: 'integer', default: 80 }, debug: { type: 'boolean' } });
  const open = service({ name: { type: 'string', default: 'web' } });
  const closed = service({ name: { type: 'string', default: 'web' } }, { additionalProperties: false });
  assert.deepEqual(pairs(old, open), []);
  // The old default of port is in every stored option document; debug only when a user set it.
  assert.deepEqual(pairs(old, closed), [['service.debug', false], ['service.debug', true], ['service.port', 80]]);
  assert.match(brokenOptions(old, closed).options[2]!.message, /unknown option 'service\.port'/i);
});

test('broken-options: a new required option breaks unless the new defaults provide it', () => {
  const old = service({ name: { type: 'string', default: 'web' } });
  const withDefault = service({ name: { type: 'string', default: 'web' }, user: { type: 'string', default: 'nobody' } }, { required: ['user'] });
  const without = service({ name: { type: 'string', default: 'web' }, user: { type: 'string' } }, { required: ['user'] });
  assert.deepEqual(pairs(old, withDefault), []);
  const r = brokenOptions(old, without);
  assert.deepEqual(r.options, [{ option: 'service.user', value: undefined, message: "Required option 'service.user' is missing" }]);
});

test('broken-options: a changed default the new schema rejects breaks those who stored the old one', () => {
  const old = service({ level: { enum: ['INFO', 'WARN'], default: 'WARN' } });
  const next = service({ level: { enum: ['INFO', 'WARNING'], default: 'WARNING' } });
  assert.deepEqual(pairs(old, next), [['service.level', 'WARN']]);
});

test('broken-options: a new config.json the validator cannot use is one problem, reported once', () => {
  const old = service({ mode: { enum: ['a', 'b'], default: 'a' } });
  const r = brokenOptions(old, { ...old, $ref: '#/definitions/missing' });
  assert.equal(r.options.length, 1);
  assert.deepEqual([r.options[0]!.option, r.options[0]!.value], ['', undefined]);
  assert.match(r.options[0]!.message, /^config\.json cannot be used/);
});

test('broken-options: old defaults that need a user value are completed before sampling', () => {
  const old = service({ secret: { type: 'string', minLength: 1 }, mode: { enum: ['a', 'b'], default: 'a' } }, { required: ['secret'] });
  const next = service({ secret: { type: 'string', minLength: 1 }, mode: { enum: ['a'], default: 'a' } }, { required: ['secret'] });
  const r = brokenOptions(old, next);
  assert.deepEqual(r.options.map((b) => [b.option, b.value]), [['service.mode', 'b']]);
  // A default the old schema itself rejects is replaced by a value it accepts.
  const buggy = service({ partitions: { type: 'number', default: '3' }, mode: { enum: ['a', 'b'], default: 'a' } });
  const fixed = service({ partitions: { type: 'number', default: 3 }, mode: { enum: ['a'], default: 'a' } });
  assert.deepEqual(pairs(buggy, fixed), [['service.mode', 'b']]);
  // Nothing can complete them: no samples, nothing reported.
  const impossible = { type: 'object', properties: { a: { type: 'string', enum: [] } }, required: ['a'] };
  assert.deepEqual(brokenOptions(impossible, {}), { options: [], truncated: 0, samples: 0, partial: false });
});

test('broken-options: results are capped, sorted and deterministic; samples are bounded', () => {
  const props = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`o${String(i).padStart(2, '0')}`, { enum: ['a', 'b', 'c'], default: 'a' }]));
  const narrowed = Object.fromEntries(Object.keys(props).map((k) => [k, { enum: ['a'], default: 'a' }]));
  const r = brokenOptions(service(props), service(narrowed), { maxResults: 10 });
  assert.equal(r.options.length, 10);
  assert.equal(r.truncated, 70);
  const keys = r.options.map((b) => `${b.option}=${JSON.stringify(b.value)}`);
  assert.deepEqual(keys.slice(0, 3), ['service.o00="b"', 'service.o00="c"', 'service.o01="b"']);
  assert.deepEqual(keys, [...keys].sort());
  assert.deepEqual(brokenOptions(service(props), service(narrowed), { maxResults: 10 }), r);
  const few = brokenOptions(service(props), service(narrowed), { maxSamples: 20 });
  assert.equal(few.partial, true);
  assert.ok(few.samples <= 20);
  // Round robin: every option got its first value tried before any got a second.
  assert.ok(few.options.every((b) => b.value === 'b'));
});

test('broken-options: garbage, cyclic and huge inputs never throw', () => {
  const garbage: unknown[] = [null, 1, 'x', [], {}, { properties: 5 }, { properties: { a: 'x' } }, { type: 'object', required: 'a' }, { properties: { a: { enum: 'x', minimum: 'y', items: 3 } } }, { $ref: '#/nope' }, { properties: { a: { pattern: '(' } } }];
  for (const a of garbage) for (const b of garbage) assert.ok(Array.isArray(brokenOptions(a, b).options));
  const cyclic: Record<string, unknown> = { type: 'object' };
  cyclic.properties = { self: cyclic };
  assert.deepEqual(brokenOptions(cyclic, cyclic).options, []);
  const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p${i}`, { type: 'integer', default: 1, maximum: 9 }])) };
  const r = brokenOptions(wide, { ...wide, properties: { ...wide.properties, p0: { type: 'integer', default: 1, maximum: 2 } } });
  assert.ok(r.samples <= 300);
  // The option whose schema changed is sampled first, however many others there are.
  assert.deepEqual(r.options.map((b) => [b.option, b.value]), [['p0', 9]]);
  // Untrusted option names stay data.
  const proto = JSON.parse('{"properties":{"__proto__":{"enum":["a","b"],"default":"a"}}}');
  const protoNext = JSON.parse('{"properties":{"__proto__":{"enum":["a"],"default":"a"}}}');
  assert.deepEqual(pairs(proto, protoNext), [['__proto__', 'b']]);
  assert.equal(({} as Record<string, unknown>).enum, undefined);
});

test('corpus: sampling consecutive config.json revisions never throws, stays bounded and finds nothing between equal schemas', (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const root = path.join(CORPUS_DIR, 'universe-sample', 'packages');
  let pairsSeen = 0;
  let broken = 0;
  for (const letter of fs.readdirSync(root).sort()) {
    for (const name of fs.readdirSync(path.join(root, letter)).sort()) {
      const dir = path.join(root, letter, name);
      const revisions = fs.readdirSync(dir).filter((r) => /^\d+$/.test(r)).sort((a, b) => Number(a) - Number(b));
      const configs = revisions.map((r) => path.join(dir, r, 'config.json')).filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as unknown);
      for (let i = 1; i < configs.length; i++) {
        pairsSeen++;
        const r = brokenOptions(configs[i - 1], configs[i]);
        assert.ok(r.samples <= 300 && r.options.length <= 50, name);
        const keys = r.options.map((b) => b.option);
        assert.deepEqual(keys, [...keys].sort(), `${name}: sorted`);
        broken += r.options.length;
      }
      if (configs.length > 0) assert.deepEqual(brokenOptions(configs.at(-1), structuredClone(configs.at(-1))).options, [], `${name}: equal schemas`);
    }
  }
  assert.ok(pairsSeen > 200);
  assert.ok(broken > 0, 'the sample universe has real breaking upgrades (kibana.mem became an integer)');
});
