/** Headless Chromium from Debian's package, driven by puppeteer-core (no browser download). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';

export const CHROMIUM = process.env.LT_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../../..');
/** Screenshots of every test run (not committed). */
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'dashboard');
/** The screenshots the README shows: written only with LT_DOCS_SCREENSHOTS=1. */
export const DOCS_SHOTS = join(ROOT, 'docs', 'dashboard');

/** Bundles the pages (esbuild, a fraction of a second) so that the tests serve what the sources say. */
export function buildPages(): void {
  execFileSync(process.execPath, [join(ROOT, 'packages/dashboard/build-web.mjs')], { stdio: 'inherit' });
}

export async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: scripts/setup.sh installs Debian's chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'lt-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=vi-VN',
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as a test artifact (and in docs/ with LT_DOCS_SCREENSHOTS=1). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) as `${string}.png`, fullPage: true });
  if (process.env.LT_DOCS_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SHOTS, { recursive: true });
    await page.screenshot({ path: join(DOCS_SHOTS, `${name}.png`) as `${string}.png`, fullPage: true });
  }
}

/**
 * What the tests read of elements in the page. The callbacks run in the browser; the test programs
 * are type-checked without the DOM library (it would change Node's own types), so they name the
 * little they use here.
 */
export type Shown = { readonly innerText: string; closest(selector: string): Shown | null; open?: boolean };
/** The page's `document` and `window`, as far as the tests use them. */
export type PageGlobals = {
  readonly document: {
    querySelectorAll(selector: string): ArrayLike<Shown>;
    readonly documentElement: { readonly scrollWidth: number };
  };
  readonly innerWidth: number;
};

/** Text of the first element matching `selector`, or '' when there is none. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (e) => (e as unknown as Shown).innerText).catch(() => '');
}

/** Waits until `selector`'s text contains `text`; resolves with when it did (Date.now()). */
export async function waitForText(
  page: Page,
  selector: string,
  text: string,
  timeoutMs = 10_000,
): Promise<number> {
  await page.waitForFunction(
    (sel: string, want: string) =>
      Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll(sel)).some((e) =>
        e.innerText.includes(want),
      ),
    { timeout: timeoutMs, polling: 'mutation' },
    selector,
    text,
  );
  return Date.now();
}
