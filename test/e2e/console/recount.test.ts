// Proves the console's public 复核计票 page in a real browser: anyone, without signing in,
// chooses a closed round's public recount file and the page counts it again with the verifier
// the command runs — `match` for the file as published; a changed ballot and a removed one named
// by serial; the chain head from the 选举结果报告单 anchoring the chain (a wrong head is named).
// Screenshot: docs/console/recount.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startInProcess } from '../../../scripts/scenario/in-process.ts';
import { openRound } from '../../../shared/election/rounds/round.ts';
import type { Role } from '../../../shared/http/auth.ts';
import { callApi, signToken } from '../../support/api.ts';
import { CONSOLE_SHOTS, launchChromium } from '../../support/browser.ts';
import { electionRecord, mailedMember, stored } from '../../support/builders.ts';
import { seedElection, seedOrganization } from '../../support/seed.ts';

const SECRET = 'e2e-console-recount';
const ORG = 'org-recount';
const NAMES = ['王芳', '李强', '张伟', '刘一', '陈二', '杨三', '黄四', '赵六', '孙七', '周八'];
const ROLL = NAMES.map((name, i) => stored(mailedMember(`p${i + 1}`, { name })));

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

type RecountFile = {
  ballots: { serial: string; content: { marks: Record<string, string> } }[];
  audit: { entries: { hash: string }[] };
};

/** A closed secretary round of 8 ballots on the stack, and its public recount file. */
const closedRound = async (): Promise<RecountFile> => {
  const rollId = await seedOrganization(
    {
      id: ORG,
      name: '新光社区党委',
      level: 'committee',
      superior: { name: '新光街道党工委', emails: ['gongwei@example.org'] },
    },
    ROLL,
  );
  const election = await seedElection(
    electionRecord({ id: 'el-recount', orgId: ORG, rollId, stage: 'secretary-election' }),
  );
  const round = await openRound(
    election,
    {
      kind: 'election',
      office: 'secretary',
      stage: 'secretary-election',
      candidates: ['p1', 'p2'],
      seats: 1,
      revotesSoFar: 0,
    },
    'workflow',
  );
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
    const context = await browser.newContext({ locale: 'zh-CN' }); // no sign-in
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
