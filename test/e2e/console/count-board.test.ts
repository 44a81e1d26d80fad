// Proves the 唱票 board page in a real browser on the whole local stack: opened from an
// organizer's link without signing in, full screen at 1920×1080 and 1280×720, it lists the
// candidates in 姓氏笔画 order and follows the ballots entered through the API within a couple of
// seconds (已计 x / 发出 y and each count), shows who is elected and the recount file's address
// once the round closes, and says so when the link is revoked. Screenshot: docs/console/count-board.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startInProcess } from '../../../scripts/scenario/in-process.ts';
import { openRound } from '../../../shared/election/rounds/round.ts';
import type { Role } from '../../../shared/http/auth.ts';
import { compareBySurnameStrokes } from '../../../shared/rules/surname-order.ts';
import { callApi, signToken } from '../../support/api.ts';
import { CONSOLE_SHOTS, launchChromium } from '../../support/browser.ts';
import { electionRecord, mailedMember, stored } from '../../support/builders.ts';
import { seedElection, seedOrganization } from '../../support/seed.ts';

const SECRET = 'e2e-console-count-board';
const ORG = 'org-count-board';
const NAMES = ['王芳', '李强', '张伟', '刘一', '陈二', '杨三', '黄四', '赵六', '孙七', '周八'];
const ROLL = NAMES.map((name, i) => stored(mailedMember(`p${i + 1}`, { name })));

const ORGANIZATION = {
  id: ORG,
  name: '新光社区党委',
  level: 'committee' as const,
  superior: { name: '新光街道党工委', emails: ['gongwei@example.org'] },
};

let stack: Awaited<ReturnType<typeof startInProcess>>;
let browser: Browser;

beforeAll(async () => {
  stack = await startInProcess(SECRET);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
}, 60_000);

const tokenAs = (roles: Role[]) => signToken({ sub: `${roles[0]}-1`, roles, orgs: [ORG] });

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
    const rollId = await seedOrganization(ORGANIZATION, ROLL);
    const election = await seedElection(
      electionRecord({ id: 'el-count-board', orgId: ORG, rollId, stage: 'secretary-election' }),
    );
    const round = await openRound(
      election,
      {
        kind: 'election',
        office: 'secretary',
        stage: 'secretary-election',
        candidates: ['p3', 'p1', 'p2'], // 张伟 王芳 李强
        seats: 1,
        revotesSoFar: 0,
      },
      'workflow',
    );
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
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
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
    await expect
      .poll(() => page.getByTestId('ballots').textContent())
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
