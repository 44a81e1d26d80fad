import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Api } from '../../scripts/scenario/client.ts';
import { startInProcess } from '../../scripts/scenario/in-process.ts';

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

/**
 * How every test page browses: in Chinese, on Shanghai time, as a person who asks for reduced
 * motion — so the console shows its dialogs and menus without antd's animations
 * (console/src/main.tsx). Under load a click on a dialog still zooming in was pressed on its
 * button and released on the mask beside it, and so lost.
 */
export const BROWSING = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  reducedMotion: 'reduce',
} as const;

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
  const context = await browser.newContext({ ...BROWSING, viewport });
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

/** What a console test file drives: the whole stack in this process, and Chromium. */
export interface ConsoleStack {
  api: Api;
  url: string;
  browser: Browser;
  /** A console page in this browser, signed in with `token` or not yet (`consolePage`). */
  page(token: string | null, viewport?: { width: number; height: number }): Promise<Page>;
  /** Closes the browser, then stops the stack. */
  stop(): Promise<void>;
}

/** The whole local stack in this process (tokens signed with `secret`) and Chromium to drive it. */
export const startConsoleStack = async (secret: string): Promise<ConsoleStack> => {
  const stack = await startInProcess(secret);
  try {
    const browser = await launchChromium();
    return {
      api: stack.api,
      url: stack.url,
      browser,
      page: (token, viewport) => consolePage(browser, token, viewport),
      async stop() {
        await browser.close();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
};

/** A screenshot for the README once requests and antd's fade-ins are over (mid-fade looks greyed out). */
export const shoot = async (page: Page, name: string, fullPage = false) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(CONSOLE_SHOTS, name), fullPage });
};

/** An .xlsx of one sheet (a header row, then `rows`) to hand to a file input, as organizers keep them. */
export const spreadsheet = async (name: string, sheetName: string, rows: unknown[][]) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return {
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
};

/**
 * Picks an option of an antd Select by typing a name, as a person does, and clicking the option
 * that shows `option` (a name with its id where two members share a name).
 */
export const chooseIn = async (
  page: Page,
  select: ReturnType<Page['getByLabel']>,
  name: string,
  option = name,
) => {
  await select.click();
  // A Select with search takes the name typed; one without shows all its options.
  if (await select.isEditable()) await select.fill(name);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
};

/**
 * Clicks the visible button that reads `text`, found by its text rather than its role: under
 * load a role query sometimes found no such button while antd was animating (a dialog, a
 * dropdown closing) though it stood on the screen, enabled.
 */
export const clickButton = async (page: Page, text: string) => {
  await page.locator('button:visible', { hasText: new RegExp(`^\\s*${text}\\s*$`) }).click();
};
