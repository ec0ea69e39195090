/**
 * Property: for random changes that add packages to a universe (whose published packages carry
 * legacy defects of their own), every error that `validate --policy new` gives in what the change
 * added is also an error of `universe check` on that change. Seeded, so a failure reproduces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { TestRepo } from '../helpers/git.js';
import { random } from '../helpers/random.js';
import { added, BASE, CASES, LEGACY, type Files } from './broken-revisions.js';

/** Names for added packages: none starts with a letter a case moves folders to. */
const NAMES = ['gizmo', 'doohickey', 'thingamajig', 'contraption', 'widgetry', 'kit'];
const VERSIONS = [...LEGACY, '6.0'];
const ITERATIONS = 24;

test(`property: check reports every error validate --policy new finds in an addition (${ITERATIONS} random changes)`, async () => {
  let total = 0;
  for (let seed = 1; seed <= ITERATIONS; seed++) {
    const rnd = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    // A published package with a legacy defect: check must not blame the change for it.
    const published: Files = { ...pick(CASES.slice(0, 8)).files('legacy') };
    const repo = await TestRepo.create({ ...BASE, ...published } as Record<string, MemoryFile>);
    try {
      const base = await repo.resolve();
      const change: Files = {};
      const names = NAMES.filter(() => rnd() < 0.5).slice(0, 3);
      if (names.length === 0) names.push(pick(NAMES));
      for (const n of names) {
        Object.assign(change, added(n, pick(VERSIONS)));
        // Zero to two defects, laid over each other (a later one may replace an earlier file).
        const defects = Math.floor(rnd() * 3);
        for (let i = 0; i < defects; i++) Object.assign(change, pick(CASES).files(n));
      }
      repo.write(change);
      const head = await repo.commit(`seed ${seed}`);
      const report = await repo.check({ base, head });
      const checkErrors = new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file} ${d.pointer}`));
      const roots = [...new Set(Object.keys(change).map((f) => f.split('/').slice(0, 3).join('/')))];
      const under = (file: string): boolean => roots.some((r) => file === r || file.startsWith(`${r}/`) || r.startsWith(`${file}/`));
      const validated = await validateSnapshot(new WorktreeSnapshot(repo.repoDir), undefined, { policy: 'new' });
      let compared = 0;
      for (const d of validated.diagnostics) {
        if (d.severity !== 'error' || !under(d.file)) continue;
        compared++;
        assert.ok(checkErrors.has(`${d.code} ${d.file} ${d.pointer}`), `seed ${seed}: validate --policy new reports ${d.code} on ${d.file} ${d.pointer}; check reports ${[...checkErrors].join(', ')}`);
      }
      total += compared;
    } finally {
      repo.remove();
    }
  }
  // The random changes did carry defects: the property was exercised, not vacuously true.
  assert.ok(total >= ITERATIONS, `only ${total} errors compared`);
});
