import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

// Globals of the functions that run inside the page (page.evaluate): the project compiles without
// the DOM library, and these declarations stay local to this module.
declare const document: any;
declare function getComputedStyle(element: any): any;

/** Debian's Chromium: the browser test drives it, never a downloaded one. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for headless runs: no sandbox (CI containers), no GPU, and nothing that reaches the network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The browser the test drives: `UNIVERSE_CHROMIUM` when set (another Chromium build), else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['UNIVERSE_CHROMIUM'] || CHROMIUM;
}

/** Whether the environment says it is CI (`CI` set, as GitHub Actions and most CI services do, and not `false` or `0`). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** What the browser test does here: run with this Chromium, skip (one reason), or fail (CI without a browser). */
export type BrowserPlan = { run: true; executable: string } | { run: false; skip: string } | { run: false; fail: string };

/**
 * Decides whether the browser test runs. On a developer's machine without Chromium it is skipped
 * with one line saying how to run it, and `UNIVERSE_SKIP_BROWSER=1` skips it on purpose. Under CI
 * it always runs: a missing browser is a failure, never a skip, and the opt-out does not apply.
 */
export function browserPlan(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = fs.existsSync): BrowserPlan {
  const executable = chromiumPath(env);
  const ci = isCi(env);
  if (!ci && env['UNIVERSE_SKIP_BROWSER'] === '1') return { run: false, skip: 'UNIVERSE_SKIP_BROWSER=1' };
  if (exists(executable)) return { run: true, executable };
  const how = `install Debian's Chromium with 'apt-get install chromium', or run 'bash .ci/run', which installs it and runs the tests`;
  if (ci) return { run: false, fail: `${executable} not found, and under CI the browser test must run: ${how}` };
  return { run: false, skip: `${executable} not found, so the web catalogue's browser test is skipped; to run it, ${how}` };
}

/**
 * Launches Chromium with a fresh profile. Playwright refuses `--user-data-dir` among the args of
 * launch() (it manages profiles itself), so the fresh folder is given to launchPersistentContext,
 * which passes it to Chromium as `--user-data-dir`.
 */
export async function launchChromium(executable = chromiumPath()): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 860 },
    deviceScaleFactor: 1,
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Collects what the page reports as errors: uncaught exceptions and console errors. A failed load
 * of an external URL (package icons live on other hosts; the test machine has no network and the
 * test blocks them) is expected and not counted; anything from the catalogue's own origin is.
 */
export function collectErrors(page: Page, origin: string): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url;
    if (msg.text().startsWith('Failed to load resource') && where !== '' && !where.startsWith(origin)) return;
    errors.push(`console: ${msg.text()} (${where})`);
  });
  return errors;
}

/**
 * WCAG contrast ratios of the text of every element matching the selectors, computed in the
 * page (the background is the first opaque one up the tree).
 */
export function contrastReport(page: Page, selectors: readonly string[]): Promise<Array<{ selector: string; text: string; ratio: number }>> {
  return page.evaluate((sels) => {
    // Computed colours are rgb()/rgba() (0-255), or color(srgb …) (0-1) for color-mix() results.
    const parse = (c: string): number[] => {
      const n = (c.match(/[\d.]+/g) ?? []).map(Number);
      return c.startsWith('color(') ? [...n.slice(0, 3).map((v) => v * 255), ...n.slice(3)] : n;
    };
    const lum = (rgb: number[]): number => {
      const [r, g, b] = rgb.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const background = (el: any): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c[3] ?? 0) >= 0.99) return c;
      }
      return [255, 255, 255];
    };
    const out: Array<{ selector: string; text: string; ratio: number }> = [];
    for (const selector of sels) {
      for (const el of (Array.from(document.querySelectorAll(selector)) as any[]).slice(0, 20)) {
        const fg = lum(parse(getComputedStyle(el).color));
        const bg = lum(background(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        out.push({ selector, text: (el.textContent ?? '').trim().slice(0, 30), ratio: Math.round(ratio * 100) / 100 });
      }
    }
    return out;
  }, [...selectors]);
}
