import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveLayers, type Layer, type Resolution } from '../../scripts/lib/layers/resolve.js';
import { nameMatcher } from '../../scripts/lib/schema/name-patterns.js';
import { random } from '../helpers/random.js';

/** An available layer with the given names (and options). */
function layer(name: string, names: string[], opts: Omit<Layer, 'name' | 'offer'> = {}): Layer {
  return { name, ...opts, offer: { available: true, names: new Set(names) } };
}

/** An unavailable layer. */
function down(name: string, opts: Omit<Layer, 'name' | 'offer'> = {}): Layer {
  return { name, ...opts, offer: { available: false, error: 'connection refused' } };
}

/** The resolutions as [name, status, deciding layer, shadowed], the way the tables below read. */
function brief(rs: Resolution[]): Array<[string, string, string, string]> {
  return rs.map((r) => [r.name, r.status, r.layer ?? r.stoppedAt ?? r.waitingOn ?? '-', r.shadowed.join(',')]);
}

function one(layers: Layer[], name: string): Resolution {
  const r = resolveLayers(layers).find((x) => x.name === name);
  assert.ok(r, `${name} is resolved`);
  return r;
}

test('the first layer that has a name wins; lower copies are shadowed; output sorted by name', () => {
  const rs = resolveLayers([layer('local', ['zeta', 'acme-db']), layer('staging', ['acme-db', 'kafka']), layer('public', ['kafka', 'acme-db', 'spark'])]);
  assert.deepEqual(brief(rs), [
    ['acme-db', 'resolved', 'local', 'staging,public'],
    ['kafka', 'resolved', 'staging', 'public'],
    ['spark', 'resolved', 'public', ''],
    ['zeta', 'resolved', 'local', ''],
  ]);
  assert.equal(rs[0]!.reason, 'local is the first layer that offers it');
  assert.equal(rs[2]!.reason, 'public is the first layer that offers it (local and staging do not have it)');
});

test('include and exclude: a layer offers only what its filter lets through, and a filtered copy is not shadowing', () => {
  const layers = [
    layer('local', ['app']),
    layer('staging', ['acme-db', 'acme-web', 'kafka', 'app'], { include: ['acme-*'], exclude: ['acme-web'] }),
    layer('public', ['acme-web', 'kafka', 'legacy'], { exclude: ['legacy'] }),
  ];
  assert.deepEqual(brief(resolveLayers(layers)), [
    ['acme-db', 'resolved', 'staging', ''],
    ['acme-web', 'resolved', 'public', ''],
    ['app', 'resolved', 'local', ''],
    ['kafka', 'resolved', 'public', ''],
    ['legacy', 'unresolved', '-', ''],
  ]);
  assert.equal(one(layers, 'kafka').reason, 'public is the first layer that offers it (local does not have it; staging leaves it out)');
  assert.equal(one(layers, 'legacy').reason, 'no layer offers it: public has it but its filter leaves it out');
  assert.deepEqual(brief(resolveLayers([layer('local', []), layer('a', ['x'], { include: [] })])), [['x', 'unresolved', '-', '']], 'an empty include offers nothing');
  assert.deepEqual(brief(resolveLayers([layer('local', []), layer('a', ['x-1', 'y'], { include: ['{x,z}-?'] })])), [
    ['x-1', 'resolved', 'a', ''],
    ['y', 'unresolved', '-', ''],
  ]);
});

test('terminating on local: names this universe owns never come from an upstream, even when it lacks them', () => {
  const layers = [layer('local', ['acme-db'], { terminating: ['acme-*', 'internal'] }), layer('staging', ['acme-db', 'acme-cache', 'internal', 'kafka'])];
  assert.deepEqual(brief(resolveLayers(layers)), [
    ['acme-cache', 'unresolved', 'local', 'staging'],
    ['acme-db', 'resolved', 'local', 'staging'],
    ['internal', 'unresolved', 'local', 'staging'],
    ['kafka', 'resolved', 'staging', ''],
  ]);
  assert.equal(one(layers, 'acme-cache').reason, "local terminates it (pattern 'acme-*') and does not have it, so it never falls through");
  assert.equal(one(layers, 'internal').reason, "local terminates it (pattern 'internal') and does not have it, so it never falls through");
});

test('terminating on an upstream: stops there, whether the upstream lacks the name or filters it out', () => {
  const layers = [
    layer('local', ['app']),
    layer('staging', ['acme-web'], { terminating: ['acme-*'], exclude: ['acme-web'] }),
    layer('public', ['acme-web', 'acme-db', 'app', 'kafka']),
  ];
  assert.deepEqual(brief(resolveLayers(layers)), [
    ['acme-db', 'unresolved', 'staging', 'public'],
    ['acme-web', 'unresolved', 'staging', 'public'],
    ['app', 'resolved', 'local', 'public'],
    ['kafka', 'resolved', 'public', ''],
  ]);
  assert.equal(one(layers, 'acme-db').reason, "staging terminates it (pattern 'acme-*') and does not have it, so it never falls through (local does not have it)");
  assert.equal(one(layers, 'acme-web').reason, "staging terminates it (pattern 'acme-*') and its filter leaves it out, so it never falls through (local does not have it)");
  // A terminating layer that has the name resolves it like any other.
  assert.deepEqual(brief(resolveLayers([layer('local', []), layer('s', ['acme-x'], { terminating: ['acme-*'] }), layer('p', ['acme-x'])])), [['acme-x', 'resolved', 's', 'p']]);
});

test('an unavailable upstream above the layer that has a name: undecided, never resolved below it', () => {
  const layers = [layer('local', ['own']), down('staging'), layer('public', ['kafka', 'own'])];
  assert.deepEqual(brief(resolveLayers(layers)), [
    ['kafka', 'undecided', 'staging', 'public'],
    ['own', 'resolved', 'local', 'public'],
  ]);
  assert.equal(one(layers, 'kafka').reason, 'staging is unavailable and may offer it, so the layers below are not asked (local does not have it)');
});

test('an unavailable upstream below the layer that has a name does not matter', () => {
  const layers = [layer('local', ['own']), layer('staging', ['kafka']), down('public')];
  assert.deepEqual(brief(resolveLayers(layers)), [
    ['kafka', 'resolved', 'staging', ''],
    ['own', 'resolved', 'local', ''],
  ]);
});

test('an unavailable upstream whose filter leaves the name out cannot offer it, so it does not hold the name up', () => {
  const layers = [layer('local', []), down('staging', { include: ['acme-*'] }), layer('public', ['kafka', 'acme-db'])];
  assert.deepEqual(brief(resolveLayers(layers)), [
    ['acme-db', 'undecided', 'staging', 'public'],
    ['kafka', 'resolved', 'public', ''],
  ]);
  assert.equal(one(layers, 'kafka').reason, 'public is the first layer that offers it (local does not have it; staging is unavailable but would leave it out)');
  // Terminating still applies to what its filter leaves out: decided without its contents.
  const t = [layer('local', []), down('staging', { exclude: ['acme-web'], terminating: ['acme-*'] }), layer('public', ['acme-web'])];
  assert.deepEqual(brief(resolveLayers(t)), [['acme-web', 'unresolved', 'staging', 'public']]);
  // Terminating on local decides before an unavailable upstream is needed.
  assert.deepEqual(brief(resolveLayers([layer('local', [], { terminating: ['acme-*'] }), down('staging'), layer('public', ['acme-db'])])), [['acme-db', 'unresolved', 'local', 'public']]);
});

test('names only an unavailable layer could have are not listed (nobody can name them)', () => {
  assert.deepEqual(resolveLayers([layer('local', []), down('staging')]), []);
  assert.deepEqual(resolveLayers([]), []);
});

test('tens of thousands of names over several layers', () => {
  const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  const layers = [
    layer('local', names('pkg', 5_000), { terminating: ['acme-*'] }),
    layer('staging', [...names('pkg', 20_000), ...names('acme', 1_000)], { include: ['pkg-*', 'acme-*'], exclude: ['pkg-1????'] }),
    layer('public', names('pkg', 40_000)),
  ];
  const rs = resolveLayers(layers);
  assert.equal(rs.length, 41_000);
  const count = (s: string, l?: string): number => rs.filter((r) => r.status === s && (l === undefined || r.layer === l)).length;
  assert.equal(count('resolved', 'local'), 5_000);
  assert.equal(count('resolved', 'staging'), 5_000, 'pkg-5000 … pkg-9999: pkg-10000 … pkg-19999 are excluded there');
  assert.equal(count('resolved', 'public'), 30_000);
  assert.equal(count('unresolved'), 1_000);
});

test('property: a lower layer publishing a name a higher layer terminates never changes its resolution (1,000 seeded trials)', () => {
  const seed = 0x5eed1a7e;
  const next = random(seed);
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const candidates = ['acme', 'corp', 'lib'].flatMap((p) => [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `${p}-${n}`));
  const trials = 1_000;
  let checks = 0;
  let changes = 0;
  let first: string | undefined;
  for (let trial = 0; trial < trials; trial++) {
    const count = 2 + int(4);
    // Each layer publishes some names at some versions; some terminate a pattern, filter, or are down.
    const versions: Array<Map<string, number>> = [];
    const layers: Layer[] = [];
    for (let i = 0; i < count; i++) {
      const published = new Map<string, number>();
      for (let k = int(12); k > 0; k--) published.set(pick(candidates), 1 + int(5));
      versions.push(published);
      const l: Layer = {
        name: i === 0 ? 'local' : `up-${i}`,
        terminating: next() < 0.6 ? [pick(['acme-*', 'corp-?', 'lib-{1,2}', 'acme-3', '*-[0-3]'])] : [],
        offer: i > 0 && next() < 0.2 ? { available: false, error: 'down' } : { available: true, names: new Set(published.keys()) },
      };
      if (next() < 0.3) l.exclude = [`lib-${int(8)}`];
      if (next() < 0.2) l.include = ['acme-*', 'corp-*'];
      layers.push(l);
    }
    const terminated = layers.map((l) => new Set(candidates.filter(nameMatcher(l.terminating ?? []))));
    // The attack: every lower available layer publishes every name a higher layer terminates, at a higher version.
    const attackedVersions = versions.map((m) => new Map(m));
    const attacked = layers.map((l, j): Layer => {
      if (!l.offer.available) return l;
      const names = new Set(l.offer.names);
      for (let i = 0; i < j; i++) {
        for (const n of terminated[i]!) {
          names.add(n);
          attackedVersions[j]!.set(n, 100 + (versions[j]!.get(n) ?? 0));
        }
      }
      return { ...l, offer: { available: true, names } };
    });
    const before = new Map(resolveLayers(layers).map((r) => [r.name, r]));
    const after = new Map(resolveLayers(attacked).map((r) => [r.name, r]));
    const index = (r: Resolution | undefined): number => layers.findIndex((l) => l.name === r?.layer);
    // Where a name comes from: a layer and the version it publishes, or how it stays undecided or unresolved.
    const source = (r: Resolution, vs: Array<Map<string, number>>): string =>
      r.status === 'resolved' ? `${r.layer}@${vs[index(r)]!.get(r.name)}` : `${r.status} at ${r.stoppedAt ?? r.waitingOn ?? 'no layer'}`;
    for (const n of candidates) {
      const top = terminated.findIndex((t) => t.has(n));
      if (top < 0) continue;
      checks++;
      const was = before.get(n);
      const now = after.get(n);
      let change: string | undefined;
      if (was) {
        // Some layer had it before: exactly the same outcome.
        if (!now || source(was, versions) !== source(now, attackedVersions)) change = `${source(was, versions)} before, ${now ? source(now, attackedVersions) : 'absent'} after`;
      } else if (now) {
        // Nobody had it: now only the attacking layers have it, and the name must still stop at or above the terminating layer.
        const decidedAt = layers.findIndex((l) => l.name === (now.stoppedAt ?? now.waitingOn));
        if (now.status === 'resolved' || decidedAt < 0 || decidedAt > top) change = `absent before, ${source(now, attackedVersions)} after`;
      }
      if (change) {
        changes++;
        first ??= `trial ${trial}: ${n}, terminated by ${layers[top]!.name}: ${change}`;
      }
    }
  }
  assert.equal(changes, 0, `seed ${seed}: ${changes} change(s) in ${checks} checks over ${trials} trials; first: ${first}`);
  assert.ok(checks > trials, `the trials exercised terminating names (${checks} checks)`);
});
