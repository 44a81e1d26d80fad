// Proves the print sheets of a round in a real browser: a community election is driven through
// the API to its open secretary round, the organizers record the printed papers on the round
// page, and each sheet — the ballot papers, the 签到表, the 计票表 — printed to an A4 PDF by
// headless Chromium has exactly the pages it should (a ballot per serial; the roll and the
// candidates in pages of a fixed size), every serial on its own ballot, every candidate's name
// in 姓氏笔画 order, every name of the roll on the sign-in sheet. Screenshots for the README.
import { mkdirSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pagesOf,
  SIGN_IN_ROWS_PER_PAGE,
  TALLY_ROWS_PER_PAGE,
  tallyWriteInLines,
} from '../../../console/src/pages/print/sheets.ts';
import { runCommunityElection } from '../../../scripts/scenario/community.ts';
import { startInProcess } from '../../../scripts/scenario/in-process.ts';
import { nameLookup } from '../../../shared/notices/count-reading.ts';
import { type BallotPapers, papersSerials } from '../../../shared/rules/index.ts';
import { bySurnameStrokes } from '../../../shared/rules/surname-order.ts';
import { CONSOLE_SHOTS, consolePage, launchChromium, pageErrors } from '../../support/browser.ts';
import { communityElections } from '../../support/e2e.ts';

const SECRET = 'e2e-console-print';
let stack: Awaited<ReturnType<typeof startInProcess>>;
let browser: Browser;

beforeAll(async () => {
  stack = await startInProcess(SECRET);
  browser = await launchChromium();
  mkdirSync(CONSOLE_SHOTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
}, 60_000);

/**
 * The text of each page of a PDF. Chromium's PDFs give a glyph an item and some CJK glyphs as
 * Kangxi radicals (⼩ for 小): the items are joined and spaces dropped (see `find`).
 */
const pdfPages = async (pdf: Buffer): Promise<string[]> => {
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
    pages.push(text.replace(/\s+/g, ''));
  }
  await document.destroy();
  return pages;
};

/**
 * Where a name first stands in a PDF's text (−1: missing). A character the PDF gives as a
 * radical stands for the glyph it shares with the name's character — NFKC would give back most
 * (⼩ → 小) but not a simplified form (黄's glyph comes out as ⿈, whose NFKC is 黃) — so a
 * radical matches there; every other character must be the name's own.
 */
const find = (text: string, name: string): number => {
  const pattern = [...name].map((c) => `(?:${c}|[\u2E80-\u2FDF])`).join('');
  return new RegExp(pattern, 'u').exec(text)?.index ?? -1;
};

/** Where each name first stands in a text (−1: missing). */
const positions = (text: string, names: readonly string[]) => names.map((name) => find(text, name));

describe('the print sheets of a round', () => {
  it('print a ballot per serial, the 签到表 and the 计票表 with every name and serial', async () => {
    const scenario = await runCommunityElection({
      ...communityElections(
        () => stack,
        SECRET,
        1000,
      )(`e2e-print-${Date.now().toString(36)}`, { rollSize: 30 }),
      until: 'formal-notice',
    });
    const { session } = scenario.run;
    await session.reach('secretary-election');
    const round = await session.openRound('secretary-election');
    const page = await consolePage(browser, session.organizer);
    const errors = pageErrors(page);
    // The organizers record the papers on the round page (the count left to its default).
    await page.goto(`${stack.url}/console/elections/${session.electionId}/rounds/${round.id}`);
    await page.getByRole('button', { name: '登记印制张数' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '登记' }).click();
    await page.getByText(/已登记印制 \d+ 张,编号/).waitFor();
    const recorded = await session.api.call<{ ballotPapers: BallotPapers }>(
      'GET',
      `/v1/elections/${session.electionId}/rounds/${round.id}`,
      session.organizer,
    );
    const papers = recorded.ballotPapers;
    const serials = papersSerials(papers).map((p) => p.serial);
    expect(serials.length).toBeGreaterThan(10);
    const nameOf = nameLookup(session.roll);
    const candidates = bySurnameStrokes(round.candidates.map(nameOf), (name) => name);
    const roll = session.roll.map((m) => m.name);

    const open = async (sheet: string) => {
      await page.goto(
        `${stack.url}/console/print/elections/${session.electionId}/rounds/${round.id}/${sheet}`,
      );
      await page.locator('.zx-sheet').first().waitFor();
      await page.getByRole('button', { name: '打印' }).waitFor();
      await page.evaluate(() => document.fonts.ready);
      // The toolbar and the first sheet, as the organizer sees them before printing.
      const sheetBox = await page.locator('.zx-sheet').first().boundingBox();
      await page.screenshot({
        path: `${CONSOLE_SHOTS}/print-${sheet}.png`,
        fullPage: true,
        clip: {
          x: 0,
          y: 0,
          width: 1280,
          height: (sheetBox?.y ?? 0) + (sheetBox?.height ?? 800) + 12,
        },
      });
      return pdfPages(await page.pdf({ format: 'A4' }));
    };

    // The ballots: one page per serial, the serial on its own page, every candidate in order.
    const ballots = await open('ballots');
    expect(ballots).toHaveLength(papers.count);
    ballots.forEach((text, i) => {
      expect(text).toContain(serials[i]);
      const at = positions(text, candidates);
      expect(at.every((p) => p >= 0)).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
      expect(positions(text, ['另选他人', '无效票']).every((p) => p >= 0)).toBe(true);
    });

    // The 签到表: the roll in pages of a fixed number of rows, every name on it.
    const signIn = await open('sign-in');
    expect(signIn).toHaveLength(pagesOf(roll, SIGN_IN_ROWS_PER_PAGE).length);
    const signInText = signIn.join('');
    expect(roll.filter((name) => find(signInText, name) < 0)).toEqual([]);

    // The 计票表: a row per candidate and the 另选他人 lines, with the staff's signature lines.
    const tally = await open('tally');
    const rows = candidates.length + tallyWriteInLines(round.seats);
    expect(tally).toHaveLength(Math.ceil(rows / TALLY_ROWS_PER_PAGE));
    const tallyText = tally.join('');
    expect(positions(tallyText, candidates).every((p) => p >= 0)).toBe(true);
    expect(positions(tallyText, ['唱票人', '监票人', '计票人']).every((p) => p >= 0)).toBe(true);

    // At the counting table a mistyped serial is caught as it is typed, before Enter.
    const [announcer, scrutineer, counter] = session.roll
      .map((m) => m.id)
      .filter((id) => !round.candidates.includes(id));
    await session.api.call(
      'POST',
      `/v1/elections/${session.electionId}/rounds/${round.id}/attendance`,
      session.teller,
      { present: 20, ballotsIssued: 20, staff: { announcer, scrutineer, counter } },
    );
    await page.goto(`${stack.url}/console/elections/${session.electionId}/rounds/${round.id}`);
    const serialBox = page.getByLabel('选票编号');
    const good = serials[0] ?? '';
    const lastDigit = Number(good.at(-1));
    await serialBox.fill(`${good.slice(0, -1)}${(lastDigit + 1) % 10}`);
    await page.getByText('校验位不符').waitFor();
    await serialBox.fill(good);
    await expect.poll(() => page.getByText('校验位不符').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 240_000);
});
