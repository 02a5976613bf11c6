// A real browser for the console tests: Debian's Chromium driven by playwright-core (which never downloads a
// browser of its own). Without Chromium the tests are skipped with the reason, except under CI=true, where they
// fail: .ci/run installs it, so CI must never silently skip them.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = process.env['RULES_TEST_CHROMIUM'] ?? '/usr/bin/chromium';

/** node:test's `skip` option: false when Chromium is there, or under CI (launch() then fails). */
export const skipWithoutChromium: string | false =
  existsSync(CHROMIUM) || process.env['CI'] === 'true'
    ? false
    : `${CHROMIUM} not found: the console's browser tests need Chromium (apt-get install chromium, or set RULES_TEST_CHROMIUM)`;

/** Where the run leaves one screenshot per page, for a person to look at (ignored by git). */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'console');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh profile (its own --user-data-dir) and one page. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`CI=true but ${CHROMIUM} does not exist: the browser tests cannot run (see .ci/run)`);
  const profile = await mkdtemp(join(tmpdir(), 'rules-chromium-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1200, height: 860 },
    timeout: 120_000,
  });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
