import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { startServer, type ServerHandle } from '../../scripts/lib/serve/server.js';
import { browserPlan, collectErrors, contrastReport, launchChromium } from './browser.js';
import { startStaticServer, type StaticServer } from './static-server.js';
import { HOSTILE, writeHostileRepo } from './hostile-repo.js';

// Globals of the functions that run inside the page (page.evaluate): the project compiles without
// the DOM library, and these declarations stay local to this module.
declare const document: any;
declare function getComputedStyle(element: any): any;

/* The web catalogue end to end: the sample repo/ is built into a temporary artifact with
   `universe build` (which writes the static directory API and copies web/), served on loopback by
   the `universe serve` core, and driven in Debian's headless Chromium; a last test serves the same
   folder with a plain static file server, as nginx would. Screenshots: test-output/screenshots/. */

/* Without Chromium on a developer's machine (or with UNIVERSE_SKIP_BROWSER=1) the file reports one
   skipped test saying how to run it; under CI a missing Chromium fails every test (see browserPlan). */
const PLAN = browserPlan();
const SKIP = 'skip' in PLAN ? PLAN.skip : undefined;
const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-output', 'screenshots');
const CLI = path.join(PROJECT_ROOT, 'dist', 'scripts', 'cli', 'main.js');
/** Both servers of this test listen here; every other URL is refused. */
const LOOPBACK = 'http://127.0.0.1:';

let tmp: string;
let out: string;
let server: { url: string };
let serve: ServerHandle | undefined;
let plain: StaticServer | undefined;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let errors: string[];
let packageCount: number;

before(async () => {
  if (SKIP !== undefined) return;
  if ('fail' in PLAN) throw new Error(PLAN.fail);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-web-'));
  out = path.join(tmp, 'target');
  build(path.join(PROJECT_ROOT, 'repo'), out);
  for (const file of ['index.html', 'catalogue/app.js', 'packages.json', 'categories.json']) {
    assert.ok(fs.existsSync(path.join(out, file)), `universe build wrote no ${file}`);
  }
  packageCount = JSON.parse(fs.readFileSync(path.join(out, 'packages.json'), 'utf8')).packages.length;
  serve = await startServer({ dir: out, port: 0 });
  server = { url: `${serve.url}/` };
  browser = await launchChromium(PLAN.run ? PLAN.executable : undefined);
  // The machine has no network: every request that leaves the served origin is refused at once
  // (package icons are external URLs), so the icon fallback is what the page shows.
  await browser.context.route((url) => !url.href.startsWith(LOOPBACK), (route) => route.abort());
  page = await browser.context.newPage();
  page.setDefaultTimeout(10_000);
  errors = collectErrors(page, LOOPBACK);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await serve?.close();
  await plain?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** `test`, or, when the browser test is skipped, nothing: one skipped test stands for them all. */
const browserTest: (name: string, fn: () => void | Promise<void>) => void = SKIP === undefined ? (name, fn) => void test(name, fn) : () => undefined;
if (SKIP !== undefined) test('web catalogue in Chromium', { skip: SKIP }, () => undefined);

/** Runs `universe build` (validation included), failing with its output. */
function build(repo: string, target: string): void {
  const run = spawnSync(process.execPath, [CLI, 'build', '--repo', repo, '--out', target], { encoding: 'utf8' });
  assert.equal(run.status, 0, `universe build --repo ${repo} failed:\n${run.stdout}${run.stderr}`);
}

async function focusedId(): Promise<string> {
  return page.evaluate(() => document.activeElement?.id || document.activeElement?.className || '');
}

browserTest('home page: package count, categories, facets', async () => {
  await page.goto(server.url);
  const count = page.locator('#result-count');
  await count.filter({ hasText: `${packageCount} packages` }).waitFor();
  assert.equal(await count.getAttribute('aria-live'), 'polite');
  assert.equal(await page.locator('.cards > .card').count(), packageCount);
  // The universe's own name and description (repository.json), not a generic title.
  const settings = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'repo/repository.json'), 'utf8')) as { name: string; description: string };
  assert.equal(await page.locator('.brand span').textContent(), settings.name);
  assert.equal(await page.locator('#site-description').textContent(), settings.description);
  assert.equal(await page.title(), settings.name);
  const categories = page.locator('#facet-category + ul .facet-label');
  assert.deepEqual(await categories.allTextContents(), ['Analytics', 'CI/CD', 'Databases', 'Messaging', 'Monitoring', 'Networking', 'Security', 'Storage']);
  // Every card shows its icon: the monogram, since icon URLs are unreachable here.
  await page.locator('.card .icon .monogram').first().waitFor();
  assert.equal(await page.locator('.card .icon.has-image').count(), 0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'home.png'), fullPage: true });

  await page.locator('#facet-category + ul button', { hasText: 'Databases' }).click();
  await page.waitForURL(/#\/\?category=databases$/);
  await page.locator('#facet-category + ul button[aria-pressed="true"]').first().waitFor();
  const names = await page.locator('.card-link').allTextContents();
  assert.ok(names.includes('emberkv') && names.length < packageCount, names.join(', '));
  assert.equal(await page.locator('#facet-category + ul button[aria-pressed="true"]').count(), 1);
  await page.locator('.active-filters button', { hasText: 'Category' }).click();
  await count.filter({ hasText: `${packageCount} packages` }).waitFor();
  // From the keyboard, a facet keeps the focus when the results change under it.
  await page.locator('#facet-category + ul button', { hasText: 'Storage' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/\?category=storage$/);
  // The URL changes before the results are drawn again: wait for the redrawn facet to hold the focus.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-pressed') === 'true', undefined, { timeout: 10_000 }).catch(() => undefined);
  assert.deepEqual(await page.evaluate(() => [document.activeElement?.getAttribute('aria-pressed'), document.activeElement?.querySelector('.facet-label')?.textContent]), ['true', 'Storage']);
  await page.keyboard.press('Enter');
  await count.filter({ hasText: `${packageCount} packages` }).waitFor();
});

browserTest('keyboard reaches the search box; typing narrows and highlights the results', async () => {
  await page.goto(server.url);
  await page.locator('#result-count').filter({ hasText: `${packageCount} packages` }).waitFor();
  const visited: string[] = [];
  for (let i = 0; i < 5 && (await focusedId()) !== 'search'; i++) {
    await page.keyboard.press('Tab');
    visited.push(await focusedId());
  }
  assert.equal(await focusedId(), 'search', `Tab visited ${visited.join(' → ')}`);
  assert.equal(visited[0], 'skip-link', 'the first Tab stop is the skip link');
  await page.keyboard.type('kv');
  await page.locator('#result-count').filter({ hasText: /match$/ }).waitFor();
  const countText = await page.locator('#result-count').textContent();
  const matched = Number(/^(\d+) of /.exec(countText ?? '')?.[1]);
  assert.ok(matched >= 1 && matched < packageCount, countText ?? '');
  assert.equal(await page.locator('.card-link').first().textContent(), 'emberkv');
  assert.equal(await page.locator('.card-link').first().locator('mark').textContent(), 'kv');
  assert.match(page.url(), /#\/\?q=kv$/);
  // Down arrow moves from the search box into the results; Enter opens the package.
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'emberkv');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/package\/emberkv$/);
});

browserTest('package page: header, options table, rendered descriptor', async () => {
  await page.goto(`${server.url}#/package/emberkv`);
  await page.locator('h1#package-title').filter({ hasText: 'emberkv' }).waitFor();
  assert.equal(await page.locator('#version-select').inputValue(), '1.2.0');
  assert.match((await page.locator('.package-subtitle').textContent()) ?? '', /Version 1\.2\.0 · revision 2 · packaging 6\.0/);
  // The icon URL cannot load here: the monogram stands in.
  assert.equal(await page.locator('.package-header .icon .monogram').textContent(), 'EM');
  assert.equal(await page.locator('.package-header .icon img').count(), 0);

  const row = (option: string) => page.locator(`tr[data-option="${option}"]`);
  const cells = async (option: string) => (await row(option).locator('th, td').allTextContents()).map((s) => s.trim());
  const expectOption = async (option: string, type: string, dflt: string, required: 'Yes' | 'No') => {
    const [name, t, d, r] = await cells(option);
    assert.deepEqual([name, t, d, r], [option, type, dflt, required], option);
  };
  await expectOption('service', 'object', '—none', 'No');
  await expectOption('service.name', 'string', '"emberkv"', 'Yes');
  await expectOption('service.user', 'string', '"nobody"', 'No');
  await expectOption('node.count', 'integer', '3', 'Yes');
  await expectOption('node.cpus', 'number', '1', 'Yes');
  await expectOption('emberkv.log_level', 'string', '"info"', 'No');
  await expectOption('networking.port', 'integer', '7379', 'No');
  await expectOption('security.tls_enabled', 'boolean', 'false', 'No');
  assert.match((await cells('emberkv.log_level'))[4] ?? '', /Verbosity of the node logs\.one of "debug", "info", "warn", "error"/);
  assert.match((await cells('networking.port'))[4] ?? '', /≥ 1 · ≤ 65535/);
  // Options keep config.json's order, and nested options are indented under their parent.
  const order = await page.locator('tr[data-option]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-option')));
  assert.deepEqual(order.slice(0, 4), ['service', 'service.name', 'service.user', 'node']);
  const indent = (option: string) => row(option).locator('th').evaluate((th) => parseFloat(getComputedStyle(th).paddingLeft));
  assert.ok((await indent('node.count')) > (await indent('node')));

  const marathon = JSON.parse((await page.locator('#rendered-marathon').textContent()) ?? '');
  assert.equal(marathon.id, '/emberkv');
  assert.equal(marathon.instances, 3);
  assert.match((await page.locator('.details').textContent()) ?? '', /Apache License Version 2\.0/);
  assert.match((await page.locator('.notes').textContent()) ?? '', /EmberKV needs at least 3 agents/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'package.png'), fullPage: true });
});

browserTest('versions: the picker and the version list navigate between versions', async () => {
  await page.goto(`${server.url}#/package/emberkv`);
  await page.locator('#version-select').waitFor();
  assert.deepEqual(await page.locator('#version-select option').evaluateAll((os) => os.map((o) => (o as any).value)), ['1.2.0', '1.1.0', '1.0.0']);
  await page.locator('#version-select').selectOption('1.0.0');
  await page.waitForURL(/#\/package\/emberkv\/1\.0\.0$/);
  await page.locator('.package-subtitle').filter({ hasText: 'Version 1.0.0 · revision 0 · packaging 4.0' }).waitFor();
  assert.equal(await page.locator('.versions a[aria-current="page"]').textContent(), '1.0.0');
  await page.locator('.versions a', { hasText: '1.1.0' }).click();
  await page.locator('.package-subtitle').filter({ hasText: 'Version 1.1.0' }).waitFor();
  assert.equal(await page.locator('#version-select').inputValue(), '1.1.0');
  assert.match((await page.locator('.callout-info[role="note"]').textContent()) ?? '', /older version\. The latest is 1\.2\.0/);
  await page.goBack();
  await page.locator('.package-subtitle').filter({ hasText: 'Version 1.0.0' }).waitFor();
  // From the keyboard: the picker changes the version and keeps the focus.
  await page.locator('#version-select').focus();
  await page.keyboard.press('ArrowUp');
  await page.waitForURL(/#\/package\/emberkv\/1\.1\.0$/);
  await page.locator('.package-subtitle').filter({ hasText: 'Version 1.1.0' }).waitFor();
  assert.equal(await focusedId(), 'version-select');
});

browserTest('other pages: an Aurora job, a deprecated package, a package without descriptor, an unknown package', async () => {
  const open = async (name: string) => {
    await page.goto(`${server.url}#/package/${name}`);
    await page.locator('h1#package-title').filter({ hasText: name }).waitFor();
  };
  await open('report-batch');
  assert.match((await page.locator('#rendered-aurora').textContent()) ?? '', /jobs = \[/);
  await open('pulse-agent');
  await page.locator('.callout-warning').filter({ hasText: 'Deprecated.' }).waitFor();
  await open('tidectl');
  assert.match((await page.locator('#rendered-heading + *').textContent()) ?? '', /no deployment descriptor/);
  await page.goto(`${server.url}#/package/no-such-package`);
  await page.locator('h1', { hasText: 'Package not found' }).waitFor();
  // The 404 of versions.json is the one console error this page causes on purpose.
  const expected = errors.filter((e) => e.includes('404') && e.includes('no-such-package'));
  errors.splice(0, errors.length, ...errors.filter((e) => !expected.includes(e)));
});

browserTest('text contrast is at least WCAG AA in the light and dark themes', async () => {
  const selectors = ['body', '.card .monogram', '.result-count', '.card-link', '.card-description', '.tag', '.facet h2', '.facet-option', '.facet-count', '.site-footer', '.search input', '.brand'];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${server.url}#/?q=e`);
    await page.locator('.card-link mark').first().waitFor();
    const low = (await contrastReport(page, [...selectors, 'mark'])).filter((r) => r.ratio < 4.5);
    assert.deepEqual(low, [], `${scheme}: text below 4.5:1`);
    await page.goto(`${server.url}#/package/pulse-agent`);
    await page.locator('.options-table').waitFor();
    const lowPkg = (await contrastReport(page, ['.package-subtitle', '.option-parent', '.option-constraints', '.options-table thead th', '.callout-warning', '.details dt', '.versions .muted', '.badge', '.code', 'a'])).filter((r) => r.ratio < 4.5);
    assert.deepEqual(lowPkg, [], `${scheme}: text below 4.5:1 on a package page`);
    if (scheme === 'dark') await page.screenshot({ path: path.join(SCREENSHOTS, 'package-dark.png'), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

browserTest('plain static hosting (a file server that decodes the path once, like nginx) serves the same catalogue', async () => {
  plain = await startStaticServer(out);
  await page.goto(`${plain.url}#/package/emberkv/1.1.0`);
  await page.locator('.package-subtitle').filter({ hasText: 'Version 1.1.0 · revision 1' }).waitFor();
  assert.equal(await page.locator('tr[data-option="node.count"] td').first().textContent(), 'integer');
  await page.locator('.breadcrumb a').click();
  await page.locator('#result-count').filter({ hasText: `${packageCount} packages` }).waitFor();
});

browserTest('untrusted package data is shown as text, never run; a template that needs options says which', async () => {
  const repo = path.join(tmp, 'hostile-repo');
  writeHostileRepo(repo);
  build(repo, path.join(tmp, 'hostile'));
  const hostile = await startServer({ dir: path.join(tmp, 'hostile'), port: 0 });
  try {
    await page.goto(`${hostile.url}/#/?q=not%20bold`);
    await page.locator('#result-count').filter({ hasText: '1 of 1 package match' }).waitFor();
    assert.equal(await page.locator('.card-description').textContent(), HOSTILE.description);
    assert.equal(await page.locator('#facet-category + ul .facet-label').textContent(), HOSTILE.categoryTitle);
    await page.locator('.card-link').click();
    await page.locator('h1#package-title').filter({ hasText: 'hostile' }).waitFor();
    assert.equal(await page.locator('.package-description').textContent(), HOSTILE.description);
    assert.equal(await page.locator('.notes dd').textContent(), HOSTILE.note);
    assert.equal(await page.locator('tr[data-option="service"] .option-description').textContent(), HOSTILE.optionDescription);
    const details = (await page.locator('.details').textContent()) ?? '';
    for (const text of [HOSTILE.maintainer, HOSTILE.tag, HOSTILE.licence, HOSTILE.website]) assert.ok(details.includes(text), text);
    // No markup from the data became an element, and no link runs script.
    assert.equal(await page.locator('main script, main img:not(.icon img), main b, main u, main i, main svg, main em').count(), 0);
    const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    assert.deepEqual(hrefs.filter((href) => !/^(#\/|https?:|mailto:)/.test(href)), []);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    const error = (await page.locator('#rendered-error').textContent()) ?? '';
    assert.match(error, /^Needs options: .*service\.token/);
    assert.match(error, /universe render hostile@1\.0\.0 --options options\.json/);
  } finally {
    await hostile.close();
  }
});

browserTest('no console errors or uncaught exceptions', () => {
  assert.deepEqual(errors, []);
});
