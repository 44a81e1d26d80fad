// Proves the console's approvals, supervision and batch screens in a real browser on the local
// stack: an organizer sees the superior's pending approval of a 任职承诺书 and resends its link
// (a new mail reaches the superior), reads the election's result with names and votes, files a
// recall with 10 signatories chosen from the roll (the API then holds it), starts a batch
// from an Excel list of organization ids, landing on its progress page, and one from a batch
// file of organizations and their rolls: a bad row refused (its row and column shown, nothing
// stored), the corrected file uploaded and imported, its elections listed, the import followed
// while it runs. Saves the screenshots.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../../infra/local/stack.ts';
import type { Member } from '../../../shared/rules/index.ts';
import { putNewElection } from '../../../shared/store/elections.ts';
import { putNewRound } from '../../../shared/store/rounds.ts';
import { commit } from '../../../shared/store/transact.ts';
import { callApi, signToken } from '../../support/api.ts';
import { CONSOLE_SHOTS, consolePage, launchChromium, pageErrors } from '../../support/browser.ts';
import { committeeRound, electionRecord, member, roundRecord } from '../../support/builders.ts';

const SECRET = 'e2e-console-supervision';
const ORG = 'cs-yimen';
const SUPERIOR = 'qingjiang@example.cn';
const BATCH_ORGS = ['cs-batch-a', 'cs-batch-b'];
const FILE_ORGS = ['cs-file-a', 'cs-file-b', 'cs-file-c'];

const NAMES = ['王建国', '李秀英', '张志强', '刘丽华', '陈海涛', '杨桂兰', '黄明', '赵静', '吴伟'];
const ROLL: Member[] = [
  ...NAMES.map((name, i) => member(`p${i + 1}`, { name, email: `p${i + 1}@example.cn` })),
  ...Array.from({ length: 12 }, (_, i) => member(`s${i + 1}`, { name: `联名党员${i + 1}` })),
];

let stack: LocalStack;
let dataDir: string;
let browser: Browser;
let organizer: string;
const electionId = 'cs-supervised';

const api = async (method: string, path: string, body?: unknown) => {
  const answer = await callApi(stack.url, method, path, { token: organizer, body });
  expect(answer.status, answer.text).toBeLessThan(300);
  return answer.body as never;
};
const mailTo = async (to: string) =>
  (
    (await callApi(stack.url, 'GET', '/local/mail')).body as { to: string[]; subject: string }[]
  ).filter((m) => m.to.includes(to));

const newOrganization = async (id: string, name: string) => {
  await api('POST', '/v1/organizations', {
    id,
    name,
    level: 'branch',
    superior: { name: '清姜街道党工委', emails: [SUPERIOR] },
  });
  await api('PUT', `/v1/organizations/${id}/roll`, { members: ROLL });
};

beforeAll(async () => {
  process.env.ZX_AUTH_SECRET = SECRET;
  dataDir = mkdtempSync(join(tmpdir(), 'zx-console-supervision-'));
  stack = await startLocalStack({ port: 0, dataDir });
  organizer = await signToken(
    { sub: 'organizer-1', roles: ['organizer'], orgs: ['*'] },
    { secret: SECRET },
  );
  await newOrganization(ORG, '益门社区党支部');
  for (const [i, id] of BATCH_ORGS.entries()) await newOrganization(id, `批量社区${i + 1}党支部`);
  // The election as the workflow leaves it at `completed` (a whole run takes a minute; the
  // workflow's own tests cover it): 王建国 secretary, 李秀英 and 张志强 members.
  const { rollId } = (await api('GET', `/v1/organizations/${ORG}`)) as { rollId: string };
  const election = electionRecord({
    id: electionId,
    orgId: ORG,
    rollId,
    stage: 'completed',
    result: { secretary: 'p1', deputies: [], members: ['p2', 'p3'] },
  });
  const tally = (counts: Record<string, number>, elected: string[]) => ({
    status: 'valid' as const,
    issued: 20,
    returned: 20,
    valid: 20,
    invalid: 0,
    counts,
    elected,
    next: 'advance' as const,
  });
  const attendance = {
    present: 20,
    ballotsIssued: 20,
    expected: 21,
    staff: { announcer: 'p7', scrutineer: 'p8', counter: 'p9' },
    recordedBy: 'teller-1',
    at: '2026-04-14T01:30:00.000Z',
  };
  await commit(
    [
      putNewElection(election),
      putNewRound(
        electionId,
        roundRecord({
          candidates: ['p1', 'p4'],
          attendance,
          tally: tally({ p1: 15, p4: 5 }, ['p1']),
        }),
      ),
      putNewRound(
        electionId,
        committeeRound({
          id: 'member-election-1',
          candidates: ['p2', 'p3', 'p5'],
          attendance,
          tally: tally({ p2: 14, p3: 12, p5: 6 }, ['p2', 'p3']),
        }),
      ),
    ],
    {
      scope: `ELECTION#${electionId}`,
      actor: 'organizer-1',
      action: 'election-created',
      data: { seeded: 'completed' },
    },
  );
  // The 任职承诺书, sent to the superior: the approval the console lists.
  await api('POST', `/v1/elections/${electionId}/commitments`, {
    goals: [
      {
        category: 'employment',
        text: '开发社区公益岗位,帮助失业党员和居民就业',
        target: '新增就业岗位 50 个',
      },
    ],
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const open = async (path: string): Promise<{ page: Page; errors: string[] }> => {
  const page = await consolePage(browser, organizer);
  const errors = pageErrors(page);
  await page.goto(`${stack.url}/console${path}`);
  return { page, errors };
};

/** On a tablet held upright nothing runs off the side: wide tables scroll inside their card. */
const fitsTablet = async (page: Page) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(768);
  await page.setViewportSize({ width: 1280, height: 800 });
};

/** A screenshot once the toasts (3 s) and spinners are gone and their fades (0.3 s) ended. */
const shoot = async (page: Page, name: string, fullPage = false) => {
  await page.locator('.ant-message-notice').last().waitFor({ state: 'detached', timeout: 8000 });
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-spin-blur'));
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${CONSOLE_SHOTS}${name}.png`, fullPage });
};

describe('the console after the election', () => {
  it('lists the pending approval and resends its link: the superior gets a new mail', async () => {
    const before = (await mailTo(SUPERIOR)).length;
    const { page, errors } = await open('/approvals');
    const row = page.getByRole('row', { name: /任职承诺书/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(SUPERIOR);
    await expect(row.textContent()).resolves.toContain('益门社区党支部');
    await shoot(page, 'approvals');

    await row.getByRole('button', { name: '重发审批链接' }).click();
    await page.getByRole('button', { name: '重发', exact: true }).click();
    await page.getByText(`审批链接已重新发送至 ${SUPERIOR}`).waitFor();
    await expect.poll(async () => (await mailTo(SUPERIOR)).length).toBe(before + 1);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows the result and files a recall with signatories chosen from the roll', async () => {
    const { page, errors } = await open(`/elections/${electionId}/supervision`);
    const result = page.getByRole('row', { name: /王建国/ });
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/书记.*王建国.*15.*75\.00%/);

    await page.getByRole('tab', { name: '罢免与补选' }).click();
    await page.getByRole('button', { name: '提出罢免要求' }).click();
    const dialog = page.getByRole('dialog', { name: '提出罢免要求' });
    await dialog.getByLabel('被罢免人').click();
    await page.getByTitle('委员 李秀英').click();
    const signatories = dialog.getByLabel('联名党员');
    for (let i = 1; i <= 10; i++) {
      await signatories.fill(`联名党员${i}(`);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Escape');
    await dialog.getByText('已选 10 人,至少需要 10 名党员联名').waitFor();
    await dialog.getByLabel('罢免理由').fill('任期内长期不履行委员职责,群众意见较大。');
    await dialog.getByRole('button', { name: '提交罢免要求' }).click();
    const filed = page.getByRole('row', { name: /待上级调查审批/ });
    await filed.waitFor();
    await expect(filed.textContent()).resolves.toMatch(/委员 李秀英.*10 人.*不履行委员职责/);
    await shoot(page, 'supervision', true);
    await fitsTablet(page);

    const recalls = (await api('GET', `/v1/elections/${electionId}/recalls`)) as {
      officeHolderId: string;
      signatoryIds: string[];
      status: string;
    }[];
    expect(recalls).toHaveLength(1);
    expect(recalls[0]).toMatchObject({ officeHolderId: 'p2', status: 'pending-approval' });
    expect(new Set(recalls[0]?.signatoryIds)).toEqual(new Set(ROLL.slice(9, 19).map((m) => m.id)));
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('starts a batch from an .xlsx of organization ids and follows its progress', async () => {
    const { page, errors } = await open('/batches');
    await page.getByRole('button', { name: '新建批量选举' }).click();
    const dialog = page.getByRole('dialog', { name: '新建批量选举' });
    // The list as organizers keep it: a workbook, the ids under the header 编号.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('党组织');
    sheet.addRow(['编号', '名称']);
    for (const id of BATCH_ORGS) sheet.addRow([id, '社区党支部']);
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'orgs.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    await dialog.getByText('已选 2 个').waitFor();
    await dialog.getByRole('button', { name: '开始 2 个党组织的选举' }).click();
    await page.getByText('各党组织进度').waitFor();
    const batchId = decodeURIComponent(page.url().split('/batches/')[1] ?? '');
    for (const id of BATCH_ORGS) await page.getByRole('row', { name: new RegExp(id) }).waitFor();
    await page.getByText('统计(第一篇口径)').waitFor();
    await shoot(page, 'batch', true);
    await fitsTablet(page);

    const batch = (await api('GET', `/v1/batches/${batchId}`)) as {
      elections: { orgId: string }[];
    };
    expect(batch.elections.map((e) => e.orgId).sort()).toEqual(BATCH_ORGS);

    await page.getByRole('link', { name: '批量选举' }).first().click();
    await page.getByRole('link', { name: batchId }).waitFor();
    await shoot(page, 'batches');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
  it('starts a batch from a batch file: a bad row is shown, the corrected file is imported', async () => {
    const { page, errors } = await open('/batches');
    await page.getByRole('button', { name: '新建批量选举' }).click();
    const dialog = page.getByRole('dialog', { name: '新建批量选举' });
    await dialog.getByText('批量选举文件(党组织及其党员名册,CSV)').click();

    // The template it offers: UTF-8 with a BOM, the organization's columns first.
    const saved = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '下载模板' }).click();
    const template = await saved;
    expect(template.suggestedFilename()).toBe('批量选举文件模板.csv');
    const templateText = readFileSync((await template.path()) ?? '', 'utf8');
    expect(templateText).toMatch(/^\uFEFF组织编号,组织名称,组织类别,上级党组织,上级邮箱,编号,姓名/);

    // Three communities of 10 members each, as a system's export sorted by organization writes
    // them: the organization on its first row only. The first file has a date no calendar has.
    const batchFile = (badBirthDate: boolean) => {
      const lines = [
        '组织编号,组织名称,组织类别,上级党组织,上级邮箱,编号,姓名,出生日期,转正时间,学历,组织关系,邮箱',
      ];
      for (const [o, orgId] of FILE_ORGS.entries()) {
        for (let m = 0; m < 10; m++) {
          const org =
            m === 0
              ? [orgId, `文件社区${o + 1}党支部`, '党支部', '清姜街道党工委', SUPERIOR]
              : ['', '', '', '', ''];
          const born =
            badBirthDate && o === 1 && m === 1 ? '1980-13-45' : `1970-01-${String(m + 10)}`;
          lines.push(
            [
              ...org,
              `f${o}m${m}`,
              `党员${o + 1}-${m + 1}`,
              born,
              '2000-07-01',
              '大学本科',
              '在本组织',
              '',
            ].join(','),
          );
        }
      }
      return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
    };
    const input = dialog.locator('input[type=file]');
    await input.setInputFiles({
      name: '换届名册.csv',
      mimeType: 'text/csv',
      buffer: batchFile(true),
    });
    await dialog.getByText('换届名册.csv').waitFor();
    await dialog.getByRole('button', { name: '上传文件并开始选举' }).click();
    // Header row 1, the first community rows 2–11: the second member of the second is row 13.
    const problem = dialog.getByRole('row', { name: /13.*出生日期.*不是有效日期/ });
    await problem.waitFor();
    await dialog.getByText(/批量选举文件有 1 处问题,未导入任何数据/).waitFor();
    await expect(dialog.getByLabel('副书记名额').inputValue()).resolves.toBe('1');
    // Tall enough for the whole dialog, its buttons too.
    await page.setViewportSize({ width: 1280, height: 1120 });
    await shoot(page, 'batch-file');
    await fitsTablet(page);
    // Nothing stored: the file's organizations are not there.
    const refused = await callApi(stack.url, 'GET', `/v1/organizations/${FILE_ORGS[0]}`, {
      token: organizer,
    });
    expect(refused.status).toBe(404);

    await input.setInputFiles({
      name: '换届名册(改正).csv',
      mimeType: 'text/csv',
      buffer: batchFile(false),
    });
    await dialog.getByText('换届名册(改正).csv').waitFor();
    await dialog.getByRole('button', { name: '上传文件并开始选举' }).click();
    await page.getByText('已完成:导入 3 个党组织、30 名党员').waitFor();
    const batchId = decodeURIComponent(page.url().split('/batches/')[1] ?? '');
    for (const [o, id] of FILE_ORGS.entries()) {
      await page
        .getByRole('row', { name: new RegExp(`文件社区${o + 1}党支部\\(${id}\\)`) })
        .waitFor();
    }
    await fitsTablet(page);

    const batch = (await api('GET', `/v1/batches/${batchId}`)) as {
      import: { status: string; organizations: number; members: number; written: number };
      elections: { orgId: string }[];
    };
    expect(batch.import).toMatchObject({
      status: 'done',
      organizations: 3,
      members: 30,
      written: 3,
    });
    expect(batch.elections.map((e) => e.orgId).sort()).toEqual(FILE_ORGS);
    expect(errors).toEqual([]);
    await page.context().close();

    // The same page while the import runs (its first answer as the API gives it mid-way): it
    // shows the organizations written so far, then reads again by itself until all are in.
    const following = await open('/batches');
    let answers = 0;
    await following.page.route(`**/v1/batches/${batchId}`, async (route) => {
      const response = await route.fetch();
      answers += 1;
      if (answers > 1) return route.fulfill({ response });
      const body = (await response.json()) as typeof batch;
      body.import = { ...body.import, status: 'writing', written: 1 };
      body.elections = [];
      return route.fulfill({ response, json: body });
    });
    await following.page.goto(`${stack.url}/console/batches/${encodeURIComponent(batchId)}`);
    await following.page.getByText('写入党组织及其党员名册:1 / 3(共 30 名党员)').waitFor();
    await following.page.getByText('导入进行中,本页每 3 秒自动刷新。').waitFor();
    await shoot(following.page, 'batch-importing');
    await following.page.getByText('已完成:导入 3 个党组织、30 名党员').waitFor();
    await following.page.getByRole('row', { name: /文件社区1党支部/ }).waitFor();
    expect(answers).toBe(2);
    expect(following.errors).toEqual([]);
    await following.page.context().close();
  }, 90_000);
});
