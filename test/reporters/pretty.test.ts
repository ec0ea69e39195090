import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPrettyReport } from '../../scripts/cli/reporters/pretty.js';
import type { Diagnostic, Summary } from '../../scripts/lib/diagnostics/types.js';

const stray = (folder: string, i: number): Diagnostic => ({
  code: 'layout-stray-file',
  severity: 'warning',
  message: 'stray',
  file: `${folder}/junk-${String(i).padStart(6, '0')}`,
  pointer: '',
  line: 1,
  column: 1,
});
const summary = (n: number): Summary => ({ errors: 0, warnings: n, infos: 0, packages: 1, revisions: 1, files: 1 });
/** How many findings of one rule in one folder are printed before the rest are counted. */
const LIMIT = 50;
const pretty = (diagnostics: Diagnostic[], s: Summary): string => formatPrettyReport({ diagnostics, summary: s, change: undefined }, { color: false, prefix: '' });

test('pretty: findings of one rule in one folder beyond the limit are counted in one line; other folders keep their own count', () => {
  const a = Array.from({ length: 1000 }, (_, i) => stray('packages/A/ab/0', i));
  const b = Array.from({ length: 3 }, (_, i) => stray('packages/B/bc/0', i));
  const out = pretty([...a, ...b], summary(1003));
  assert.equal(out.split('\n').filter((l) => l.includes('layout-stray-file') && !l.startsWith('…')).length, LIMIT + 3);
  assert.match(out, new RegExp(`… and ${(1000 - LIMIT).toLocaleString('en-US')} more layout-stray-file in packages/A/ab/0/ \\(--format json lists every finding\\)`));
  assert.doesNotMatch(out, /more layout-stray-file in packages\/B/);
  assert.match(out, /0 errors, 1003 warnings/);
});

test('pretty: at the limit nothing is counted away', () => {
  const out = pretty(Array.from({ length: LIMIT }, (_, i) => stray('x', i)), summary(LIMIT));
  assert.doesNotMatch(out, /… and/);
});
