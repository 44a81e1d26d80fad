// Proves the double-entry card in a real browser: a round entered by two tellers through the API
// shows its counts, the mismatch side by side with the differing marks in red; a second entry
// made meanwhile shows within the 2-second poll; the 监票人 resolves the mismatch in the dialog
// and the count of resolved papers follows. Screenshot: docs/console/double-entry.png.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { openRound } from '../../../shared/election/rounds/round.ts';
import { PRESETS } from '../../../shared/rules/index.ts';
import { ELECTION_ROUND } from '../../integration/api/round-fixtures.ts';
import { signToken } from '../../support/api.ts';
import {
  CONSOLE_SHOTS,
  type ConsoleStack,
  consolePage,
  pageErrors,
  startConsoleStack,
} from '../../support/browser.ts';
import { electionRecord, roll } from '../../support/builders.ts';
import { seedElection, seedOrganization } from '../../support/seed.ts';

const SECRET = 'e2e-console-double-entry';
const ORG = 'org-double-entry';
const NAMES = ['王芳', '李强', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏'];
let stack: ConsoleStack;

beforeAll(async () => {
  stack = await startConsoleStack(SECRET);
}, 30_000);

afterAll(() => stack?.stop(), 60_000);

const as = (sub: string, roles: ('teller' | 'scrutineer' | 'organizer')[]) =>
  signToken({ sub, roles, orgs: [ORG] });

const send = async (token: string, path: string, body: unknown) => {
  const answer = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status, await answer.clone().text()).toBe(200);
  return answer.json();
};

describe('the double-entry card', () => {
  it('shows the counts live, a mismatch side by side, and resolves it', async () => {
    const members = roll(8).map((m, i) => ({ ...m, name: NAMES[i] ?? m.name }));
    const superior = { name: '东风街道党工委', emails: ['jiedao@example.org'] };
    const rollId = await seedOrganization(
      { id: ORG, name: '东风社区党支部', level: 'branch', superior },
      members,
    );
    const election = electionRecord({
      id: `el-double-${Date.now().toString(36)}`,
      orgId: ORG,
      rollId,
      rules: { ...PRESETS.community, doubleEntry: ['election'] },
      stage: 'secretary-election',
    });
    await seedElection(election);
    const round = await openRound(election, ELECTION_ROUND, 'workflow');
    const path = `/v1/elections/${election.id}/rounds/${round.id}`;
    const [a, b, chair] = await Promise.all([
      as('计票人甲', ['teller']),
      as('计票人乙', ['teller']),
      as('监票人', ['organizer', 'scrutineer', 'teller']),
    ]);
    const staff = { announcer: 'm06', scrutineer: 'm07', counter: 'm08' };
    await send(a, `${path}/attendance`, { present: 8, ballotsIssued: 8, staff });
    const FOR_1 = { m01: 'for', m02: 'against' };
    const pass1 = [
      { serial: '0011', marks: FOR_1 },
      { serial: '0022', marks: FOR_1 },
      { serial: '0033', marks: { m01: 'against', m02: 'for' } },
      { serial: '0044', marks: FOR_1 },
    ];
    await send(a, `${path}/ballots`, { ballots: pass1 });
    await send(b, `${path}/ballots`, {
      ballots: [
        { serial: '0011', marks: FOR_1 },
        { serial: '0022', marks: FOR_1 },
        { serial: '0033', marks: { m01: 'for', m02: 'for' } },
      ],
    });

    const page = await consolePage(stack.browser, chair);
    const errors = pageErrors(page);
    onTestFailed(async () => {
      await page.screenshot({ path: '/tmp/zx-double-entry-failure.png', fullPage: true });
    });
    await page.goto(`${stack.url}/console/elections/${election.id}/rounds/${round.id}`);
    const card = page.locator('.ant-card').filter({ hasText: '双人录入核对' }).first();
    await card.getByText('编号 0033').waitFor();
    const stat = (title: string) =>
      card.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
    await expect(stat('两次一致').textContent()).resolves.toBe('2');
    await expect(stat('仅录入一次').textContent()).resolves.toBe('1');
    // The differing mark, 王芳's 不赞成 against 赞成, is the one highlighted.
    const red = card.locator('span[style*="font-weight: 600"]');
    await expect(red.allTextContents()).resolves.toEqual(['不赞成', '赞成']);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `${CONSOLE_SHOTS}double-entry.png` });

    // The second teller types 0044 meanwhile: the poll shows it within about 2 s.
    await send(b, `${path}/ballots`, { ballots: [{ serial: '0044', marks: FOR_1 }] });
    await card.getByText('仅录入一次的编号').waitFor({ state: 'detached', timeout: 5000 });
    await expect(stat('两次一致').textContent()).resolves.toBe('3');

    await card.getByRole('button', { name: '裁定' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('第二次录入').click();
    await dialog.getByLabel('理由(记入审计日志)').fill('核对原票,第二次录入正确');
    await dialog.getByRole('button', { name: '确定裁定' }).click();
    await page.getByText('编号 0033 已裁定,计入选票').waitFor();
    await card.getByText('无待处理').waitFor();
    await expect(stat('监票人已裁定').textContent()).resolves.toBe('1');
    expect(errors).toEqual([]);
  }, 90_000);
});
