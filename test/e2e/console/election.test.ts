// Proves one election's console page works as an organizer uses it, in Chromium against the whole
// local stack: the nominations list shows each automatic check, and 通过 / 不通过 / 通过 with a
// waived condition reach the API; a deadline moved to the past is refused next to the picker and
// a later one is saved; an objection during 公示 is resolved; the audit chain, recomputed in the
// page, is shown intact; the election is cancelled with a reason; on a tablet nothing overflows the page. Seeds the election through the HTTP API. Needs Debian's chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS, park } from '../../../scripts/scenario/actions.ts';
import { localToken } from '../../../scripts/scenario/client.ts';
import { type Session, startElection } from '../../../scripts/scenario/session.ts';
import {
  checkEligibility,
  electionDay,
  type Member,
  PRESETS,
} from '../../../shared/rules/index.ts';
import { type ConsoleStack, startConsoleStack } from '../../support/browser.ts';

const SECRET = 'console-election-e2e';
const ORG = 'sq-console-el';
const SHOTS = 'docs/console';

let stack: ConsoleStack;
let page: Page;
let session: Session;

beforeAll(async () => {
  stack = await startConsoleStack(SECRET);
  const token = await localToken({ sub: 'organizer-1', roles: ['organizer'], orgs: [ORG] }, SECRET);
  // Signed in as the local sign-in page would leave it (that page is tested with its own screen).
  page = await stack.page(token);
}, 60_000);

afterAll(() => stack?.stop(), 30_000);

/** Members failing exactly these conditions for office on the election day. */
const failingOnly = (roll: readonly Member[], day: string, rules: string[]) =>
  roll.filter((member) => {
    const check = checkEligibility(
      { member, documents: DOCUMENTS, electionDay: day },
      PRESETS.community,
    );
    return check.failures.map((f) => f.rule).join() === rules.join();
  });

const statusOf = async (memberId: string) =>
  (await session.view()).candidates.find((c) => c.memberId === memberId)?.status;

const dialog = () => page.getByRole('dialog');

describe('one election in the console', () => {
  it('reviews the nominations, moves a deadline, resolves an objection, verifies the audit chain, cancels', async () => {
    session = await startElection({
      api: stack.api,
      secret: SECRET,
      orgId: ORG,
      dayLengthMs: 1000,
      rollSize: 60,
      superiorEmails: [`${ORG}@superior.example.cn`],
    });
    const view = await session.reach('nomination');
    await park(session, 'nomination');
    const day = electionDay(view.calendar);
    const eligible = failingOnly(session.roll, day, []);
    const [a, b, c] = eligible as [Member, Member, Member];
    const waived =
      failingOnly(session.roll, day, ['education'])[0] ??
      failingOnly(session.roll, day, ['age'])[0];
    if (!waived) throw new Error('the roll has no member failing only education or age');
    for (const nominee of [a, b, c, waived]) {
      await stack.api.call(
        'POST',
        `/v1/elections/${session.electionId}/nominations`,
        session.organizer,
        {
          kind: 'organization',
          office: 'secretary',
          nomineeId: nominee.id,
          documents: DOCUMENTS,
        },
      );
    }

    // 资格审查: the list shows each nominee's check; 通过, 不通过 and 通过 with a waiver.
    await page.goto(`${stack.url}/console/elections/${session.electionId}/nominations`);
    await page.getByText('待审查 4 人').waitFor();
    const row = (m: Member) =>
      page.getByRole('row', { name: new RegExp(m.name) }).filter({ hasText: m.id });
    await expect(
      row(waived)
        .getByText(/文化程度|年龄/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/nominations.png` });

    for (const nominee of [a, b]) {
      await row(nominee).getByRole('button', { name: '通过', exact: true }).click();
      await dialog().getByRole('button', { name: '确认通过' }).click();
      await dialog().waitFor({ state: 'hidden' });
      await expect.poll(() => statusOf(nominee.id)).toBe('eligible');
    }
    await row(c).getByRole('button', { name: '不通过', exact: true }).click();
    await dialog().getByLabel('理由').fill('经核实,本人已书面申请退出');
    await dialog().getByRole('button', { name: '确认不通过' }).click();
    await expect.poll(() => statusOf(c.id)).toBe('rejected');

    await row(waived).getByRole('button', { name: '通过', exact: true }).click();
    await dialog().getByRole('button', { name: '确认通过' }).click();
    // Accepting without waiving the failed condition: the API refuses, the dialog stays.
    await dialog().locator('.ant-alert-error, .ant-form-item-explain-error').first().waitFor();
    await dialog().getByRole('checkbox', { name: /放宽/ }).check();
    await dialog().getByLabel('理由').fill('群众基础好,工作实绩突出');
    await dialog().getByRole('button', { name: '确认通过' }).click();
    await expect.poll(() => statusOf(waived.id)).toBe('eligible');

    // A deadline: one in the past is refused next to the picker, a later one is saved.
    await page.getByRole('tab', { name: '概况与日程' }).click();
    await page.getByRole('button', { name: /调整公开报名.*截止时间/ }).click();
    const picker = dialog().locator('input').first();
    await picker.click();
    // This election runs on short days: its deadlines are picked to the second.
    await picker.fill('2020-01-01 10:00:00');
    await picker.press('Enter');
    await dialog().getByRole('button', { name: '保存新的截止时间' }).click();
    await dialog().locator('.ant-form-item-explain-error').getByText('必须晚于当前时间').waitFor();
    // Two days on, 18:00 Beijing time (UTC+8 all year).
    const date = new Date(Date.now() + (2 * 24 + 8) * 3_600_000).toISOString().slice(0, 10);
    const later = `${date} 18:00:00`;
    await picker.click();
    await picker.fill(later);
    await picker.press('Enter');
    await dialog().getByRole('button', { name: '保存新的截止时间' }).click();
    await dialog().waitFor({ state: 'hidden' });
    expect((await session.view()).calendar.nomination?.until).toBe(
      new Date(`${date}T18:00:00+08:00`).toISOString(),
    );

    // 公示: the window closes, the three go on as preliminary candidates; one is objected to.
    await session.moveDeadline('nomination', new Date(Date.now() + 300));
    await session.reach('preliminary-notice');
    await park(session, 'preliminary-notice');
    const objection = await stack.api.call<{ id: string }>(
      'POST',
      `/v1/elections/${session.electionId}/objections`,
      undefined,
      { candidateId: a.id, office: 'secretary', text: '反映该同志工作作风问题,请核实。' },
    );
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByRole('tab', { name: '公示、考察与建议名单' }).click();
    await page.getByRole('button', { name: '处理', exact: true }).click();
    await dialog().getByText('异议不成立(保留候选人)').click();
    await dialog().getByLabel('核实情况和理由').fill('经核实,反映情况不属实');
    await dialog().getByRole('button', { name: '确认处理结果' }).click();
    await page.getByText('异议不成立', { exact: true }).waitFor();
    const objections = await stack.api.call<{ id: string; status: string }[]>(
      'GET',
      `/v1/elections/${session.electionId}/objections`,
      session.organizer,
    );
    expect(objections).toMatchObject([{ id: objection.id, status: 'dismissed' }]);

    // The overview in 公示: the timeline with the current stage, what the workflow waits for.
    await page.getByRole('tab', { name: '概况与日程' }).click();
    await page.getByText('进行中').waitFor();
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await page.screenshot({ path: `${SHOTS}/election.png` });

    // The audit log, its chain recomputed in the page.
    await page.getByRole('tab', { name: '审计日志与通知' }).click();
    await page.getByText(/^链完整:共 \d+ 条记录/).waitFor();
    await page.getByText('资格审查决定').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/audit.png` });

    // 撤销: the reason is required (said next to the field); then the election is cancelled.
    await page.getByRole('button', { name: '撤销选举' }).click();
    await dialog().getByRole('button', { name: '确认撤销,并通知党员' }).click();
    await dialog().locator('.ant-form-item-explain-error').getByText('必填').waitFor();
    await dialog().getByLabel('撤销原因').fill('上级党组织决定调整选举时间');
    await dialog().getByRole('button', { name: '确认撤销,并通知党员' }).click();
    await expect.poll(async () => (await session.view()).stage).toBe('cancelled');

    // On a tablet held upright: the lists scroll inside their frames, the page never sideways.
    await page.setViewportSize({ width: 768, height: 1024 });
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    await page.goto(`${stack.url}/console/elections/${session.electionId}/nominations`);
    await row(a).waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(768);
    await page.getByRole('tab', { name: '概况与日程' }).click();
    await page.getByText('撤销原因:上级党组织决定调整选举时间').waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(768);
  }, 120_000);
});
