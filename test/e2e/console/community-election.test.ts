// Proves the organizer console runs a whole `community` election on its own, as its people would
// on the assembly's days: an organizer signs in, creates the organization, imports its roll from
// an .xlsx file, creates the election, keeps the nomination window open, enters the paper
// nominations and reviews them, holds the recommendation assembly (attendance per constituency,
// 185 ballots typed at the keyboard, the close), records the inspections, collects the formal
// candidates' committee lists and statements, and holds the members' assembly (the secretary,
// then the committee). The deadlines pass as the workflow keeps them, and the superior decides
// each approval on the page its e-mail links to. The API is only read, to check what the screens
// did. Days last 2 s; the whole run takes a few minutes. Screenshots of each screen go to
// docs/console/ (README).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { makeRoll } from '../../../scripts/scenario/roll.ts';
import { eligibleMembers } from '../../../scripts/scenario/steps.ts';
import { RATING_NAMES } from '../../../shared/notices/labels.ts';
import { EDUCATION_NAMES } from '../../../shared/notices/words.ts';
import { entitledMembers, type Member, shanghaiDate } from '../../../shared/rules/index.ts';
import {
  BROWSING,
  type ConsoleStack,
  chooseIn,
  clickButton,
  pageErrors,
  shoot,
  spreadsheet,
  startConsoleStack,
} from '../../support/browser.ts';

const SECRET = 'console-community-secret';
const DAY_MS = 2000;
const ORG = 'sq-xinguang';
const SUPERIOR = 'dgw@xinguang.example.cn';

let stack: ConsoleStack;

beforeAll(async () => {
  // Elections made without a day length (as the console makes them) run on 2-second days.
  process.env.ZX_DAY_MS = String(DAY_MS);
  stack = await startConsoleStack(SECRET);
}, 60_000);

afterAll(async () => {
  delete process.env.ZX_DAY_MS;
  await stack?.stop();
});

/** The roll as the organizers keep it, in the template's columns. */
const rollFile = (roll: readonly Member[]) =>
  spreadsheet('roll.xlsx', '党员名册', [
    ['编号', '姓名', '出生日期', '转正时间', '学历', '组织关系', '党员权利', '健康', '邮箱'],
    ...roll.map((m) => [
      m.id,
      m.name,
      m.birthDate,
      m.fullSince ?? '',
      EDUCATION_NAMES[m.education],
      m.orgRelationLocal ? '在本组织' : '外地',
      m.rights === 'discipline' ? '留党察看' : '正常',
      m.healthy ? '健康' : '',
      m.email ?? '',
    ]),
  ]);

interface ElectionState {
  stage: string;
  candidates: { memberId: string; office: string; status: string }[];
  rounds: { id: string; kind: string; office: string; number: number; status: string }[];
  pendingApprovals: { id: string; kind: string }[];
  result?: { secretary?: string; members?: string[] };
}

describe('a whole community election through the console', () => {
  it('runs from the roll in Excel to the superior’s approval of the committee', async () => {
    const roll = makeRoll(40, 7, 'x');
    const nameOf = (id: string) => roll.find((m) => m.id === id)?.name ?? id;
    const page = await stack.page(null);
    const errors = pageErrors(page);
    onTestFailed(async () => {
      await page.screenshot({ path: '/tmp/zx-console-community-failure.png', fullPage: true });
    });
    const dialog = () => page.getByRole('dialog');

    // --- Sign in (locally: roles and organizations chosen; organizer, teller and scrutineer).
    await page.goto(`${stack.url}/console/`);
    await page.waitForURL('**/console/sign-in**');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console/elections');
    const token = await page.evaluate(() => sessionStorage.getItem('zx.console.token'));
    const read = <T>(path: string) => stack.api.call<T>('GET', path, token ?? undefined);

    // --- The organization and its roll, from Excel.
    await page.getByRole('menuitem', { name: /党组织与名册/ }).click();
    await page.getByRole('button', { name: '新建党组织' }).first().click();
    await dialog().getByLabel('编号').fill(ORG);
    await dialog().getByLabel('名称').fill('新光社区党支部');
    await dialog().getByLabel('上级党组织').fill('新光街道党工委');
    await dialog().getByLabel('上级审批邮箱').fill(SUPERIOR);
    await dialog().getByLabel('上级审批邮箱').press('Enter');
    await dialog().getByRole('button', { name: '创建' }).click();
    await page.waitForURL(`**/console/organizations/${ORG}`);
    await page.getByRole('button', { name: '导入名册' }).first().click();
    const importer = page.getByRole('dialog', { name: '导入党员名册' });
    await importer.locator('input[type=file]').setInputFiles(await rollFile(roll));
    await importer.getByText(`共 ${roll.length} 行,全部有效,可以导入。`).waitFor();
    await importer.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '导入' }).click();
    await page.getByText(`名册已导入:${roll.length} 名党员`).first().waitFor();
    const stored = await read<{ count: number }>(`/v1/organizations/${ORG}/roll`);
    expect(stored.count).toBe(roll.length);

    // --- The election: community preset, 2 members, the approval links valid 60 days.
    await page.getByRole('button', { name: '为该组织新建选举' }).click();
    await page.waitForURL('**/console/elections/new?orgId=*');
    const startsAt = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
    const picker = page.getByLabel('开始时间(北京时间)');
    await picker.click();
    await picker.fill(`${shanghaiDate(startsAt.toISOString())} ${shanghaiClock(startsAt)}`);
    await picker.press('Enter');
    await page.getByText('日程预览').click();
    await page.getByLabel('委员').fill('2');
    await page.getByLabel('上级审批时限(天)').fill('60');
    // One table types each ballot here: double entry (ticked for elections) has its own tests.
    await page.getByRole('checkbox', { name: '选举', exact: true }).uncheck();
    await page.getByRole('button', { name: '创建选举' }).click();
    await page.getByRole('button', { name: '确定创建' }).click();
    await page.waitForURL(/\/console\/elections\/(?!new)[^/]+$/);
    const electionId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    const election = () => read<ElectionState>(`/v1/elections/${electionId}`);
    /** Waits (reading the API) until the workflow is in `stage`, then shows the page afresh. */
    const reach = async (stage: string, tab = '概况与日程') => {
      const until = Date.now() + 120_000;
      let state = await election();
      while (state.stage !== stage) {
        if (['halted', 'cancelled', 'completed'].includes(state.stage) || Date.now() > until) {
          throw new Error(`waiting for ${stage}, the election is in ${state.stage}`);
        }
        await page.waitForTimeout(300);
        state = await election();
      }
      await page.goto(`${stack.url}/console/elections/${encodeURIComponent(electionId)}`);
      await page.getByRole('tab', { name: tab }).click();
      return state;
    };
    /** Moves a stage's deadline in the timeline's dialog (seconds: this election's days are short). */
    const moveDeadline = async (stageName: string, at: Date) => {
      await page.getByRole('tab', { name: '概况与日程' }).click();
      await page.getByRole('button', { name: new RegExp(`调整${stageName}.*截止时间`) }).click();
      const field = dialog().getByLabel('截止时间');
      await field.click();
      await field.fill(`${shanghaiDate(at.toISOString())} ${shanghaiClock(at, true)}`);
      await field.press('Enter');
      await dialog().getByRole('button', { name: '保存新的截止时间' }).click();
      await dialog().waitFor({ state: 'hidden' });
    };

    // The organizers keep the nomination window open until the paper nominations are in.
    await moveDeadline('公开报名', new Date(Date.now() + 10 * 60_000));
    await shoot(page, 'election.png');

    // --- Nominations (paper forms entered by the organizers) and the eligibility review.
    // Nominees who pass every condition (nothing to waive), and the committee's from the rest.
    const eligible = eligibleMembers(roll, 'community', startsAt.toISOString(), DAY_MS);
    const nominees = eligible.slice(0, 4);
    const others = eligible.slice(4, 10);
    expect(others).toHaveLength(6);
    const staff = roll.filter((m) => !eligible.slice(0, 10).includes(m));
    await reach('nomination', '提名与资格审查');
    for (const nominee of nominees) {
      await page.getByRole('button', { name: '录入提名' }).click();
      await chooseIn(page, dialog().getByLabel('被提名人'), nominee.name, nominee.id);
      for (const document of ['身份证', '户口簿', '学历证明', '照片']) {
        await dialog()
          .getByRole('checkbox', { name: new RegExp(document) })
          .check();
      }
      await clickButton(page, '录入');
      await page.getByText(`${nominee.name}(${nominee.id})`).first().waitFor();
    }
    await page.getByText('待审查 4 人').waitFor();
    await moveDeadline('公开报名', new Date(Date.now() + 3000));

    await reach('eligibility-review', '提名与资格审查');
    for (const nominee of nominees) {
      const row = page.getByRole('row', { name: new RegExp(`${nominee.name}\\(${nominee.id}\\)`) });
      await row.getByRole('button', { name: '通过', exact: true }).click();
      await dialog().getByRole('button', { name: '确认通过' }).click();
      await dialog().waitFor({ state: 'hidden' });
    }
    await shoot(page, 'nominations.png');

    // --- The recommendation assembly: two constituencies, 185 paper ballots.
    await reach('recommendation');
    let round = await openRound(page, election, 'recommendation');
    await recordAttendance(page, staff, [
      { expected: 40, present: 35, issued: 35 },
      { expected: 160, present: 150, issued: 150 },
    ]);
    const [a, b, c, d] = round.candidates as [string, string, string, string];
    const recommendations: [string, [string | undefined, number][]][] = [
      [
        '社区单位党组织',
        [
          [a, 14],
          [b, 10],
          [c, 7],
          [d, 3],
          [undefined, 1],
        ],
      ],
      [
        '社区居民群众',
        [
          [a, 52],
          [b, 41],
          [c, 33],
          [d, 20],
          [undefined, 4],
        ],
      ],
    ];
    let serial = 0;
    for (const [constituency, votes] of recommendations) {
      await page.getByText(constituency, { exact: true }).last().click();
      await page.getByLabel('选票编号').focus();
      for (const [candidate, n] of votes) {
        const key = candidate ? String(round.candidates.indexOf(candidate) + 1) : undefined;
        for (let i = 0; i < n; i++) {
          serial += 1;
          await page.keyboard.type(`T${serial}`);
          await page.keyboard.press('Enter');
          if (key) await page.keyboard.press(key);
          await page.keyboard.press('Enter');
        }
      }
    }
    const recommendationTally = await closeRound(page, round, 185, read, electionId);
    expect(recommendationTally.elected.map(nameOf)).toEqual([a, b, c].map((id) => nameOf(id)));

    // --- Inspection (考察) of the three, and the superior's vote on two by its link.
    await reach('inspection', '公示、考察与建议名单');
    for (const candidate of [a, b, c]) {
      await chooseIn(page, page.getByLabel('考察人选'), nameOf(candidate));
      await chooseIn(page, page.getByLabel('考察评价'), RATING_NAMES.good as string);
      await page.getByLabel('考察情况').fill(`${nameOf(candidate)}同志德才表现良好,群众公认度高。`);
      await clickButton(page, '录入考察情况');
      await page
        .getByText(new RegExp(`已录入 ${nameOf(candidate)}.*的考察情况`))
        .first()
        .waitFor();
    }
    await approveByMail(stack, election, 'inspection', {
      select: [a, b].map((id) => nameOf(id)),
    });

    // --- The formal notice: each formal candidate's committee list, and their statements.
    await reach('formal-notice', '公示、考察与建议名单');
    const lists: [string, Member[]][] = [
      [a, others.slice(0, 3)],
      [b, others.slice(3, 6)],
    ];
    for (const [candidate, list] of lists) {
      await chooseIn(page, page.getByLabel('书记候选人'), nameOf(candidate));
      for (const member of list) {
        await chooseIn(page, page.getByLabel('建议人选'), member.name, member.id);
      }
      await page.keyboard.press('Escape');
      await page.getByText(/^差额检查通过/).waitFor();
      await clickButton(page, '提交建议名单');
      await page
        .getByText(new RegExp(`${nameOf(candidate)}.*的委员建议名单已保存`))
        .first()
        .waitFor();
      await chooseIn(page, page.getByLabel('候选人', { exact: true }), nameOf(candidate));
      await page.getByLabel('内容').fill(`${nameOf(candidate)}:抓党建、促就业、办实事。`);
      await clickButton(page, '记录');
      await page
        .getByText(new RegExp(`已记录 ${nameOf(candidate)}.*的`))
        .first()
        .waitFor();
    }
    await moveDeadline('正式候选人公示', new Date(Date.now() + 3000));

    // --- The members' assembly: the secretary, then the committee.
    await reach('secretary-election');
    round = await openRound(page, election, 'secretary-election');
    // Everyone entitled to vote (有选举权的党员) but three who sent their apologies.
    const voters = await recordAttendance(page, staff, entitledMembers(roll).length - 3);
    const [first, second] = round.candidates as [string, string];
    await typeBallots(page, 'S', voters, (i) => (i % 3 === 2 ? ['2', '1'] : ['1', '2']));
    const secretaryTally = await closeRound(page, round, voters, read, electionId);
    expect(secretaryTally.elected).toEqual([first]);
    expect(second).toBeDefined();

    await reach('member-election');
    round = await openRound(page, election, 'member-election');
    await recordAttendance(page, staff, voters);
    await typeBallots(page, 'W', voters, (i) => ['1', i % 4 === 3 ? '3' : '1', i % 2 ? '2' : '3']);
    const memberTally = await closeRound(page, round, voters, read, electionId);
    expect(memberTally.elected).toHaveLength(2);

    // --- The superior approves the secretary, then the committee, by the e-mailed links.
    await approveByMail(stack, election, 'secretary');
    await approveByMail(stack, election, 'members');
    const final = await reach('completed');
    expect(final.result?.secretary).toBe(first);
    expect(final.result?.members?.sort()).toEqual([...memberTally.elected].sort());
    await page
      .getByText(nameOf(first as string))
      .first()
      .waitFor();
    await shoot(page, 'election-completed.png', true);
    expect(errors).toEqual([]);
  }, 900_000);
});

/** `HH:mm` (or `HH:mm:ss`) of an instant in Shanghai time. */
function shanghaiClock(at: Date, seconds = false): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(at);
  return text;
}

interface RoundState {
  id: string;
  kind: string;
  candidates: string[];
}

/** Opens the round of `stage` from the election's page (the rounds table links to it). */
async function openRound(
  page: Page,
  election: () => Promise<ElectionState>,
  stage: string,
): Promise<RoundState> {
  // The workflow opens the round as the stage begins: wait for it, then see it listed.
  const until = Date.now() + 30_000;
  let open: ElectionState['rounds'][number] | undefined;
  while (!open) {
    open = (await election()).rounds.find((r) => r.status === 'open');
    if (!open && Date.now() > until) throw new Error(`no open round in ${stage}`);
    if (!open) await page.waitForTimeout(300);
  }
  await page.reload();
  await page.locator(`a[href$="/rounds/${encodeURIComponent(open.id)}"]`).click();
  await page.getByText('登记到会情况与工作人员').waitFor();
  const url = new URL(page.url());
  const [, , , electionId, , roundId] = url.pathname.split('/');
  const round = await fetch(`${url.origin}/v1/elections/${electionId}/rounds/${roundId}`, {
    headers: {
      authorization: `Bearer ${await page.evaluate(() => sessionStorage.getItem('zx.console.token'))}`,
    },
  }).then((r) => r.json() as Promise<RoundState>);
  return round;
}

/**
 * The attendance: per constituency (recommendation) or everyone entitled but three (the
 * members' assembly), and three staff picked by name. Answers the ballots issued.
 */
async function recordAttendance(
  page: Page,
  staffFrom: readonly Member[],
  attendance: { expected: number; present: number; issued: number }[] | number,
): Promise<number> {
  let issued = 0;
  if (typeof attendance === 'number') {
    issued = attendance;
    await page.getByLabel('实到会人数').fill(String(issued));
    await page.getByLabel('发出选票(张)').fill(String(issued));
  } else {
    for (const [i, part] of attendance.entries()) {
      await page.getByLabel('应到(人)').nth(i).fill(String(part.expected));
      await page.getByLabel('实到(人)').nth(i).fill(String(part.present));
      await page.getByLabel('发出选票(张)').nth(i).fill(String(part.issued));
      issued += part.issued;
    }
  }
  for (const [i, label] of ['唱票人', '监票人', '计票人'].entries()) {
    await chooseIn(page, page.getByRole('combobox', { name: label }), staffFrom[i]?.name ?? '');
  }
  await clickButton(page, '登记到会情况');
  await page.getByText('到会情况与工作人员', { exact: true }).waitFor();
  return issued;
}

/** `n` election ballots at the keyboard: serial, Enter, a key per candidate, Enter. */
async function typeBallots(page: Page, prefix: string, n: number, keysOf: (i: number) => string[]) {
  await page.getByLabel('选票编号').focus();
  for (let i = 0; i < n; i++) {
    await page.keyboard.type(`${prefix}${i + 1}`);
    await page.keyboard.press('Enter');
    for (const key of keysOf(i)) await page.keyboard.press(key);
    await page.keyboard.press('Enter');
  }
}

/** The scrutineer closes once every ballot is on the server; answers the tally the API holds. */
async function closeRound(
  page: Page,
  round: RoundState,
  ballots: number,
  read: <T>(path: string) => Promise<T>,
  electionId: string,
): Promise<{ elected: string[]; counts: Record<string, number> }> {
  await page.getByText(`服务器已收 ${ballots} 张`).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '结束计票' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '结束计票' }).click();
  await page.getByLabel('计票结果').waitFor();
  const closed = await read<{ tally: { elected: string[]; counts: Record<string, number> } }>(
    `/v1/elections/${electionId}/rounds/${round.id}`,
  );
  expect(closed.tally.counts).toBeDefined();
  return closed.tally;
}

/**
 * The superior opens the link in its mail for the pending approval of `kind` and decides on the
 * page — ticking the names to select where the approval asks for a choice.
 */
async function approveByMail(
  stack: ConsoleStack,
  election: () => Promise<ElectionState>,
  kind: string,
  options: { select?: string[] } = {},
) {
  const deadline = Date.now() + 60_000;
  let link: string | undefined;
  while (!link) {
    const pending = (await election()).pendingApprovals.find((p) => p.kind === kind);
    const mail = (await (await fetch(`${stack.url}/local/mail`)).json()) as {
      to: string[];
      text: string;
    }[];
    link = pending
      ? mail
          .filter((m) => m.to.includes(SUPERIOR))
          .flatMap((m) => m.text.match(/https?:\/\/\S+\/approve\/[\w-]+/g) ?? [])
          .find((url) => url.endsWith(`/approve/${pending.id}`))
      : undefined;
    if (Date.now() > deadline) throw new Error(`no ${kind} approval link reached ${SUPERIOR}`);
    if (!link) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const context = await stack.browser.newContext(BROWSING);
  const page = await context.newPage();
  await page.goto(link.replace(/^https?:\/\/[^/]+/, stack.url));
  for (const name of options.select ?? []) {
    await page.getByRole('checkbox', { name }).check();
  }
  await page.getByLabel('意见').fill('同意');
  await page.getByRole('button', { name: '同意', exact: true }).click();
  await page.getByText('审批意见已记录').waitFor();
  await context.close();
}
