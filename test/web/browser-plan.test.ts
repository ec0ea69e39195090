/**
 * Whether the web catalogue's browser test runs, is skipped or fails: skipped with one line on a
 * developer's machine without Chromium (or with UNIVERSE_SKIP_BROWSER=1), a failure under CI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { CHROMIUM, browserPlan, isCi } from './browser.js';

const MISSING = '/nonexistent/universe-test/chromium';
const none = (): boolean => false;
const all = (): boolean => true;

test('browser plan: runs Debian Chromium, or UNIVERSE_CHROMIUM, when it exists', () => {
  assert.deepEqual(browserPlan({}, all), { run: true, executable: CHROMIUM });
  assert.deepEqual(browserPlan({ UNIVERSE_CHROMIUM: '/opt/chromium/chrome', CI: 'true' }, (f) => f === '/opt/chromium/chrome'), { run: true, executable: '/opt/chromium/chrome' });
});

test('browser plan: without a browser a developer gets a skip that says how to run it', () => {
  const plan = browserPlan({ UNIVERSE_CHROMIUM: MISSING }, none);
  assert.ok('skip' in plan);
  assert.match(plan.skip, /apt-get install chromium/);
  assert.match(plan.skip, /bash \.ci\/run/);
  assert.doesNotMatch(plan.skip, /\n/);
});

test('browser plan: under CI a missing browser is a failure, and UNIVERSE_SKIP_BROWSER does not change that', () => {
  for (const env of [{ CI: 'true' }, { CI: '1', UNIVERSE_SKIP_BROWSER: '1' }]) {
    const plan = browserPlan(env, none);
    assert.ok('fail' in plan, JSON.stringify(env));
    assert.match(plan.fail, /apt-get install chromium/);
  }
  // The opt-out is for developers: under CI the test runs when the browser is there.
  assert.deepEqual(browserPlan({ CI: 'true', UNIVERSE_SKIP_BROWSER: '1' }, all), { run: true, executable: CHROMIUM });
  assert.deepEqual(browserPlan({ UNIVERSE_SKIP_BROWSER: '1' }, all), { run: false, skip: 'UNIVERSE_SKIP_BROWSER=1' });
});

test('browser plan: CI counts when set to anything but empty, false or 0', () => {
  assert.deepEqual([{}, { CI: '' }, { CI: 'false' }, { CI: '0' }, { CI: 'true' }, { CI: '1' }].map((e) => isCi(e)), [false, false, false, false, true, true]);
});

/** Runs the browser test file with Chromium hidden; returns its exit code and output. */
function runBrowserTest(env: Record<string, string>): { status: number | null; out: string } {
  const file = path.join(PROJECT_ROOT, 'dist', 'test', 'web', 'catalogue.browser.test.js');
  const base = { ...process.env };
  delete base['NODE_TEST_CONTEXT'];
  delete base['CI'];
  delete base['UNIVERSE_SKIP_BROWSER'];
  const r = spawnSync(process.execPath, ['--test-reporter=spec', file], { env: { ...base, UNIVERSE_CHROMIUM: MISSING, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('the browser test without Chromium: one skipped test on a developer machine, failures under CI', () => {
  const dev = runBrowserTest({});
  assert.equal(dev.status, 0, dev.out);
  assert.match(dev.out, /skipped 1\b/);
  assert.match(dev.out, /not found, so the web catalogue's browser test is skipped; to run it, install Debian's Chromium with 'apt-get install chromium'/);
  assert.doesNotMatch(dev.out, /home page/, 'the individual tests are not listed when skipped');
  const ci = runBrowserTest({ CI: 'true' });
  assert.notEqual(ci.status, 0, ci.out);
  assert.match(ci.out, /under CI the browser test must run/);
});
