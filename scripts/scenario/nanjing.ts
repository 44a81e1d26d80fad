import { mapLimited } from '../../shared/election/elections/map-limited.ts';
import { entitledMembers, type Member } from '../../shared/rules/index.ts';
import { recommendationBallots } from './actions.ts';
import { makeRoll } from './roll.ts';
import type { Tally } from './session.ts';
import {
  completion,
  type ElectionSteps,
  electionSteps,
  eligibleIds,
  type Marks,
  openElection,
  type People,
  peopleOf,
  type RunOptions,
  registerOrganization,
  type ScenarioOutcome,
  withDefaults,
} from './steps.ts';

/**
 * `nanjing` (第一篇, 南京 363 个社区) driven through the HTTP API as its people would. One
 * election: nominations by the organization, by members themselves and jointly (联名举荐), for
 * 书记, 副书记 and 委员 — a member whose 组织关系 is elsewhere but can be transferred in among
 * them; the secretary's funnel — 4 recommended (公推时,至少产生4名推荐人选), all 4 inspected and
 * 3 submitted to the 党工委 (差额考察), 2 after its vote (差额票决); then the secretary, the
 * deputy and the committee each elected directly and competitively (差额选举), in that order. And
 * the batch: one request starts the elections of many communities, with its report.
 */

export type NanjingOptions = RunOptions;

type Office = 'secretary' | 'deputy' | 'member';
type Kind = 'self' | 'joint' | 'organization';

/** One nomination as the scenario enters it. */
export interface PlannedNomination {
  office: Office;
  kind: Kind;
  nomineeId: string;
}

/** Who the scenario put forward for what (member ids), and how. */
export interface NanjingCast {
  /**
   * Secretary nominees who pass review: the first four are recommended, the first three
   * submitted to the 党工委, the first two its formal candidates.
   */
  secretaries: string[];
  /** A probationary member's self-nomination for secretary, rejected at review (正式党员). */
  rejected: string;
  deputies: string[];
  members: string[];
  nominations: PlannedNomination[];
}

export interface NanjingResult extends ScenarioOutcome {
  cast: NanjingCast;
  tallies: Record<string, Tally>;
  /** The candidates of each election stage's round, as the workflow opened it. */
  roundCandidates: Record<string, string[]>;
}

export const NANJING_SEATS = { secretary: 1, deputies: 1, members: 3 };

/** The nominations of a cast, by kind (as the batch report counts them). */
export const countByKind = (cast: Pick<NanjingCast, 'nominations'>): Record<Kind, number> => {
  const counts = { self: 0, joint: 0, organization: 0 };
  for (const { kind } of cast.nominations) counts[kind]++;
  return counts;
};

/**
 * A community's members and organizers enter the cast's nominations: a self-nomination by the
 * nominee, a joint one (联名举荐) by the first of five supporters — each backs one nominee an
 * office — an organization one (组织推荐) by the organizers.
 */
const nominateAll = async (
  steps: ElectionSteps,
  people: People,
  roll: readonly Member[],
  cast: NanjingCast,
) => {
  const standing = new Set(cast.nominations.map((n) => n.nomineeId));
  const supporters = entitledMembers([...roll])
    .map((m) => m.id)
    .filter((id) => !standing.has(id));
  const backed: Record<Office, number> = { secretary: 0, deputy: 0, member: 0 };
  for (const { office, kind, nomineeId } of cast.nominations) {
    const nomination = { kind, office, nomineeId };
    if (kind === 'self') {
      const { check } = await steps.nominate(await people.member(nomineeId), nomination);
      if (nomineeId === cast.rejected && check.eligible)
        throw new Error('a probationary member passed the check for office');
    } else if (kind === 'joint') {
      const supporterIds = supporters.slice(backed[office], backed[office] + 5);
      backed[office] += 5;
      const token = await people.member(supporterIds[0] as string);
      await steps.nominate(token, { ...nomination, supporterIds });
    } else {
      await steps.nominate(people.organizer, nomination);
    }
  }
};

/** Members eligible for office under nanjing, and the roll's first probationary member. */
const candidatesFrom = <N extends number>(
  roll: readonly Member[],
  startsAt: string,
  dayLengthMs: number,
  needed: N,
) => {
  const eligible = eligibleIds(roll, 'nanjing', startsAt, dayLengthMs, needed);
  const rejected = roll.find((m) => m.status === 'probationary')?.id;
  if (!rejected) throw new Error('the roll has no probationary member');
  return { eligible, rejected };
};

/** A cast from its nominations: who stands for each office, in nomination order, once each. */
const castOf = ({
  rejected,
  nominations,
}: Pick<NanjingCast, 'rejected' | 'nominations'>): NanjingCast => {
  const standing = (office: Office) => [
    ...new Set(
      nominations
        .filter((n) => n.office === office && n.nomineeId !== rejected)
        .map((n) => n.nomineeId),
    ),
  ];
  return {
    secretaries: standing('secretary'),
    rejected,
    deputies: standing('deputy'),
    members: standing('member'),
    nominations,
  };
};

/**
 * The one community's cast: five for secretary and a probationary member; for deputy the
 * secretary runner-up-to-be and two more; six for the committee, one of them a deputy nominee.
 */
const electionCast = (
  roll: readonly Member[],
  startsAt: string,
  dayLengthMs: number,
): NanjingCast => {
  const { eligible, rejected } = candidatesFrom(roll, startsAt, dayLengthMs, 12);
  const [a, b, c, d, e, f, g, h, i, j, k, l] = eligible;
  return castOf({
    rejected,
    nominations: [
      { office: 'secretary', kind: 'self', nomineeId: a },
      { office: 'secretary', kind: 'joint', nomineeId: b },
      { office: 'secretary', kind: 'organization', nomineeId: c },
      { office: 'secretary', kind: 'self', nomineeId: d },
      { office: 'secretary', kind: 'organization', nomineeId: e },
      { office: 'secretary', kind: 'self', nomineeId: rejected },
      // 先选书记、再选副书记和委员: a secretary nominee also stands for deputy.
      { office: 'deputy', kind: 'self', nomineeId: b },
      { office: 'deputy', kind: 'joint', nomineeId: f },
      { office: 'deputy', kind: 'organization', nomineeId: g },
      { office: 'member', kind: 'self', nomineeId: f },
      { office: 'member', kind: 'self', nomineeId: h },
      { office: 'member', kind: 'joint', nomineeId: i },
      { office: 'member', kind: 'organization', nomineeId: j },
      { office: 'member', kind: 'self', nomineeId: k },
      { office: 'member', kind: 'joint', nomineeId: l },
    ],
  });
};

/** A batch community's cast: fewer names, every kind and office, one failing the check. */
const batchCast = (roll: readonly Member[], startsAt: string, dayLengthMs: number): NanjingCast => {
  const { eligible, rejected } = candidatesFrom(roll, startsAt, dayLengthMs, 6);
  const [a, b, c, d, e, f] = eligible;
  return castOf({
    rejected,
    nominations: [
      { office: 'secretary', kind: 'self', nomineeId: a },
      { office: 'secretary', kind: 'joint', nomineeId: b },
      { office: 'secretary', kind: 'organization', nomineeId: c },
      { office: 'secretary', kind: 'self', nomineeId: d },
      { office: 'secretary', kind: 'self', nomineeId: rejected },
      { office: 'deputy', kind: 'organization', nomineeId: e },
      { office: 'member', kind: 'self', nomineeId: f },
    ],
  });
};

/** Accepts every nominee who passes the check; rejects the probationary member with a reason. */
const reviewAll = async (steps: ElectionSteps, cast: NanjingCast) => {
  // A nominee named twice for one office (by two kinds) is decided once.
  const nominees = new Map(cast.nominations.map((n) => [`${n.office}#${n.nomineeId}`, n]));
  for (const { office, nomineeId } of nominees.values()) {
    if (nomineeId === cast.rejected) continue;
    await steps.decide(nomineeId, office, 'accept');
  }
  await steps.decide(
    cast.rejected,
    'secretary',
    'reject',
    '预备党员,不符合书记人选须为正式党员的条件',
  );
};

export const runNanjingElection = async (options: NanjingOptions): Promise<NanjingResult> => {
  const { api, secret, orgId, dayLengthMs, log } = withDefaults(options, 'jiangxinzhou');
  const tallies: Record<string, Tally> = {};
  const roundCandidates: Record<string, string[]> = {};

  // ——— The community and its roll ———
  // 第一篇: 驻区单位 members were recruited too — one whose relation can be transferred in.
  const transferable = (m: Member, i: number, all: Member[]) =>
    all.findIndex((other) => !other.orgRelationLocal) === i
      ? { ...m, orgRelationTransferable: true }
      : m;
  const roll = makeRoll(60, 363, `${orgId}-`).map(transferable);
  const { people, startsAt, electionId, steps } = await openElection({
    api,
    secret,
    organization: {
      id: orgId,
      name: '江心洲社区党委',
      level: 'committee',
      superior: { name: '建邺区某街道党工委', emails: ['dangongwei-jy@example.cn'] },
      roll,
    },
    preset: 'nanjing',
    seats: NANJING_SEATS,
    dayLengthMs,
    log,
    stageTimeoutMs: options.stageTimeoutMs,
  });
  const { organizer } = people;
  log(`南京: 选举 ${electionId}(${orgId},名册 ${roll.length} 人,一天 = ${dayLengthMs} ms)`);
  // The windows people act in stay open until they are done (closed below by deadline moves).
  for (const stage of ['nomination', 'preliminary-notice', 'formal-notice'])
    await steps.holdOpen(stage);

  // ——— 报名 and 资格审查 ———
  const cast = electionCast(roll, startsAt, dayLengthMs);
  const [a, b, c, d, e] = cast.secretaries as [string, string, string, string, string];
  const [, f, g] = cast.deputies as [string, string, string];
  const [, h, i, j, k, l] = cast.members as [string, string, string, string, string, string];
  await steps.reach('nomination');
  await nominateAll(steps, people, roll, cast);
  log(
    '报名 15 人次: 书记 6、副书记 3、委员 6(自荐 7、联名举荐 4、组织推荐 4),一名预备党员未通过资格审查',
  );
  await reviewAll(steps, cast);
  await steps.closeSoon('nomination');

  // ——— 公示: an objection against a deputy candidate, looked into and dismissed ———
  await steps.reach('preliminary-notice');
  const objection = await api.call<{ id: string }>(
    'POST',
    `/v1/elections/${electionId}/objections`,
    undefined,
    { candidateId: g, office: 'deputy', text: '反映该同志在物业纠纷中处事不公,请核实。' },
  );
  await api.call(
    'POST',
    `/v1/elections/${electionId}/objections/${objection.id}/resolution`,
    organizer,
    { decision: 'dismissed', reason: '经街道工作组核实,反映情况不属实。' },
  );
  await steps.closeSoon('preliminary-notice');

  // ——— 公推: 5 preliminary candidates, the top 4 go on (差额推荐: 至少产生4名推荐人选) ———
  await steps.reach('recommendation');
  const recommendation = await steps.holdRound('recommendation', {
    attendance: () => ({
      present: 190,
      ballotsIssued: 190,
      constituencies: [
        { id: 'units', expected: 40, present: 36, ballotsIssued: 36 },
        { id: 'residents', expected: 160, present: 154, ballotsIssued: 154 },
      ],
    }),
    ballots: () => [
      ...recommendationBallots('units', [
        [a, 12],
        [b, 10],
        [c, 8],
        [d, 4],
        [e, 2],
      ]),
      ...recommendationBallots(
        'residents',
        [
          [a, 48],
          [b, 44],
          [c, 30],
          [d, 20],
          [e, 10],
        ],
        2,
      ),
    ],
  });
  tallies.recommendation = recommendation.tally;
  await steps.readOut(recommendation.round.id);

  // ——— 组织考察 of all 4 → 3 提交街道党工委 (差额考察) → 党工委差额票决 (2) ———
  await steps.reach('inspection');
  for (const id of recommendation.tally.elected) {
    await api.call('POST', `/v1/elections/${electionId}/inspections`, organizer, {
      candidateId: id,
      summary: '德才表现、工作实绩、群众公认和对社区工作的胜任度良好(含延伸考察)。',
      rating: id === d ? 'fair' : 'good',
    });
  }
  const proposal = await api.call<{ proposed: string[]; eliminated: string[] }>(
    'POST',
    `/v1/elections/${electionId}/inspections/proposal`,
    organizer,
    { candidateIds: [a, b, c], reason: '综合公推结果和考察情况' },
  );
  log(
    `考察后提交党工委: ${proposal.proposed.join('、')}(未提交: ${proposal.eliminated.join('、')})`,
  );
  await steps.decideByLink('inspection', {
    decision: 'approve',
    selection: [a, b],
    comment: '同意',
  });

  // ——— 正式候选人公示, 竞职承诺 ———
  await steps.reach('formal-notice');
  await steps.statement(
    a,
    'commitment',
    '我承诺:向党旗宣誓、对人民承诺,三年内建成社区党群服务中心。',
  );
  await steps.statement(b, 'commitment', '我承诺:问需于民,每月走访驻区单位和居民小组。');
  await steps.closeSoon('formal-notice');

  // ——— 党员大会: 书记, then 副书记, then 委员 — each 差额 ———
  const present = entitledMembers(roll).length - 2;
  const vote = async (stage: string, marksOf: (n: number) => Marks) => {
    await steps.reach(stage);
    const held = await steps.holdElection(stage, present, marksOf);
    tallies[stage] = held.tally;
    roundCandidates[stage] = held.round.candidates;
    await steps.readOut(held.round.id);
  };
  await vote('secretary-election', (n) =>
    n % 5 < 3 ? { [a]: 'for', [b]: 'against' } : { [a]: 'against', [b]: 'for' },
  );
  // b lost the secretary election and stands for deputy; f wins.
  await vote('deputy-election', (n) =>
    n % 3 === 2 ? { [f]: 'against', [b]: 'for', [g]: 'abstain' } : { [f]: 'for', [b]: 'against' },
  );
  // f, now deputy, no longer stands for the committee: 3 seats among h, i, j, k, l. A ballot
  // marks at most 3 赞成 (more makes it invalid): h on each, and two of i, j, k in turn.
  const pairs = [
    [i, j],
    [i, k],
    [i, j],
    [j, k],
  ] as const;
  await vote('member-election', (n) => {
    const [x, y] = pairs[n % pairs.length] as readonly [string, string];
    return {
      [h]: 'for',
      [i]: 'against',
      [j]: 'against',
      [k]: 'abstain',
      [l]: 'against',
      [x]: 'for',
      [y]: 'for',
    };
  });
  // ——— Both results to the 党工委 after the assembly (第六条5) ———
  await steps.reach('secretary-approval');
  await steps.decideByLink('secretary');
  await steps.reach('member-approval');
  await steps.decideByLink('members');
  return { ...(await completion(steps, orgId, roll)), cast, tallies, roundCandidates };
};

// ——— The batch (363 communities at once in 第一篇) ———

export interface NanjingBatchOptions extends Omit<RunOptions, 'orgId'> {
  /** How many communities (default 20). */
  count?: number;
  /** Prefix of the organization ids (default one per run). */
  prefix?: string;
}

export interface BatchReport {
  id: string;
  preset: string;
  elections: { electionId: string; orgId: string; stage: string | null; haltReason?: string }[];
  stats: {
    nominations: { self: number; joint: number; organization: number; total: number };
    /** 报名人选 (persons); the shares are of them, as 第一篇's are. */
    nominees: {
      self: number;
      joint: number;
      organization: number;
      total: number;
      shares: Record<string, number | null>;
    };
    eligibilityFailures: Record<string, number>;
    /** 到会率 `rate` = present ÷ expected. */
    turnout: {
      electionId: string;
      roundId: string;
      expected: number;
      present: number;
      returned: number;
      rate: number | null;
    }[];
    elected: { count: number; averageAge: number | null; collegeShare: number | null };
    roll: { count: number; averageAge: number | null; collegeShare: number | null };
  };
}

export interface NanjingBatchResult {
  batchId: string;
  /** When the batch's elections start (their planned calendars follow from it). */
  startsAt: string;
  orgIds: string[];
  electionIds: string[];
  rolls: Record<string, Member[]>;
  casts: Record<string, NanjingCast>;
  /** GET /v1/batches/{id} once every community's nominations are in. */
  report: BatchReport;
}

/**
 * `count` communities, each with its roll; one `POST /v1/batches` starts all their elections;
 * every community's members and organizers nominate; then the batch report.
 */
export const runNanjingBatch = async (
  options: NanjingBatchOptions,
): Promise<NanjingBatchResult> => {
  const { api, secret, log = () => {} } = options;
  const count = options.count ?? 20;
  const prefix = options.prefix ?? `nj-${Date.now().toString(36)}`;
  const dayLengthMs = options.dayLengthMs ?? 1000;
  const orgIds = Array.from(
    { length: count },
    (_, n) => `${prefix}-${String(n + 1).padStart(3, '0')}`,
  );
  const people = await peopleOf(orgIds, secret);
  const rolls: Record<string, Member[]> = {};
  await mapLimited(orgIds, 4, async (orgId, index) => {
    const roll = makeRoll(20, 363 + index, `${orgId}-`);
    rolls[orgId] = roll;
    await registerOrganization(api, people.organizer, {
      id: orgId,
      name: `南京第 ${orgId.slice(-3)} 社区党委`,
      level: 'committee',
      superior: { name: '某街道党工委', emails: ['dangongwei@example.cn'] },
      roll,
    });
  });
  // The elections start once the batch is in and every nomination window is held open (below):
  // a planned deadline, once passed, can no longer be moved — even of a stage not yet begun —
  // and starting 20 workflows at once takes a busy machine a while.
  const startsAt = new Date(Date.now() + 1000 + 750 * count).toISOString();
  const batch = await api.call<{ id: string; electionIds: string[] }>(
    'POST',
    '/v1/batches',
    people.organizer,
    { preset: 'nanjing', orgIds, seats: NANJING_SEATS, startsAt, dayLengthMs },
  );
  log(`批次 ${batch.id}: ${batch.electionIds.length} 个社区同时启动公推直选`);

  const stepsOf = orgIds.map((orgId, index) =>
    electionSteps({
      api,
      people,
      electionId: batch.electionIds[index] as string,
      roll: rolls[orgId] as Member[],
      dayLengthMs,
      // 20 people watching 20 elections: look now and then, not 10 times a second each.
      pollMs: 500,
      ...(options.stageTimeoutMs ? { stageTimeoutMs: options.stageTimeoutMs } : {}),
    }),
  );
  // Every community's nomination window stays open until its people are done (moved before the
  // window begins: a busy machine must not see one close while others are being entered).
  await Promise.all(stepsOf.map((steps) => steps.holdOpen('nomination')));
  log(`各社区报名截止时间已延后(距选举开始 ${Date.parse(startsAt) - Date.now()} ms)`);

  const casts: Record<string, NanjingCast> = {};
  await mapLimited(orgIds, 4, async (orgId, index) => {
    const roll = rolls[orgId] as Member[];
    const steps = stepsOf[index] as ElectionSteps;
    const cast = batchCast(roll, startsAt, dayLengthMs);
    casts[orgId] = cast;
    await steps.reach('nomination');
    await nominateAll(steps, people, roll, cast);
  });
  log(`${count} 个社区报名完毕`);
  const report = await api.call<BatchReport>('GET', `/v1/batches/${batch.id}`, people.organizer);
  return {
    batchId: batch.id,
    startsAt,
    orgIds,
    electionIds: batch.electionIds,
    rolls,
    casts,
    report,
  };
};
