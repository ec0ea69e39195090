import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Candidates, suggest } from '../../scripts/lib/render/closest.js';
import { random } from '../helpers/random.js';

/** Plain optimal-string-alignment distance: the full table, no trimming, no band, no cut-off. */
function osa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The specification of a hint, computed the slow way over sorted distinct paths. */
function reference(name: string, candidates: readonly string[]): string | undefined {
  const paths = [...new Set(candidates)].sort();
  const leaf = (s: string): string => s.slice(s.lastIndexOf('.') + 1);
  const closest = (target: string, key: (p: string) => string): string[] => {
    const limit = Math.min(3, Math.max(1, Math.floor(target.length / 3)));
    const scored = paths.filter((p) => p !== name).map((p) => [p, osa(target, key(p))] as const);
    const min = Math.min(...scored.map(([, d]) => d));
    return min > limit ? [] : scored.filter(([, d]) => d === min).map(([p]) => p);
  };
  const whole = closest(name, (p) => p);
  if (whole.length > 0) return whole[0];
  if (leaf(name).length < 8) return undefined;
  const byLeaf = closest(leaf(name), leaf);
  return byLeaf.length === 1 ? byLeaf[0] : undefined;
}

const WORDS = ['service', 'name', 'cpus', 'mem', 'security', 'kerberos', 'krb5conf', 'enabled', 'node', 'nodes', 'count', 'user', 'principal', 'virtual_network', 'tls', 'disk', 'placement', 'constraint'];

test('suggest finds the closest path as the plain definition does, over one group or a base group and extras', () => {
  const next = random(3);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  const path = (): string => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(WORDS)).join('.');
  const typo = (s: string): string => {
    const i = Math.floor(next() * s.length);
    const r = next();
    if (r < 0.25) return s.slice(0, i) + s.slice(i + 1);
    if (r < 0.5) return s.slice(0, i) + 'x' + s.slice(i);
    if (r < 0.75 && i + 1 < s.length) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    return s.slice(0, i) + 'q' + s.slice(i + 1);
  };
  let hints = 0;
  for (let i = 0; i < 300; i++) {
    const base = Array.from({ length: 5 + Math.floor(next() * 30) }, path);
    const extra = Array.from({ length: Math.floor(next() * 6) }, () => (next() < 0.3 ? pick(base) : path()));
    const root = new Candidates(base);
    const groups = [root, new Candidates(extra, root)];
    for (let j = 0; j < 10; j++) {
      const name = next() < 0.8 ? typo(typo(pick([...base, ...extra]))) : path();
      const expected = reference(name, [...base, ...extra]);
      if (expected !== undefined) hints++;
      assert.equal(suggest(name, groups), expected, name);
      assert.equal(suggest(name, [new Candidates([...base, ...extra])]), expected, name);
    }
  }
  assert.ok(hints > 700, `only ${hints} hints`);
});

test('ties go to the alphabetically first path; a last segment only counts when one path stands out', () => {
  assert.equal(suggest('svc.cpu', [new Candidates(['svc.cpus', 'svc.cpux'])]), 'svc.cpus');
  assert.equal(suggest('security.kerberos.krb5conf', [new Candidates(['service.kerberos.krb5conf', 'other.x'])]), 'service.kerberos.krb5conf');
  assert.equal(suggest('security.kerberos.krb5conf', [new Candidates(['a.b.krb5conf', 'c.d.krb5conf'])]), undefined);
  assert.equal(suggest('nothing', [new Candidates(['service.name'])]), undefined);
});
