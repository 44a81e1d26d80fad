// Proves the assembly screen in a real browser: a community election is driven through the API to
// its open secretary round; in the console a teller records the attendance and staff, enters ten
// ballots by keyboard only (the running count follows; a serial typed twice is flagged at once
// and not sent), another table's ballots arrive through the API, the tab reloads with ballots
// still unsent and loses none, the scrutineer closes after the confirmation, and the 计票 table
// shows exactly the tally `GET …/rounds/{roundId}` holds. Screenshots at 1280×800 and 1024×768.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { runCommunityElection } from '../../../scripts/scenario/community.ts';
import type { RoundView } from '../../../scripts/scenario/views.ts';
import { nameLookup } from '../../../shared/notices/count-reading.ts';
import { expectedAttendance } from '../../../shared/rules/index.ts';
import { BROWSING, type ConsoleStack, LAPTOP, startConsoleStack } from '../../support/browser.ts';
import { communityElections } from '../../support/e2e.ts';

const SECRET = 'e2e-console-assembly';
const SHOTS = 'docs/console';
let stack: ConsoleStack;

beforeAll(async () => {
  stack = await startConsoleStack(SECRET);
  mkdirSync(SHOTS, { recursive: true });
}, 30_000);

afterAll(() => stack?.stop(), 60_000);

/** Types into the focused element key by key, as a teller does. */
const keys = async (page: Page, ...sequence: string[]) => {
  for (const key of sequence) await page.keyboard.press(key);
};

describe('the assembly in the console', () => {
  it('attendance, keyboard ballot entry, close and the 计票 table equal to the API', async () => {
    const { url } = stack;
    const scenario = await runCommunityElection({
      ...communityElections(
        () => stack,
        SECRET,
        1000,
      )(`e2e-assembly-${Date.now().toString(36)}`, {
        rollSize: 40,
      }),
      until: 'formal-notice',
    });
    const { session } = scenario.run;
    await session.reach('secretary-election');
    const round = await session.openRound('secretary-election');
    const [first, second] = round.candidates as [string, string];
    const nameOf = nameLookup(session.roll);
    const expected = expectedAttendance(session.roll);
    const staffNames = session.roll
      .filter((m) => !round.candidates.includes(m.id))
      .slice(0, 3)
      .map((m) => m.name);

    const context = await stack.browser.newContext({ ...BROWSING, viewport: LAPTOP });
    const page = await context.newPage();
    // What the page showed when a step failed, for whoever reads the failure.
    onTestFailed(async () => {
      await page.screenshot({ path: '/tmp/zx-assembly-failure.png', fullPage: true });
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const roundPath = `/elections/${session.electionId}/rounds/${round.id}`;
    await page.goto(`${url}/console/sign-in?back=${encodeURIComponent(roundPath)}`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('登记到会情况与工作人员').waitFor();
    await expect(page.getByText(nameOf(first)).first().isVisible()).resolves.toBe(true);

    // Attendance: everyone entitled present, a ballot each; the staff picked by name.
    await page.getByLabel('实到会人数').fill(String(expected));
    await page.getByLabel('发出选票(张)').fill(String(expected));
    for (const [label, name] of [
      ['唱票人', staffNames[0]],
      ['监票人', staffNames[1]],
      ['计票人', staffNames[2]],
    ] as const) {
      await page.getByRole('combobox', { name: label }).fill(name ?? '');
      await page.keyboard.press('Enter');
    }
    await page.screenshot({ path: `${SHOTS}/attendance.png`, fullPage: true });
    await page.getByRole('button', { name: '登记到会情况' }).click();
    await page.getByText('到会情况与工作人员', { exact: true }).waitFor();
    const recorded = await session.round(round.id);
    expect(recorded.attendance?.present).toBe(expected);

    // Another table enters the rest through the API (this one types 11): 赞成 first, 不赞成 second.
    const others = expected - 11;
    await session.api.call(
      'POST',
      `/v1/elections/${session.electionId}/rounds/${round.id}/ballots`,
      session.teller,
      {
        ballots: Array.from({ length: others }, (_, i) => ({
          serial: `A${i + 1}`,
          marks: { [first]: 'for', [second]: 'against' },
        })),
      },
    );

    // This table: ten ballots by keyboard. Serial, Enter, marks, Enter.
    const serial = page.getByLabel('选票编号');
    await serial.focus();
    const typeBallot = async (n: number, marks: string[]) => {
      await page.keyboard.type(`B${n}`);
      await keys(page, 'Enter', ...marks, 'Enter');
    };
    for (let n = 1; n <= 6; n++) await typeBallot(n, n % 3 === 0 ? ['2', '1'] : ['1', '2']);
    // A mistyped serial: B3 again is flagged at once, and Enter does not take it.
    await page.keyboard.type('B3');
    await page.getByRole('alert').getByText('编号 B3 已录入过').waitFor();
    await page.keyboard.press('Enter');
    await expect(serial.isDisabled()).resolves.toBe(false);
    await page.keyboard.press('Escape');
    // Another table's serial is flagged too.
    await page.keyboard.type('A1');
    await page.getByRole('alert').getByText('编号 A1 已录入过').waitFor();
    await page.keyboard.press('Escape');
    for (let n = 7; n <= 10; n++) await typeBallot(n, n === 10 ? ['3', '3'] : ['1', '2']);
    // B1–B10: 赞成 first 7 (B3, B6 against, B10 abstains), second 2.
    const running = page.getByLabel('实时计票');
    await running.getByText('本机已录入 10 张').waitFor();
    await expect(
      running.getByRole('row', { name: nameOf(first) }).textContent(),
    ).resolves.toContain('7');
    await expect(
      running.getByRole('row', { name: nameOf(second) }).textContent(),
    ).resolves.toContain('2');
    await page.screenshot({ path: `${SHOTS}/ballot-entry.png`, fullPage: true });

    // Nothing typed is lost: the API refused to answer; the tab reloads with the ballot queued.
    await page.route('**/ballots', (route) => route.abort());
    await keys(page, 'Escape');
    await serial.focus();
    await page.keyboard.type('B11');
    await keys(page, 'Enter', '1', '2', 'Enter');
    await page.getByText('选票保存在本机,不会丢失').waitFor();
    await page.unroute('**/ballots');
    await page.reload();
    await page.getByText('本机已录入 11 张').waitFor();
    await page.getByRole('cell', { name: '已录入' }).first().waitFor();
    await expect
      .poll(
        async () =>
          (await page.getByText('待发送').count()) + (await page.getByText('待重发').count()),
        { timeout: 15_000 },
      )
      .toBe(0);

    // Tablet: the same entry at 1024×768.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: `${SHOTS}/ballot-entry-tablet.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The scrutineer closes after seeing issued against entered.
    await page.getByRole('button', { name: '结束计票' }).click();
    await page.getByText(`发出选票 ${expected} 张,已录入 ${others + 11} 张`).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '结束计票' }).click();
    const table = page.getByLabel('计票结果');
    await table.waitFor();
    const closed = await session.round(round.id);
    const tally = closed.tally as NonNullable<RoundView['tally']>;
    expect(tally.returned).toBe(others + 11);
    for (const id of [first, second]) {
      const row = table.getByRole('row', { name: nameOf(id) });
      await expect(row.textContent()).resolves.toContain(String(tally.counts[id]));
    }
    for (const id of tally.elected) {
      await expect(table.getByRole('row', { name: nameOf(id) }).textContent()).resolves.toContain(
        '当选',
      );
    }
    await page.screenshot({ path: `${SHOTS}/tally.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
