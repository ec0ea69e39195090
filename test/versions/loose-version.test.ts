import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { compareLooseVersions, parseLooseVersion } from '../../scripts/lib/versions/loose-version.js';
import { DCOS_VERSIONS } from '../../scripts/lib/schema/dcos-media.js';
import { pythonOrSkip } from '../corpus/dcos-helpers.js';

/** (a, b, the order Python's LooseVersion gives: -1 for a < b, 0, 1), each checked both ways. */
const ORDER: Array<[string, string, -1 | 0 | 1]> = [
  // A shorter prefix is smaller: 1.8 is not 1.8.0.
  ['1.8', '1.8.0', -1],
  ['1.10.0', '1.10', 1],
  ['1.13', '1.13.1', -1],
  ['2', '2.0', -1],
  ['1', '1.8', -1],
  // Numbers compare as numbers, not as decimals or text.
  ['1.8', '1.10', -1],
  ['1.9', '1.10', -1],
  ['1.10', '1.11', -1],
  ['1.12', '1.13', -1],
  ['10', '9', 1],
  ['2.0', '1.13.1', 1],
  ['1.13.1', '2', -1],
  ['0.0', '1.8', -1],
  ['1.07', '1.7', 0],
  ['1..8', '1.8', 0],
  ['1.8', '1.8', 0],
  ['99999999999999999999', '99999999999999999998', 1],
  ['1.9007199254740993', '1.9007199254740992', 1],
  ['1.9007199254740993', '1.999999999999999', 1],
  ['1.999999999999999', '1.1000000000000000', -1],
  // A suffix makes a version larger: no pre-release semantics.
  ['1.8-dev', '1.8', 1],
  ['1.9-dev', '1.9', 1],
  ['1.9-dev', '1.10', -1],
  ['1.8', '1.8.dev', -1],
  ['1.0rc1', '1.0', 1],
  ['1.0rc1', '1.0rc2', -1],
  ['1.0a', '1.0b', -1],
  // Only lowercase letters form their own parts; other text (`-`, `RC`) is a part of its own, by code point.
  ['1.0RC1', '1.0rc1', -1],
  ['1.0-RC1', '1.0-rc1', 1],
  ['1.0b', '1.0-b', 1],
  ['1.0+', '1.0-', -1],
  // Python's \d is any decimal digit: ١٠ is 10.
  ['1.\u0661\u0660', '1.9', 1],
  ['1.\u0661\u0660', '1.10', 0],
];

test('LooseVersion order: the edge cases, as Python answers them', () => {
  for (const [a, b, want] of ORDER) {
    assert.equal(compareLooseVersions(a, b), want, `${a} vs ${b}`);
    assert.equal(compareLooseVersions(b, a), 0 - want, `${b} vs ${a}`);
  }
});

test('LooseVersion parts: number runs, lowercase runs and the text between, dots dropped', () => {
  const table: Array<[string, Array<number | bigint | string>]> = [
    ['1.10', [1, 10]],
    ['1.9-dev', [1, 9, '-', 'dev']],
    ['1.0-RC1', [1, 0, '-RC', 1]],
    ['2.2beta29', [2, 2, 'beta', 29]],
    ['1..8', [1, 8]],
    ['007', [7]],
    ['1.\u0661\u0660', [1, 10]],
    ['1.1234567890123456', [1, 1234567890123456n]],
    ['', []],
    ['.', []],
  ];
  for (const [v, parts] of table) assert.deepEqual(parseLooseVersion(v), parts, v);
});

test('LooseVersion: where Python 3 raises (a number meets text), a number sorts first', () => {
  // Python: TypeError: '<' not supported between instances of 'str' and 'int'.
  assert.equal(compareLooseVersions('1.x', '1.8'), 1);
  assert.equal(compareLooseVersions('1.8-dev', '1.8.0'), 1);
  assert.equal(compareLooseVersions('latest', '2.0'), 1);
  assert.equal(compareLooseVersions('v1', '0'), 1);
  assert.equal(compareLooseVersions('', '0'), -1, 'empty is the smallest');
});

test('LooseVersion sorts the DC/OS versions in the order the DC/OS build writes them', () => {
  const shuffled = [...DCOS_VERSIONS].reverse();
  assert.deepEqual(shuffled.sort(compareLooseVersions), [...DCOS_VERSIONS]);
});

/** Every version of the table, plus DC/OS versions with patches and suffixes. */
const VERSIONS = [
  ...new Set([
    ...ORDER.flatMap(([a, b]) => [a, b]),
    ...DCOS_VERSIONS,
    ...['0', '1.7', '1.8.8', '1.11.0', '1.12.0-rc1', '1.12-dev', '2.0.0', '2.1', '1.0.0a', '1.0.0-a', 'a', 'A', '-', '1.2.3.4', '1.x', 'latest', '1.0\u{1F600}', '1.0\uFF01'],
  ]),
];

test('LooseVersion agrees with the real Python LooseVersion on every pair (skips without Python)', (t) => {
  const py = pythonOrSkip();
  if ('skip' in py) return t.skip(py.skip);
  if ('fail' in py) assert.fail(py.fail);
  const script = [
    'import json, sys, warnings',
    "warnings.simplefilter('ignore')",
    'from distutils.version import LooseVersion as L',
    'vs = json.load(sys.stdin)',
    'out = []',
    'for a in vs:',
    '  for b in vs:',
    '    try:',
    '      x, y = L(a), L(b)',
    '      out.append(-1 if x < y else 1 if x > y else 0)',
    '    except (TypeError, AttributeError):',
    '      out.append(None)',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync(py.python, ['-c', script], { input: JSON.stringify(VERSIONS), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const answers = JSON.parse(r.stdout) as Array<-1 | 0 | 1 | null>;
  let k = 0;
  let raised = 0;
  for (const a of VERSIONS) {
    for (const b of VERSIONS) {
      const want = answers[k++];
      const got = compareLooseVersions(a, b);
      if (want === null) {
        // Python raised: at the first difference a number meets text (or a version is empty).
        raised++;
        const pa = parseLooseVersion(a);
        const pb = parseLooseVersion(b);
        const i = pa.findIndex((p, j) => p !== pb[j]);
        assert.ok(a === '' || b === '' || (i >= 0 && i < pb.length && typeof pa[i] !== typeof pb[i]), `${a} vs ${b}: Python raised`);
      } else assert.equal(got, want, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  }
  assert.ok(raised > 0 && raised < answers.length / 2);
});

test('LooseVersion is a total order: antisymmetric and transitive over the versions', () => {
  const sorted = [...VERSIONS].sort(compareLooseVersions);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i; j < sorted.length; j++) {
      assert.ok(compareLooseVersions(sorted[i]!, sorted[j]!) <= 0, `${sorted[i]} <= ${sorted[j]}`);
      assert.equal(compareLooseVersions(sorted[j]!, sorted[i]!), 0 - compareLooseVersions(sorted[i]!, sorted[j]!));
    }
  }
});
