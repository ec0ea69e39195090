import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPretty, PRETTY_LIMIT_PER_FOLDER } from '../../scripts/cli/reporters/pretty.js';
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

test('pretty: findings of one rule in one folder beyond the limit are counted in one line; other folders keep their own count', () => {
  const a = Array.from({ length: 1000 }, (_, i) => stray('packages/A/ab/0', i));
  const b = Array.from({ length: 3 }, (_, i) => stray('packages/B/bc/0', i));
  const out = formatPretty([...a, ...b], summary(1003), { color: false, prefix: '' });
  assert.equal(out.split('\n').filter((l) => l.includes('layout-stray-file') && !l.startsWith('…')).length, PRETTY_LIMIT_PER_FOLDER + 3);
  assert.match(out, new RegExp(`… and ${(1000 - PRETTY_LIMIT_PER_FOLDER).toLocaleString('en-US')} more layout-stray-file in packages/A/ab/0/ \\(--format json lists every finding\\)`));
  assert.doesNotMatch(out, /more layout-stray-file in packages\/B/);
  assert.match(out, /0 errors, 1003 warnings/);
});

test('pretty: at the limit nothing is counted away', () => {
  const out = formatPretty(Array.from({ length: PRETTY_LIMIT_PER_FOLDER }, (_, i) => stray('x', i)), summary(PRETTY_LIMIT_PER_FOLDER), { color: false, prefix: '' });
  assert.doesNotMatch(out, /… and/);
});
