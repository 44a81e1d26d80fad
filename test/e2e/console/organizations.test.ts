// Proves the console's organization and election screens work in a real browser as an organizer
// uses them: create an organization, import its roll from an .xlsx (a bad row is reported by
// row and column in the browser, "导入" stays disabled, and the row is dropped only by the
// explicit choice), see the roll; create an election with its calendar preview and find it in
// the elections list — checking what the API then holds. Saves the screens for the README.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleOf } from '../../../scripts/scenario/steps.ts';
import { formatShanghai, shanghaiDate, shanghaiToday } from '../../../shared/rules/calendar.ts';
import {
  CONSOLE_SHOTS,
  type ConsoleStack,
  pageErrors,
  shoot,
  spreadsheet,
  startConsoleStack,
} from '../../support/browser.ts';

const SECRET = 'console-organizations-secret';
const ORG = 'sq-qinghe';

let stack: ConsoleStack;
let organizer: string;

beforeAll(async () => {
  stack = await startConsoleStack(SECRET);
  organizer = (await peopleOf([ORG], SECRET)).organizer;
  mkdirSync(CONSOLE_SHOTS, { recursive: true });
}, 60_000);

afterAll(() => stack?.stop());

/** Script and console errors, and failed requests: none is expected on the way. */
const watch = (page: Page) => {
  const errors = pageErrors(page);
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
};

/** The roll as organizers keep it: the 3rd row has no valid birth date; 籍贯 is not ours. */
const rollWorkbook = () => {
  const people: [string, string, string, string][] = [
    ['王芳', '女', '1978-03-02', '大学本科'],
    ['赵敏', '女', '1980-13-45', '大专'],
    ['李强', '男', '1975-11-20', '高中'],
    ['陈静', '女', '1982-06-15', '硕士'],
    ['刘洋', '男', '1979-01-08', '大学本科'],
    ['孙丽', '女', '1984-09-30', '大专'],
  ];
  return spreadsheet('roll.xlsx', '名册', [
    ['姓名', '性别', '出生日期', '转正时间', '学历', '组织关系', '健康', '邮箱', '籍贯'],
    ...people.map(([name, gender, birth, education], i) => [
      name,
      gender,
      birth,
      '2005-07-01',
      education,
      '本社区',
      '健康',
      `m${i + 1}@qinghe.example.cn`,
      '江苏南京',
    ]),
  ]);
};

const DAY = 86_400_000;

/** 09:00 in Shanghai 3 days on (not the form's default): the election starts in the future. */
const startInThreeDays = (): { typed: string; instant: string } => {
  const today = Date.parse(`${shanghaiToday(new Date())}T09:00:00+08:00`);
  const instant = new Date(today + 3 * DAY).toISOString();
  return { typed: `${shanghaiDate(instant)} 09:00`, instant };
};
const daysAfter = (instant: string, days: number) =>
  new Date(Date.parse(instant) + days * DAY).toISOString();

describe('the organizer console: organizations, rolls and elections', () => {
  it('creates an organization, imports its roll from Excel, and creates an election', async () => {
    // An organizer of the organization it is about to create, signed in.
    const page = await stack.page(organizer);
    const errors = watch(page);

    await page.goto(`${stack.url}/console/organizations`);
    await page.getByText('还没有党组织').waitFor();

    await page.getByRole('button', { name: '新建党组织' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建党组织' });
    await dialog.getByLabel('编号').fill(ORG);
    await dialog.getByLabel('名称').fill('清河社区党支部');
    await dialog.getByLabel('上级党组织').fill('清河街道党工委');
    await dialog.getByLabel('上级审批邮箱').fill('dgw@qinghe.example.cn');
    await dialog.getByLabel('上级审批邮箱').press('Enter');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(`**/console/organizations/${ORG}`);
    await page.getByText('尚未导入党员名册').waitFor();

    // The roll: read in the browser, the bad row named by row and column.
    await page.getByRole('button', { name: '导入名册' }).first().click();
    const importer = page.getByRole('dialog', { name: '导入党员名册' });
    await importer.locator('input[type=file]').setInputFiles(await rollWorkbook());
    await importer.getByText('有效 5 行,有问题 1 行').waitFor();
    await importer.getByText('“出生日期”:不是有效日期').waitFor();
    await expect(importer.getByRole('cell', { name: '3', exact: true }).count()).resolves.toBe(1);
    await expect(importer.getByText('籍贯').isVisible()).resolves.toBe(true);
    await expect(
      importer.getByRole('button', { name: '导入', exact: true }).isDisabled(),
    ).resolves.toBe(true);
    await shoot(page, 'roll-import.png');

    await importer.getByRole('button', { name: '仅导入有效的 5 行' }).click();
    const confirm = page.getByRole('dialog', { name: '仅导入有效的 5 行?' });
    await confirm.getByText('第 3 行').waitFor();
    await confirm.getByRole('button', { name: '仅导入 5 行' }).click();
    await page.getByText('名册已导入:5 名党员').first().waitFor();
    await page.getByText('未导入的行:第 3 行。忽略的列:籍贯。').waitFor();
    // The import dialog (whose preview lists 赵敏's bad row) has gone: only the roll is shown.
    await importer.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '王芳', exact: true }).waitFor();
    await expect(page.getByRole('cell', { name: /赵敏/ }).count()).resolves.toBe(0);

    const roll = await stack.api.call<{ count: number; members: { name: string; id: string }[] }>(
      'GET',
      `/v1/organizations/${ORG}/roll`,
      organizer,
    );
    expect(roll.count).toBe(5);
    expect(roll.members.map((m) => m.name).sort()).toEqual(
      ['刘洋', '孙丽', '李强', '王芳', '陈静'].sort(),
    );
    expect(roll.members.find((m) => m.name === '王芳')?.id).toBe('王芳-19780302');

    await page.goto(`${stack.url}/console/organizations`);
    await page.getByRole('cell', { name: /清河社区党支部/ }).waitFor();
    await page.getByRole('cell', { name: '5', exact: true }).waitFor();
    await shoot(page, 'organizations.png');

    // A new election, its calendar previewed in the browser before it is sent.
    await page.getByRole('cell', { name: /清河社区党支部/ }).click();
    await page.getByRole('button', { name: '为该组织新建选举' }).click();
    await page.waitForURL('**/console/elections/new?orgId=*');
    const start = startInThreeDays();
    const picker = page.getByLabel('开始时间(北京时间)');
    await picker.click();
    await picker.fill(start.typed);
    await picker.press('Enter');
    await page.getByText('日程预览').click(); // the picker's panel closes
    await page.getByLabel('委员').fill('4');
    // 选举日: the community's assembly is 30 days after the start.
    const assembly = formatShanghai(daysAfter(start.instant, 30)).split(' ')[0] as string;
    await page.getByText(assembly, { exact: true }).waitFor();
    await page.getByText(formatShanghai(start.instant)).waitFor();
    await shoot(page, 'election-new.png');

    await page.getByRole('button', { name: '创建选举' }).click();
    await page.getByRole('button', { name: '确定创建' }).click();
    await page.waitForURL(/\/console\/elections\/(?!new)[^/]+$/);
    const electionId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    const election = await stack.api.call<{
      orgId: string;
      preset: string;
      startsAt: string;
      seats: unknown;
      stage: string;
    }>('GET', `/v1/elections/${electionId}`, organizer);
    expect(election).toMatchObject({
      orgId: ORG,
      preset: 'community',
      startsAt: start.instant,
      seats: { secretary: 1, deputies: 0, members: 4 },
    });

    // The first screen lists it, with its stage and deadline.
    await page.goto(`${stack.url}/console/`);
    await page.waitForURL('**/console/elections');
    const row = page.getByRole('row', { name: /清河社区党支部/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('宣传动员');
    // 宣传动员 lasts 8 days.
    await expect(row.textContent()).resolves.toContain(formatShanghai(daysAfter(start.instant, 8)));
    await shoot(page, 'elections.png');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);
});
