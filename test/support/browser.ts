import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium: the only browser the tests drive (never a downloaded one). */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the console's screenshots go: the README shows them. */
export const CONSOLE_SHOTS = new URL('../../docs/console/', import.meta.url).pathname;

/** Headless Chromium with no network of its own; fails, saying what to install, without it. */
export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
};

/** The sizes the console is made for: an organizer's laptop and a teller's tablet. */
export const LAPTOP = { width: 1280, height: 800 };
export const TABLET = { width: 1024, height: 768 };

/**
 * A console page in Shanghai time and Chinese, as an organizer's browser would be: signed in
 * with `token` (kept where the console keeps it, again on every load), or not yet (`null`: it
 * signs in on the console's own page).
 */
export const consolePage = async (
  browser: Browser,
  token: string | null,
  viewport: { width: number; height: number } = LAPTOP,
): Promise<Page> => {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (token !== null) {
    await context.addInitScript((value) => {
      sessionStorage.setItem('zx.console.token', value);
    }, token);
  }
  return context.newPage();
};

/** Script errors and failed requests in a page: a test expects none. */
export const pageErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
};
