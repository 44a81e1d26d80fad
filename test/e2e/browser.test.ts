// Proves the public pages work in a real browser on a phone-sized screen: the superior opens an
// approval link, sees the candidates, ticks the formal candidates, approves and sees the
// confirmation while the record is approved and the task released; and the public opens the
// 公示栏 and files an objection with its plain HTML form. Needs Debian's chromium.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectionsOf } from '../../shared/election/candidates/objections.ts';
import type { ElectionRecord } from '../../shared/store/records.ts';
import {
  expectApproved,
  type StandIns,
  seedApproval,
  seedCandidate,
  seedElection,
  seedOrganization,
  startStandIns,
} from '../integration/api/approval-fixtures.ts';
import { launchChromium } from '../support/browser.ts';

const SHOTS = '/tmp';

let s: StandIns;
let browser: Browser;
let phone: BrowserContext;
let org: { orgId: string; rollId: string };

beforeAll(async () => {
  s = await startStandIns();
  org = await seedOrganization();
  // Never skipped: without the browser this test fails and says what to install.
  browser = await launchChromium();
  phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
}, 60_000);

afterAll(async () => {
  await phone?.close();
  await browser?.close();
  await s?.stop();
});

/**
 * What went wrong in the page: script errors, console errors (a blocked style shows up there) and
 * failed requests — but the favicon of the objection route's JSON answer, which is no page of ours.
 */
const watch = (page: import('playwright-core').Page) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  return errors;
};

describe('in a browser on a phone', () => {
  it('the superior opens the link, selects the formal candidates, approves and sees the confirmation', async () => {
    const election = await seedElection(org, 'inspection');
    const approval = await seedApproval(election);
    const page = await phone.newPage();
    const errors = watch(page);

    await page.goto(`${s.api.url}/approve/${approval.id}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      '考察对象票决',
    );
    for (const name of ['王芳', '李强']) {
      await expect(page.getByText(name).first().isVisible()).resolves.toBe(true);
    }
    await page.screenshot({ path: `${SHOTS}/zx-approval-page.png`, fullPage: true });

    await page.getByRole('checkbox', { name: '王芳' }).check();
    await page.getByRole('checkbox', { name: '李强' }).check();
    await page.getByLabel('意见').fill('同意王芳、李强为书记正式候选人');
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '同意', exact: true }).click(),
    ]);
    expect(posted.status()).toBe(200);
    await page.getByText('审批意见已记录').waitFor();
    await expect(page.getByText('确定的书记正式候选人').textContent()).resolves.toContain(
      '王芳、李强',
    );
    await page.screenshot({ path: `${SHOTS}/zx-approval-confirmation.png`, fullPage: true });

    await expectApproved(approval.id, {
      selection: ['c1', 'c2'],
      comment: '同意王芳、李强为书记正式候选人',
    });
    expect(s.released.filter((r) => r.token === approval.token)).toHaveLength(1);

    // Opened again (a reload, a second superior address): decided, no buttons.
    await page.goto(`${s.api.url}/approve/${approval.id}`);
    await page.getByText('此审批已作出决定').waitFor();
    expect(await page.getByRole('button').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('the public opens the 公示栏 and files an objection with its form', async () => {
    const election: ElectionRecord = await seedElection(org, 'preliminary-notice');
    await seedCandidate(election.id, {
      memberId: 'c1',
      status: 'preliminary',
      statements: { speech: '服务居民，真抓实干，做群众的贴心人。' },
    });
    await seedCandidate(election.id, { memberId: 'c2', status: 'preliminary' });
    await seedCandidate(election.id, { memberId: 'c3', status: 'preliminary' });
    const page = await phone.newPage();
    const errors = watch(page);

    await page.goto(`${s.api.url}/public/elections/${election.id}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      '公推直选公示栏',
    );
    await expect(page.getByText('服务居民，真抓实干').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/zx-board-page.png`, fullPage: true });

    await page.getByText('对张伟提出异议').click();
    await page.locator('details[open] textarea').fill('该同志长期不在本社区居住');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/v1/elections/${election.id}/objections`)),
      page.locator('details[open]').getByRole('button', { name: '提交异议' }).click(),
    ]);
    expect(response.status()).toBe(201);
    const objections = await objectionsOf(election.id);
    expect(objections.map((o) => [o.candidateId, o.text])).toEqual([
      ['c3', '该同志长期不在本社区居住'],
    ]);

    await page.goto(`${s.api.url}/public/elections/${election.id}`);
    await page.getByText('共 1 件（待处理 1 件').waitFor();
    expect(await page.content()).not.toContain('长期不在本社区居住');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
