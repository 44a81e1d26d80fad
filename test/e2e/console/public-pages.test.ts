// Proves the console's two public pages (no sign-in) in a real browser on the whole local stack.
// The 唱票 board: opened from an organizer's link, full screen at 1920×1080 and 1280×720, it lists
// the candidates in 姓氏笔画 order and follows the ballots entered through the API within a couple
// of seconds (已计 x / 发出 y and each count), shows who is elected and the recount file's address
// once the round closes, and says so when the link is revoked. 复核计票: a closed round's public
// recount file, chosen on the page, is counted again by the verifier the command runs — `match`
// for the file as published; a changed ballot and a removed one named by serial; the chain head
// from the 选举结果报告单 anchoring the chain (a wrong head is named).
// Screenshots: docs/console/count-board.png, docs/console/recount.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Role } from '../../../shared/http/auth.ts';
import { compareBySurnameStrokes } from '../../../shared/rules/surname-order.ts';
import { callApi, signToken } from '../../support/api.ts';
import {
  BROWSING,
  CONSOLE_SHOTS,
  type ConsoleStack,
  startConsoleStack,
} from '../../support/browser.ts';
import { seedSecretaryRound } from '../../support/seed.ts';

const SECRET = 'e2e-console-public-pages';
const ORG = 'org-count-board';
const RECOUNT_ORG = 'org-recount';
const NAMES = ['王芳', '李强', '张伟', '刘一', '陈二', '杨三', '黄四', '赵六', '孙七', '周八'];

let stack: ConsoleStack;

beforeAll(async () => {
  stack = await startConsoleStack(SECRET);
}, 60_000);

afterAll(() => stack?.stop(), 60_000);

const tokenAs = (roles: Role[]) =>
  signToken({ sub: `${roles[0]}-1`, roles, orgs: [ORG, RECOUNT_ORG] });

/** The counts the page shows, by name, in its order. */
const shownCounts = (page: Page) =>
  page
    .getByTestId('candidate')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.firstElementChild?.textContent,
        Number(row.querySelector('[data-testid="votes"]')?.textContent),
      ]),
    );

describe('the 唱票 board page', () => {
  it('follows the count live, shows the result, fits 1080p and 720p, and stops when revoked', async () => {
    // 张伟 王芳 李强 as the round lists them; the board orders them by strokes.
    const { election, round } = await seedSecretaryRound(ORG, 'el-count-board', NAMES, [
      'p3',
      'p1',
      'p2',
    ]);
    const [organizer, teller, scrutineer] = await Promise.all([
      tokenAs(['organizer']),
      tokenAs(['teller']),
      tokenAs(['scrutineer']),
    ]);
    const api = (method: string, path: string, token: string, body?: unknown) =>
      callApi(stack.url, method, path, { token, body });
    const roundPath = `/v1/elections/${election.id}/rounds/${round.id}`;
    const created = await api('POST', `/v1/elections/${election.id}/count-board`, organizer);
    expect(created.status).toBe(201);
    const link = created.body as { token: string; url: string };

    // A fresh context: no sign-in, no token stored.
    const context = await stack.browser.newContext({
      ...BROWSING,
      viewport: { width: 1920, height: 1080 },
    });
    const page = await context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: '/tmp/zx-count-board-failure.png' });
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${stack.url}${link.url}`);
    await page.getByTestId('count-board').waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('计票中');
    const names = (await shownCounts(page)).map(([name]) => name as string);
    expect(names).toEqual(['王芳', '李强', '张伟'].sort(compareBySurnameStrokes));

    const attendance = {
      present: 10,
      ballotsIssued: 10,
      staff: { announcer: 'p4', scrutineer: 'p5', counter: 'p6' },
    };
    expect((await api('POST', `${roundPath}/attendance`, teller, attendance)).status).toBe(200);
    // The page looks every second; a loaded machine may take a few.
    await expect
      .poll(() => page.getByTestId('ballots').textContent(), { timeout: 5000 })
      .toMatch(/已计 0 张 \/ 发出 10 张/);

    // Ballots in batches, as tables send them: the page follows each within a few seconds.
    const batches = [
      { p1: 'for', p2: 'against', p3: 'against' },
      { p1: 'for', p2: 'against', p3: 'against' },
      { p2: 'for', p1: 'against', p3: 'against' },
    ].map((marks, b) =>
      Array.from({ length: b === 2 ? 2 : 3 }, (_, i) => ({ serial: `S${b}${i}`, marks })),
    );
    const expected = [
      { 王芳: 3, 李强: 0, 张伟: 0, counted: 3 },
      { 王芳: 6, 李强: 0, 张伟: 0, counted: 6 },
      { 王芳: 6, 李强: 2, 张伟: 0, counted: 8 },
    ];
    for (const [b, ballots] of batches.entries()) {
      const sent = Date.now();
      expect((await api('POST', `${roundPath}/ballots`, teller, { ballots })).status).toBe(200);
      const { counted, ...votes } = expected[b] as Record<string, number>;
      await expect
        .poll(async () => Object.fromEntries(await shownCounts(page)), { timeout: 5000 })
        .toEqual(votes);
      expect(await page.getByTestId('ballots').textContent()).toContain(`已计 ${counted} 张`);
      expect(Date.now() - sent).toBeLessThan(5000);
      if (b === 1) await page.screenshot({ path: `${CONSOLE_SHOTS}count-board.png` });
    }

    // 720p: every row on the screen, nothing cut off below.
    await page.setViewportSize({ width: 1280, height: 720 });
    const bottoms = await page
      .getByTestId('candidate')
      .evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().bottom));
    for (const bottom of bottoms) expect(bottom).toBeLessThanOrEqual(720);

    expect((await api('POST', `${roundPath}/close`, scrutineer)).status).toBe(200);
    await page.getByTestId('result').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('result').textContent()).toContain('当选:王芳');
    expect(await page.getByTestId('result').textContent()).toContain(
      `${stack.url}/public/elections/${election.id}/rounds/${round.id}/recount`,
    );
    expect(await page.getByTestId('status').textContent()).toBe('计票结束');

    const revoked = await api(
      'DELETE',
      `/v1/elections/${election.id}/count-board/${link.token}`,
      organizer,
    );
    expect(revoked.status).toBe(200);
    await page.getByText('此唱票链接无效或已撤销').waitFor({ timeout: 5000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

type RecountFile = {
  ballots: { serial: string; content: { marks: Record<string, string> } }[];
  audit: { entries: { hash: string }[] };
};

/** A closed secretary round of 8 ballots on the stack, and its public recount file. */
const closedRound = async (): Promise<RecountFile> => {
  const seeded = await seedSecretaryRound(RECOUNT_ORG, 'el-recount', NAMES, ['p1', 'p2']);
  const { election, round } = seeded;
  const [teller, scrutineer] = await Promise.all([tokenAs(['teller']), tokenAs(['scrutineer'])]);
  const path = `/v1/elections/${election.id}/rounds/${round.id}`;
  const send = async (method: string, to: string, token?: string, body?: unknown) => {
    const answer = await callApi(stack.url, method, to, { token, body });
    expect(answer.status, `${method} ${to}`).toBe(200);
    return answer.body;
  };
  await send('POST', `${path}/attendance`, teller, {
    present: 10,
    ballotsIssued: 10,
    staff: { announcer: 'p4', scrutineer: 'p5', counter: 'p6' },
  });
  const ballots = Array.from({ length: 8 }, (_, i) => ({
    serial: `00${i + 1}`,
    marks: i < 6 ? { p1: 'for', p2: 'against' } : { p1: 'against', p2: 'for' },
  }));
  await send('POST', `${path}/ballots`, teller, { ballots });
  await send('POST', `${path}/close`, scrutineer);
  return (await send(
    'GET',
    `/public/elections/${election.id}/rounds/${round.id}/recount`,
  )) as RecountFile;
};

/** Chooses `file` on the page (as a person picks it) and answers what the page then says. */
const check = async (page: Page, name: string, file: unknown): Promise<string> => {
  await page.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  const verdict = page.getByText(name, { exact: false }).first();
  await verdict.waitFor();
  return (await page.locator('.ant-result, .ant-card').last().textContent()) ?? '';
};

describe('the 复核计票 page', () => {
  it('says match for the published file and names a changed ballot, a removed one and a wrong head', async () => {
    const file = await closedRound();
    const context = await stack.browser.newContext(BROWSING); // no sign-in
    const page = await context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: '/tmp/zx-recount-failure.png' });
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${stack.url}/console/recount`);
    await page.getByText('复核计票').first().waitFor();

    expect(await check(page, 'as-published.json', file)).toContain('match');

    const changed = structuredClone(file);
    const [first] = changed.ballots;
    if (!first) throw new Error('the file holds no ballot');
    first.content.marks = { p1: 'against', p2: 'for' };
    const changedVerdict = await check(page, 'changed.json', changed);
    expect(changedVerdict).toContain(`ballot ${first.serial} changed`);
    await page.screenshot({ path: `${CONSOLE_SHOTS}recount.png`, fullPage: true });

    const removed = structuredClone(file);
    const [gone] = removed.ballots.splice(-1, 1);
    expect(await check(page, 'removed.json', removed)).toContain(`ballot ${gone?.serial} removed`);

    // The head printed on the report anchors the chain: the right one matches, another is named.
    const head = file.audit.entries.at(-1)?.hash ?? '';
    await page.getByLabel('审计链末端哈希').fill(head);
    expect(await check(page, 'anchored.json', file)).toContain('match');
    await page.getByLabel('审计链末端哈希').fill('f'.repeat(64));
    expect(await check(page, 'wrong-head.json', file)).not.toContain('match');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
