// Proves supervision after the election end to end on the local stack (DynamoDB Local, SES,
// the Step Functions service, the HTTP API), driven through the HTTP API and the superior's
// e-mailed links: a petition of 9 signatories refused (422, nothing stored), a repeated
// signatory counted once, a recall rejected by the superior, a committee member recalled and the
// seat filled by a by-election, the 任职承诺书 approved and published, progress recorded and the
// annual report showing it, and a secretary recalled — the members from their suggestion list
// leaving office and a new election running. The `completed` election is written straight to
// the store (a whole election on the stack takes about a minute; its own e2e test covers it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.ts';
import { apiAt } from '../../scripts/scenario/client.ts';
import { recountEveryRound } from '../../scripts/scenario/recount.ts';
import type { ElectionView } from '../../scripts/scenario/views.ts';
import { createdEntryData } from '../../shared/election/elections/create.ts';
import type { Member } from '../../shared/rules/index.ts';
import { PRESETS, planCalendar, shanghaiDate } from '../../shared/rules/index.ts';
import { documentClient } from '../../shared/store/client.ts';
import { putNewElection } from '../../shared/store/elections.ts';
import { keys } from '../../shared/store/keys.ts';
import type { CandidateRecord, ElectionRecord } from '../../shared/store/records.ts';
import { tableName } from '../../shared/store/table.ts';
import { commit } from '../../shared/store/transact.ts';
import { type ApiAnswer, callApi, signToken } from '../support/api.ts';
import { member } from '../support/builders.ts';

const SECRET = 'e2e-supervision-secret';
const ORG = 'e2e-supervision';
const SUPERIOR = 'dangongwei@example.cn';
/** A calendar day of the election (and of the new one a recall starts): links live 7 of them. */
const DAY_MS = 5000;

const person = (id: string, name: string, overrides: Partial<Member> = {}): Member =>
  member(id, {
    name,
    email: `${id}@example.cn`,
    birthDate: '1979-05-01',
    fullSince: '2008-07-01',
    ...overrides,
  });

const SIGNERS = Array.from({ length: 12 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
const ROLL: Member[] = [
  person('s1', '王建国'),
  person('m1', '李秀英'),
  person('m2', '张志强'),
  person('m3', '刘丽华'),
  person('c1', '陈海涛'),
  person('c2', '杨桂兰'),
  ...SIGNERS.map((id, i) => person(id, `党员${i + 1}号`)),
  person('t1', '黄明'),
  person('t2', '赵静'),
  person('t3', '吴伟'),
  person('y1', '周芳', { status: 'probationary', fullSince: undefined }),
];
const STAFF = { announcer: 't1', scrutineer: 't2', counter: 't3' };

let stack: LocalStack;
let dataDir: string;
let organizer: string;
let teller: string;
let scrutineer: string;
let election: ElectionRecord;

/** The stack's API; `accept` asks for a page or its JSON. */
const call = (
  method: string,
  path: string,
  { token, body, accept }: { token?: string; body?: unknown; accept?: string } = {},
) => callApi(stack.url, method, path, { token, body, headers: accept ? { accept } : {} });

/** Succeeds or fails the test with what the API said. */
const ok = async <T>(answer: Promise<ApiAnswer>, status = 200): Promise<T> => {
  const { status: got, text } = await answer;
  expect(got, text).toBe(status);
  return JSON.parse(text) as T;
};

const token = (sub: string, roles: string[]) =>
  signToken({ sub, roles: roles as never, orgs: [ORG] }, { secret: SECRET });

interface Mail {
  to: string[];
  subject: string;
  text: string;
}
const mail = async () => (await call('GET', '/local/mail')).body as Mail[];

/** The approval link the superior got in the newest request of this kind, as a path. */
const approvalLinkFor = async (subject: string): Promise<string> => {
  for (let i = 0; i < 100; i++) {
    const requests = (await mail()).filter(
      (m) => m.to.includes(SUPERIOR) && m.subject.includes(`请审批:${subject}`),
    );
    const link = requests.at(-1)?.text.match(/\/approve\/[A-Za-z0-9_-]+/)?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no approval request for ${subject}`);
};

/** The superior opens the link (the page changes nothing) and decides on it. */
const superiorDecides = async (
  subject: string,
  decision: 'approve' | 'reject',
  comment: string,
) => {
  const link = await approvalLinkFor(subject);
  const page = await call('GET', link);
  expect(page.text).toContain('<form');
  await ok(call('POST', link, { body: { decision, comment } }));
};

interface Recall {
  id: string;
  status: string;
  roundId?: string;
  signatoryIds: string[];
  membersRemoved?: string[];
  newElectionId?: string;
  byElectionRoundId?: string;
}
const recall = (id: string) =>
  ok<Recall>(call('GET', `/v1/elections/${election.id}/recalls/${id}`, { token: organizer }));
const view = (id = election.id) =>
  ok<{ stage: string; result: unknown; replaces?: unknown }>(
    call('GET', `/v1/elections/${id}`, { token: organizer }),
  );

const petition = async (holder: string, signatoryIds: string[], by = organizer) =>
  call('POST', `/v1/elections/${election.id}/recalls`, {
    token: by,
    body: {
      officeHolderId: holder,
      signatoryIds,
      reason: '任期内工作业绩与竞选承诺不符,群众意见较大。',
    },
  });

/** The members' assembly votes on an open round: attendance, paper ballots, the count. */
const assemblyVotes = async (roundId: string, marks: (i: number) => Record<string, string>) => {
  const path = `/v1/elections/${election.id}/rounds/${roundId}`;
  const present = 20;
  await ok(
    call('POST', `${path}/attendance`, {
      token: teller,
      body: { present, ballotsIssued: present, staff: STAFF },
    }),
  );
  const ballots = Array.from({ length: present }, (_, i) => ({
    serial: `B${i + 1}`,
    marks: marks(i),
  }));
  await ok(call('POST', `${path}/ballots`, { token: teller, body: { ballots } }));
  return ok<{ status: string; counts: Record<string, number>; elected: string[] }>(
    call('POST', `${path}/close`, { token: scrutineer }),
  );
};

/** Files a petition, has the superior approve it by link and the assembly carry it. */
const recallCarried = async (holder: string) => {
  const filed = await ok<Recall>(petition(holder, SIGNERS.slice(0, 10)), 201);
  await superiorDecides('罢免要求', 'approve', '经调查,罢免理由成立,同意提交党员大会表决。');
  const voting = await recall(filed.id);
  expect(voting.status).toBe('voting');
  const tally = await assemblyVotes(voting.roundId as string, (i) => ({
    [holder]: i < 16 ? 'for' : 'against',
  }));
  expect(tally).toMatchObject({ status: 'valid', counts: { [holder]: 16 }, elected: [holder] });
  return recall(filed.id);
};

beforeAll(async () => {
  process.env.ZX_AUTH_SECRET = SECRET;
  dataDir = mkdtempSync(join(tmpdir(), 'zx-e2e-supervision-'));
  stack = await startLocalStack({ port: 0, dataDir });
  [organizer, teller, scrutineer] = await Promise.all([
    token('organizer-1', ['organizer']),
    token('teller-1', ['teller']),
    token('scrutineer-1', ['scrutineer']),
  ]);
  await ok(
    call('POST', '/v1/organizations', {
      token: organizer,
      body: {
        id: ORG,
        name: '益门社区党支部',
        level: 'branch',
        superior: { name: '清姜街道党工委', emails: [SUPERIOR] },
      },
    }),
    201,
  );
  await ok(
    call('PUT', `/v1/organizations/${ORG}/roll`, { token: organizer, body: { members: ROLL } }),
  );

  // The election as the workflow leaves it at `completed`: 王建国 secretary, his suggestion list
  // 李秀英, 张志强, 刘丽华, of whom the first two were elected members.
  const org = (await call('GET', `/v1/organizations/${ORG}`, { token: organizer })).body as {
    rollId: string;
  };
  const startsAt = new Date(Date.now() - 40 * DAY_MS).toISOString();
  election = {
    id: 'e2e-supervised',
    orgId: ORG,
    preset: 'community',
    seats: { secretary: 1, deputies: 0, members: 2 },
    rules: PRESETS.community,
    calendar: planCalendar({ startsAt, dayLengthMs: DAY_MS }, PRESETS.community),
    stage: 'completed',
    version: 1,
    rollId: org.rollId,
    dayLengthMs: DAY_MS,
    startsAt,
    createdAt: startsAt,
    createdBy: 'organizer-1',
    result: { secretary: 's1', deputies: [], members: ['m1', 'm2'] },
  };
  await commit([putNewElection(election)], {
    scope: `ELECTION#${election.id}`,
    actor: 'organizer-1',
    action: 'election-created',
    data: createdEntryData(election),
  });
  const secretary: CandidateRecord = {
    memberId: 's1',
    office: 'secretary',
    status: 'elected',
    check: { eligible: true, failures: [] },
    suggestion: { memberIds: ['m1', 'm2', 'm3'], at: startsAt },
  };
  await documentClient().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.candidate(election.id, 'secretary', 's1'), ...secretary },
    }),
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('supervision after the election, on the local stack', () => {
  it('a petition with 9 signatories is refused (422) and nothing is stored', async () => {
    const refused = await petition('m1', SIGNERS.slice(0, 9));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('too-few-signatories');
    expect(
      await ok<unknown[]>(
        call('GET', `/v1/elections/${election.id}/recalls`, { token: organizer }),
      ),
    ).toEqual([]);
    const audit = await ok<{ action: string }[]>(
      call('GET', `/v1/elections/${election.id}/audit`, { token: organizer }),
    );
    expect(audit.map((e) => e.action)).toEqual(['election-created']);
    expect((await mail()).filter((m) => m.subject.includes('罢免'))).toEqual([]);
  }, 30_000);

  it('a repeated signatory counts once; the superior rejects the recall and nothing else changes', async () => {
    const nine = await petition('m1', [...SIGNERS.slice(0, 9), 'p01', 'p02']);
    expect(nine.status).toBe(422);
    expect(nine.text).toContain('现有9名');

    const signer = await token('p03', ['member']);
    const filed = await ok<Recall>(
      petition('m1', [...SIGNERS.slice(0, 10), 'p03', 'p03'], signer),
      201,
    );
    expect(filed.status).toBe('pending-approval');
    expect(filed.signatoryIds).toEqual(SIGNERS.slice(0, 10));
    const told = (await mail()).filter((m) => m.subject.includes('罢免要求:'));
    expect(told.flatMap((m) => m.to).sort()).toEqual(
      ['m1@example.cn', SUPERIOR, ...SIGNERS.slice(0, 10).map((id) => `${id}@example.cn`)].sort(),
    );

    await superiorDecides('罢免要求', 'reject', '经调查,反映的问题不属实,罢免理由不成立。');
    expect((await recall(filed.id)).status).toBe('rejected');
    expect(await view()).toMatchObject({
      stage: 'completed',
      result: { secretary: 's1', deputies: [], members: ['m1', 'm2'] },
    });
    const board = await call('GET', `/public/elections/${election.id}`);
    expect(board.text).toContain('罢免理由不成立');
    expect(board.text).toContain('李秀英继续任职');
    expect(board.text).not.toContain('群众意见较大');
    const outcome = (await mail()).filter((m) => m.subject.includes('不启动罢免'));
    expect(outcome.flatMap((m) => m.to)).toEqual(
      expect.arrayContaining(['p12@example.cn', 't1@example.cn']),
    );
  }, 60_000);

  it('recalls a committee member, then fills the seat by a by-election approved by the superior', async () => {
    const recalled = await recallCarried('m2');
    expect(recalled.status).toBe('recalled');
    expect((await view()).result).toEqual({ secretary: 's1', deputies: [], members: ['m1'] });
    expect(
      (await mail()).some(
        (m) => m.subject.includes('罢免结果:委员张志强被罢免') && m.to.includes('c2@example.cn'),
      ),
    ).toBe(true);

    const { roundId } = await ok<{ roundId: string }>(
      call('POST', `/v1/elections/${election.id}/by-elections`, {
        token: organizer,
        body: { recallId: recalled.id, candidateIds: ['c1', 'c2'] },
      }),
      201,
    );
    const round = await ok<{ kind: string; office: string; candidates: string[] }>(
      call('GET', `/v1/elections/${election.id}/rounds/${roundId}`, { token: organizer }),
    );
    expect(round).toMatchObject({ kind: 'election', office: 'member', candidates: ['c1', 'c2'] });
    expect((await recall(recalled.id)).byElectionRoundId).toBe(roundId);
    const tally = await assemblyVotes(roundId, (i) =>
      i < 14 ? { c1: 'for', c2: 'against' } : { c1: 'against', c2: 'for' },
    );
    expect(tally.elected).toEqual(['c1']);
    await superiorDecides('补选结果', 'approve', '同意补选结果。');
    expect((await view()).result).toEqual({ secretary: 's1', deputies: [], members: ['m1', 'c1'] });
    // The recall vote and the by-election recount from their public files, as anyone would.
    const api = apiAt(stack.url);
    const final = await api.call<ElectionView>('GET', `/v1/elections/${election.id}`, organizer);
    const recounts = await recountEveryRound(api, final);
    expect(recounts.lines).toEqual(recounts.expected);
    expect(recounts.lines.length).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('the 任职承诺书 is approved and published; recorded progress shows in the annual report', async () => {
    const secretary = await token('s1', ['member']);
    const submitted = await ok<{ id: string; status: string; goals: { id: string }[] }>(
      call('POST', `/v1/elections/${election.id}/commitments`, {
        token: secretary,
        body: {
          goals: [
            {
              id: 'e2e-party',
              category: 'party-building',
              text: '坚持“三会一课”',
              target: '全年党员大会 12 次',
            },
            {
              id: 'e2e-jobs',
              category: 'employment',
              text: '促进失业人员充分就业',
              target: '新增就业岗位 50 个',
            },
          ],
        },
      }),
      201,
    );
    expect(submitted.status).toBe('pending-approval');
    const board = async () =>
      ok<{ commitments: { goals: { target: string }[] }[] }>(
        call('GET', `/public/elections/${election.id}`, { accept: 'application/json' }),
      );
    expect((await board()).commitments).toEqual([]);
    await superiorDecides('书记任职承诺书', 'approve', '同意,请在全社区公示。');
    expect((await board()).commitments[0]?.goals.map((g) => g.target)).toEqual([
      '全年党员大会 12 次',
      '新增就业岗位 50 个',
    ]);
    expect(
      (await mail()).some(
        (m) => m.subject.includes('书记任职承诺书公示') && m.to.includes('p07@example.cn'),
      ),
    ).toBe(true);

    const year = shanghaiDate(new Date().toISOString()).slice(0, 4);
    const day = `${year}-06-18`;
    await ok(
      call('POST', `/v1/organizations/${ORG}/goals/e2e-jobs/progress`, {
        token: organizer,
        body: { at: day, text: '与用工单位联办招聘会,18人实现就业', value: 18 },
      }),
      201,
    );
    const report = await ok<{
      goals: { id: string; progress: { text: string }[]; figures: unknown }[];
    }>(
      call('GET', `/v1/organizations/${ORG}/report?year=${year}`, {
        token: organizer,
        accept: 'application/json',
      }),
    );
    const jobs = report.goals.find((g) => g.id === 'e2e-jobs');
    expect(jobs?.progress.map((p) => p.text)).toEqual(['与用工单位联办招聘会,18人实现就业']);
    expect(jobs?.figures).toEqual({ entries: 1, total: 18 });
    const page = await call('GET', `/v1/organizations/${ORG}/report?year=${year}`, {
      token: organizer,
    });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(`益门社区党支部${year}年度工作报告`);
    expect(page.text).toContain('18人实现就业');
    expect(page.text).toContain('新增就业岗位 50 个');
  }, 60_000);

  it('recalls the secretary: the members from his suggestion list leave office at once and a new election starts and runs', async () => {
    const recalled = await recallCarried('s1');
    expect(recalled.status).toBe('recalled');
    // 李秀英 was elected from 王建国's list and leaves; 陈海涛 came by the by-election and stays.
    expect(recalled.membersRemoved).toEqual(['m1']);
    const old = await view();
    expect(old).toMatchObject({
      stage: 'completed',
      result: { secretary: null, deputies: [], members: ['c1'] },
    });
    const outcome = (await mail()).find((m) => m.subject.includes('罢免结果:书记王建国被罢免'));
    expect(outcome?.text).toContain('李秀英同时免职');

    const board = await call('GET', `/public/elections/${election.id}`);
    expect(board.text).toContain('李秀英同时免职');
    expect(board.text).toContain(`/public/elections/${recalled.newElectionId}`);

    const successor = await view(recalled.newElectionId as string);
    expect(successor).toMatchObject({
      stage: 'announcement',
      replaces: { electionId: election.id, recallId: recalled.id },
    });
    // Its workflow runs: the announcement (宣传动员) goes out to every member.
    for (let i = 0; ; i++) {
      const notices = await ok<{ template: string }[]>(
        call('GET', `/v1/elections/${recalled.newElectionId}/notices`, { token: organizer }),
      );
      if (notices.some((n) => n.template === 'announcement')) break;
      if (i > 200) throw new Error('the new election sent no announcement');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const audit = await ok<{ action: string }[]>(
      call('GET', `/v1/elections/${election.id}/audit`, { token: organizer }),
    );
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'recall-filed',
        'recall-rejected',
        'recall-approved',
        'recall-carried',
        'by-election-opened',
        'by-election-approved',
        'commitment-approved',
        'goal-progress-recorded',
      ]),
    );
  }, 90_000);
});
