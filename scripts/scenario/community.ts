import {
  checkEligibility,
  electionDay,
  entitledMembers,
  type Member,
  PRESETS,
  planCalendar,
} from '../../shared/rules/index.ts';
import { type Api, localToken } from './client.ts';
import { makeRoll } from './roll.ts';

/**
 * A whole `community` election driven through the HTTP API as its people would: the organizers,
 * members nominating, tellers entering paper ballots, the scrutineer closing the count, the
 * superior approving by the e-mailed link. Used by `npm run demo` and the end-to-end tests.
 */

interface ElectionView {
  id: string;
  stage: string;
  haltReason?: string;
  candidates: { memberId: string; office: string; status: string }[];
  rounds: { id: string; kind: string; office: string; number: number; status: string }[];
  pendingApprovals: { id: string; kind: string }[];
  result?: { secretary: string | null; deputies: string[]; members: string[] };
}

interface Tally {
  status: string;
  counts: Record<string, number>;
  rates?: Record<string, number>;
  elected: string[];
  tied?: string[];
  next: string;
}

export interface ScenarioOptions {
  api: Api;
  secret: string;
  orgId?: string;
  dayLengthMs?: number;
  log?: (line: string) => void;
  /** How long to wait for one stage to arrive, in ms. */
  stageTimeoutMs?: number;
}

export interface ScenarioResult {
  electionId: string;
  orgId: string;
  roll: Member[];
  result: ElectionView['result'];
  tallies: Record<string, Tally>;
  stagesSeen: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const runCommunityElection = async (options: ScenarioOptions): Promise<ScenarioResult> => {
  const { api, secret, log = () => {} } = options;
  const orgId = options.orgId ?? `xinguang-${Date.now().toString(36)}`;
  const dayLengthMs = options.dayLengthMs ?? 1000;
  const stageTimeout = options.stageTimeoutMs ?? Math.max(60_000, dayLengthMs * 40);
  const token = (sub: string, roles: string[]) => localToken({ sub, roles, orgs: [orgId] }, secret);
  const organizer = await token('organizer-1', ['organizer']);
  const teller = await token('teller-1', ['teller']);
  const scrutineer = await token('scrutineer-1', ['scrutineer']);
  const stagesSeen: string[] = [];
  const tallies: Record<string, Tally> = {};

  // ——— The organization and its roll ———
  const roll = makeRoll(60, 2026, `${orgId}-`);
  await api.call('POST', '/v1/organizations', organizer, {
    id: orgId,
    name: '新光社区党支部',
    level: 'branch',
    superior: { name: '高新区某街道党工委', emails: ['dangongwei@example.cn'] },
  });
  await api.call('PUT', `/v1/organizations/${orgId}/roll`, organizer, { members: roll });
  log(`组织 ${orgId}: 党员名册 ${roll.length} 人`);

  const startsAt = new Date(Date.now() + 500).toISOString();
  const created = await api.call<ElectionView>('POST', '/v1/elections', organizer, {
    orgId,
    preset: 'community',
    seats: { secretary: 1, deputies: 0, members: 2 },
    startsAt,
    dayLengthMs,
  });
  const electionId = created.id;
  log(`选举 ${electionId} 已创建(一天 = ${dayLengthMs} ms)`);

  const view = () => api.call<ElectionView>('GET', `/v1/elections/${electionId}`, organizer);
  const reach = async (stage: string): Promise<ElectionView> => {
    const until = Date.now() + stageTimeout;
    for (;;) {
      const current = await view();
      if (stagesSeen.at(-1) !== current.stage) {
        stagesSeen.push(current.stage);
        log(`→ 阶段 ${current.stage}`);
      }
      if (current.stage === stage) return current;
      if (current.stage === 'halted') throw new Error(`election halted: ${current.haltReason}`);
      if (Date.now() > until) throw new Error(`stage ${stage} not reached; still ${current.stage}`);
      await sleep(Math.min(200, dayLengthMs / 4));
    }
  };
  const openRound = async (stage: string) => {
    for (;;) {
      const round = (await view()).rounds.find(
        (r) => r.id.startsWith(stage) && r.status === 'open',
      );
      if (round) return round;
      await sleep(50);
    }
  };
  const approveLatest = async (kind: string, selection?: string[]) => {
    for (;;) {
      const approval = (await view()).pendingApprovals.find((a) => a.kind === kind);
      if (approval) {
        const page = await api.page(`/approve/${approval.id}`);
        if (!page.includes('<form')) throw new Error('the approval page shows no form');
        await api.call('POST', `/approve/${approval.id}`, undefined, {
          decision: 'approve',
          ...(selection ? { selection } : {}),
          comment: '同意',
        });
        log(`上级党组织批准 ${kind}(审批页面 /approve/${approval.id.slice(0, 6)}…)`);
        return;
      }
      await sleep(50);
    }
  };

  // ——— Nomination ———
  const calendar = planCalendar({ startsAt, dayLengthMs }, PRESETS.community);
  const day = electionDay(calendar);
  const documents = { idCard: true, householdRegister: true, diploma: true, photo: true };
  const eligible = roll.filter(
    (m) => checkEligibility({ member: m, documents, electionDay: day }, PRESETS.community).eligible,
  );
  const entitled = entitledMembers(roll);
  const [a, b, c, d] = eligible as [Member, Member, Member, Member];
  const nomineeIds = [a.id, b.id, c.id, d.id];
  await reach('nomination');
  // Keep the window open while the nominations come in, then close it: a moved deadline.
  await api.call('PUT', `/v1/elections/${electionId}/deadlines/nomination`, organizer, {
    deadline: new Date(Date.now() + 60 * dayLengthMs).toISOString(),
  });
  await api.call('POST', `/v1/elections/${electionId}/nominations`, await token(a.id, ['member']), {
    kind: 'self',
    office: 'secretary',
    nomineeId: a.id,
    documents,
  });
  const supporters = entitled
    .filter((m) => !nomineeIds.includes(m.id))
    .slice(0, 5)
    .map((m) => m.id);
  await api.call(
    'POST',
    `/v1/elections/${electionId}/nominations`,
    await token(supporters[0] as string, ['member']),
    {
      kind: 'joint',
      office: 'secretary',
      nomineeId: b.id,
      supporterIds: supporters,
      documents,
    },
  );
  await api.call('POST', `/v1/elections/${electionId}/nominations`, organizer, {
    kind: 'organization',
    office: 'secretary',
    nomineeId: c.id,
    documents,
  });
  await api.call('POST', `/v1/elections/${electionId}/nominations`, await token(d.id, ['member']), {
    kind: 'self',
    office: 'secretary',
    nomineeId: d.id,
    documents,
  });
  log(`提名 4 人: 自荐 ${a.name}、${d.name},联名举荐 ${b.name},组织推荐 ${c.name}`);
  for (const nominee of [a, b, c, d]) {
    await api.call('POST', `/v1/elections/${electionId}/eligibility`, organizer, {
      nomineeId: nominee.id,
      office: 'secretary',
      decision: 'accept',
    });
  }
  await api.call('PUT', `/v1/elections/${electionId}/deadlines/nomination`, organizer, {
    deadline: new Date(Date.now() + 200).toISOString(),
  });

  // ——— 公示 ———
  await reach('preliminary-notice');
  const objection = await api.call<{ id: string }>(
    'POST',
    `/v1/elections/${electionId}/objections`,
    undefined,
    {
      candidateId: d.id,
      office: 'secretary',
      text: '反映该同志近期工作作风问题,请核实。',
    },
  );
  await api.call(
    'POST',
    `/v1/elections/${electionId}/objections/${objection.id}/resolution`,
    organizer,
    {
      decision: 'dismissed',
      reason: '经核实,反映情况不属实。',
    },
  );
  log('公示期异议 1 件,经核实不成立');

  // ——— 公开推荐大会 ———
  await reach('recommendation');
  const staffFrom = (exclude: string[]) => {
    const [announcer, scrutineerId, counter] = entitled
      .filter((m) => !exclude.includes(m.id))
      .slice(10, 13)
      .map((m) => m.id);
    return { announcer, scrutineer: scrutineerId, counter };
  };
  const recommendation = await openRound('recommendation');
  await api.call(
    'POST',
    `/v1/elections/${electionId}/rounds/${recommendation.id}/attendance`,
    teller,
    {
      present: 185,
      ballotsIssued: 185,
      constituencies: [
        { name: '社区单位党组织', expected: 40, present: 35, ballotsIssued: 35 },
        { name: '社区居民群众', expected: 160, present: 150, ballotsIssued: 150 },
      ],
      staff: staffFrom([a.id, b.id, c.id, d.id]),
    },
  );
  const recommend = (constituency: string, counts: [Member, number][], blank: number) => {
    const ballots: { serial: string; constituency: string; choices: string[] }[] = [];
    for (const [member, n] of counts)
      for (let i = 0; i < n; i++)
        ballots.push({
          serial: `${constituency}-${ballots.length + 1}`,
          constituency,
          choices: [member.id],
        });
    for (let i = 0; i < blank; i++)
      ballots.push({ serial: `${constituency}-${ballots.length + 1}`, constituency, choices: [] });
    return ballots;
  };
  await api.call(
    'POST',
    `/v1/elections/${electionId}/rounds/${recommendation.id}/ballots`,
    teller,
    {
      ballots: [
        ...recommend(
          'units',
          [
            [a, 14],
            [b, 10],
            [c, 7],
            [d, 3],
          ],
          1,
        ),
        ...recommend(
          'residents',
          [
            [a, 52],
            [b, 41],
            [c, 33],
            [d, 20],
          ],
          4,
        ),
      ],
    },
  );
  tallies.recommendation = await api.call<Tally>(
    'POST',
    `/v1/elections/${electionId}/rounds/${recommendation.id}/close`,
    scrutineer,
  );
  log(`推荐大会计票: ${JSON.stringify(tallies.recommendation.rates)}`);

  // ——— 考察 + 票决 ———
  await reach('inspection');
  for (const member of [a, b, c]) {
    await api.call('POST', `/v1/elections/${electionId}/inspections`, organizer, {
      candidateId: member.id,
      summary: `${member.name}同志德才表现良好,群众公认度高。`,
      rating: 'good',
    });
  }
  await approveLatest('inspection', [a.id, b.id]);

  // ——— 正式候选人公示, 委员建议名单 ———
  await reach('formal-notice');
  const others = eligible.filter((m) => !nomineeIds.includes(m.id));
  const listA = others.slice(0, 3).map((m) => m.id);
  const listB = others.slice(3, 6).map((m) => m.id);
  await api.call('POST', `/v1/elections/${electionId}/suggestions`, await token(a.id, ['member']), {
    candidateId: a.id,
    memberIds: listA,
  });
  await api.call('POST', `/v1/elections/${electionId}/suggestions`, organizer, {
    candidateId: b.id,
    memberIds: listB,
  });
  for (const [member, text] of [
    [a, '我承诺:抓党建、促就业、办实事,三年内新增就业岗位 50 个。'],
    [b, '我承诺:完善社区服务平台,化解物业纠纷。'],
  ] as const) {
    await api.call('POST', `/v1/elections/${electionId}/statements`, organizer, {
      candidateId: member.id,
      kind: 'commitment',
      text,
    });
  }
  log('委员建议名单已提交(各 3 名,差额)');

  // ——— 党员大会: 直选书记, 选举委员 ———
  const present = entitled.length - 3;
  const vote = async (stage: string, marksOf: (i: number) => Record<string, string>) => {
    const round = await openRound(stage);
    const candidates = (
      await api.call<{ candidates: string[] }>(
        'GET',
        `/v1/elections/${electionId}/rounds/${round.id}`,
        organizer,
      )
    ).candidates;
    await api.call('POST', `/v1/elections/${electionId}/rounds/${round.id}/attendance`, teller, {
      present,
      ballotsIssued: present,
      staff: staffFrom([...candidates]),
    });
    const ballots = Array.from({ length: present }, (_, i) => ({
      serial: `${stage}-${i + 1}`,
      marks: marksOf(i),
    }));
    await api.call('POST', `/v1/elections/${electionId}/rounds/${round.id}/ballots`, teller, {
      ballots,
    });
    const tally = await api.call<Tally>(
      'POST',
      `/v1/elections/${electionId}/rounds/${round.id}/close`,
      scrutineer,
    );
    tallies[stage] = tally;
    log(`${stage} 计票: ${JSON.stringify(tally.counts)} → 当选 ${tally.elected.join('、')}`);
    return tally;
  };
  await reach('secretary-election');
  await vote('secretary-election', (i) =>
    i % 3 === 2 ? { [a.id]: 'against', [b.id]: 'for' } : { [a.id]: 'for', [b.id]: 'against' },
  );
  await reach('secretary-approval');
  await approveLatest('secretary');
  await reach('member-election');
  const [m1, m2, m3] = listA as [string, string, string];
  await vote('member-election', (i) => ({
    [m1]: 'for',
    [m2]: i % 4 === 3 ? 'abstain' : 'for',
    [m3]: i % 2 ? 'against' : 'abstain',
  }));
  await reach('member-approval');
  await approveLatest('members');
  const final = await reach('completed');
  return { electionId, orgId, roll, result: final.result, tallies, stagesSeen };
};
