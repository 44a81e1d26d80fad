import { findCurrentApproval } from '../../election/approvals/approval.ts';
import type { ApprovalSubject } from '../../election/approvals/subject.ts';
import { openRound } from '../../election/rounds/round.ts';
import {
  notify,
  type Recipient,
  type TemplateData,
  type TemplateName,
  type TypedNotifyRequest,
} from '../../notices/index.ts';
import { everyMember, organizersOf } from '../../notices/organizers.ts';
import {
  checkPreliminaryList,
  minCompetitiveCandidates,
  needsInspectionProposal,
  type Office,
  recommendationPlaces,
  type Stage,
} from '../../rules/index.ts';
import { changeStatuses, type StatusChange } from '../../store/candidate-statuses.ts';
import { saveElection } from '../../store/elections.ts';
import { queryPrefix } from '../../store/items.ts';
import { keys } from '../../store/keys.ts';
import { listNominations } from '../../store/nominations.ts';
import type {
  ApprovalKind,
  ApprovalRecord,
  CandidateRecord,
  CandidateStatus,
} from '../../store/records.ts';
import { listRounds } from '../../store/rounds.ts';
import type { StageContext } from '../context.ts';
import { type ChainSpec, chainRounds, chainState } from './assembly.ts';

/**
 * What each stage does, as data for the one workflow shape (workflows/README.md):
 * `begin` — its entry actions (idempotent); `waitingFor` — the people's work still open, if any
 * (named as the organizer-reminder template names open work); `finish` — closing it once nothing
 * is open: the outcome and its consequences (idempotent).
 */

export type Outcome =
  | { outcome: 'advance' }
  | { outcome: 'await'; reason: string }
  | { outcome: 'approval' }
  | { outcome: 'halt'; reason: string };

export interface StageLogic {
  /** Stages that close at their deadline (the others close when people are done). */
  timed: boolean;
  begin?(ctx: StageContext): Promise<void>;
  waitingFor?(ctx: StageContext): Promise<string | null>;
  finish(ctx: StageContext): Promise<Outcome>;
  approval?: { kind: ApprovalKind; subject(ctx: StageContext): Promise<ApprovalSubject> };
}

const advance: Outcome = { outcome: 'advance' };
const halt = (reason: string): Outcome => ({ outcome: 'halt', reason });
const wait = (reason: string): Outcome => ({ outcome: 'await', reason });

const ofOffice = (
  candidates: readonly CandidateRecord[],
  office: Office,
  ...statuses: CandidateStatus[]
) => candidates.filter((c) => c.office === office && statuses.includes(c.status));

const ids = (candidates: readonly CandidateRecord[]) => candidates.map((c) => c.memberId);

const named = async (ctx: StageContext, memberIds: readonly string[]) =>
  Promise.all(
    memberIds.map(async (id) => ({ memberId: id, name: (await ctx.member(id))?.name ?? id })),
  );

const namesOf = async (ctx: StageContext, memberIds: readonly string[]) =>
  (await named(ctx, memberIds)).map(({ name }) => name);

const listed = async (ctx: StageContext, memberIds: readonly string[]) =>
  (await namesOf(ctx, memberIds)).map((name) => ({ name }));

/** A notice's identity: the stage as it runs now (a resumed stage notifies again). */
const ref = (ctx: StageContext, what: string = ctx.stage) => `${what}@${ctx.since}`;

const tell = async <T extends TemplateName>(
  ctx: StageContext,
  recipients: Recipient[],
  template: T,
  data: TemplateData<T>,
  what?: string,
) =>
  notify({
    electionId: ctx.election.id,
    template,
    ref: ref(ctx, what),
    recipients,
    data,
  } satisfies TypedNotifyRequest<T>);

const members = async (ctx: StageContext) => everyMember(await ctx.roll());
const organizers = async (ctx: StageContext) => organizersOf(await ctx.org());
const organization = async (ctx: StageContext) => (await ctx.org()).name;

/** The stage's window as it runs now. */
const window = (ctx: StageContext) => {
  const entry = ctx.election.calendar[ctx.stage];
  return { from: entry?.from ?? ctx.since, until: entry?.until ?? ctx.since };
};

const openObjections = async (ctx: StageContext): Promise<string | null> => {
  const objections = await queryPrefix<{ status: string; stage: string }>(
    keys.electionPartition(ctx.election.id),
    'OBJECTION#',
  );
  return objections.some((o) => o.status === 'open' && o.stage === ctx.stage) ? 'objections' : null;
};

/**
 * The stage's approval decided since the stage began, if any — read from the approval's own
 * record (consistently), so a decision is applied even if releasing the task failed.
 */
const decided = async (ctx: StageContext): Promise<ApprovalRecord | undefined> => {
  const kind = STAGE_LOGIC[ctx.stage].approval?.kind;
  if (!kind) return undefined;
  const approval = await findCurrentApproval({
    electionId: ctx.election.id,
    kind,
    stage: ctx.stage,
  });
  const settled = approval?.status === 'approved' || approval?.status === 'rejected';
  return settled && approval.createdAt >= ctx.since ? approval : undefined;
};

const rejection = (approval: ApprovalRecord) =>
  halt(`上级党组织未予批准${approval.decision?.comment ? `:${approval.decision.comment}` : ''}`);

// ——— Assemblies: chains of rounds, one per office ———

const assembly = (
  chains: (ctx: StageContext) => Promise<ChainSpec[]>,
  apply: (ctx: StageContext, elected: Map<Office, string[]>) => Promise<Outcome>,
): StageLogic => ({
  timed: false,
  async waitingFor(ctx) {
    for (const spec of await chains(ctx)) {
      const state = chainState(await chainRounds(ctx, spec.office));
      if (state.state === 'voting') return 'rounds';
      if (state.state === 'decision') return 'round-decisions';
      if (state.state !== 'done') return null;
    }
    return null;
  },
  async finish(ctx) {
    const elected = new Map<Office, string[]>();
    for (const spec of await chains(ctx)) {
      const state = chainState(await chainRounds(ctx, spec.office));
      if (state.state === 'not-started') {
        if (spec.candidates.length === 0 || spec.seats === 0) {
          elected.set(spec.office, []);
          continue;
        }
        await openRound(ctx.election, { ...spec, stage: ctx.stage, revotesSoFar: 0 }, 'workflow');
        return wait('rounds');
      }
      if (state.state === 'needs-follow-up') {
        await openRound(
          ctx.election,
          {
            office: spec.office,
            kind: state.round.kind,
            stage: ctx.stage,
            ...state.next,
          },
          'workflow',
        );
        return wait('rounds');
      }
      if (state.state === 'voting' || state.state === 'decision') {
        return wait(state.state === 'voting' ? 'rounds' : 'round-decisions');
      }
      elected.set(spec.office, state.elected);
    }
    return apply(ctx, elected);
  },
});

const promote = async (
  ctx: StageContext,
  office: Office,
  pool: readonly string[],
  through: readonly string[],
  [up, down]: [CandidateStatus, CandidateStatus],
  action: string,
) => {
  const changes: StatusChange[] = pool.map((memberId) => ({
    memberId,
    office,
    status: through.includes(memberId) ? up : down,
  }));
  for (const id of through)
    if (!pool.includes(id)) changes.push({ memberId: id, office, status: up });
  await changeStatuses(ctx.election, changes, action, await ctx.candidates());
};

const recordResult = async (
  ctx: StageContext,
  part: Partial<NonNullable<StageContext['election']['result']>>,
) => {
  const result = { secretary: null, deputies: [], members: [], ...ctx.election.result, ...part };
  ctx.election = await saveElection(
    { ...ctx.election, result },
    {
      scope: `ELECTION#${ctx.election.id}`,
      actor: 'workflow',
      action: 'result-recorded',
      data: { stage: ctx.stage, result },
    },
  );
};

// ——— 差额 for the offices the nominations fill (nanjing's deputies and committee, yuyang's) ———

const OFFICE_NAMES: Record<Office, string> = {
  secretary: '书记',
  deputy: '副书记',
  member: '委员',
};

const seatsOf = ({ election: { seats } }: StageContext, office: Office): number =>
  office === 'secretary' ? seats.secretary : office === 'deputy' ? seats.deputies : seats.members;

/**
 * The offices below the secretary whose candidates come from the nominations and stand in their
 * own election — not a committee drawn from the secretary's suggestion list (its 差额 is checked
 * when the list is submitted), nor an office without seats.
 */
const nominatedOffices = (ctx: StageContext): Office[] =>
  (['deputy', 'member'] as const).filter(
    (office) =>
      ctx.election.rules.nominationOffices.includes(office) &&
      seatsOf(ctx, office) > 0 &&
      !(office === 'member' && ctx.election.rules.memberCandidates === 'suggestion-list'),
  );

/** 差额: a halt when `count` names are too few for the office's seats (more names than seats). */
const tooFew = (ctx: StageContext, office: Office, count: number, when: string): Outcome | null => {
  const seats = seatsOf(ctx, office);
  const needed = minCompetitiveCandidates(seats, ctx.election.rules.competitionMarginPercent);
  return count >= needed
    ? null
    : halt(
        `${when}${OFFICE_NAMES[office]}候选人只有 ${count} 名,不足 ${seats} 个名额差额选举所需的 ${needed} 名`,
      );
};

/** Who holds an office above `office` by now (先选书记、再选副书记和委员): they stand no lower. */
const higherOfficeHolders = (ctx: StageContext, office: Office): Map<string, Office> => {
  const result = ctx.election.result;
  const holders = new Map<string, Office>();
  if (office === 'secretary' || !result) return holders;
  if (result.secretary) holders.set(result.secretary, 'secretary');
  if (office === 'member') for (const id of result.deputies) holders.set(id, 'deputy');
  return holders;
};

/** A stage whose `prepare` runs before its first round: a halt it answers stops the stage. */
const beforeFirstRound = (
  logic: StageLogic,
  prepare: (ctx: StageContext) => Promise<Outcome | null>,
): StageLogic => ({
  ...logic,
  async finish(ctx) {
    if ((await ctx.rounds()).length === 0) {
      const refused = await prepare(ctx);
      if (refused) return refused;
    }
    return logic.finish(ctx);
  },
});

/**
 * A direct election of an office the nominations fill. Before its first round, whoever now holds
 * a higher office stops standing for this one (eliminated, with the reason), and the list left
 * must still be competitive (差额) — else the election halts with the reason, before any vote.
 */
const nominatedOfficeElection = (
  office: Office,
  standing: (ctx: StageContext) => Promise<string[]>,
  logic: StageLogic,
): StageLogic =>
  beforeFirstRound(logic, async (ctx) => {
    if (!nominatedOffices(ctx).includes(office)) return null;
    const holders = higherOfficeHolders(ctx, office);
    const candidates = await ctx.candidates();
    const withdrawn = ofOffice(candidates, office, 'preliminary', 'formal').filter((c) =>
      holders.has(c.memberId),
    );
    if (withdrawn.length > 0) {
      await changeStatuses(
        ctx.election,
        withdrawn.map(({ memberId }) => ({
          memberId,
          office,
          status: 'eliminated' as const,
          reason: `已当选为${OFFICE_NAMES[holders.get(memberId) ?? 'secretary']}`,
        })),
        'office-holders-withdrawn',
        candidates,
      );
    }
    return tooFew(ctx, office, (await standing(ctx)).length, '选举前');
  });

/**
 * Who still owes a committee suggestion list (委员建议名单, 差额): in the formal notice each
 * formal secretary candidate; in the committee election the elected secretary, when it has none
 * — a secretary elected by write-in was never a formal candidate (第五条: 书记提名委员).
 */
const missingSuggestionLists = async (ctx: StageContext): Promise<string[]> => {
  const { rules, seats } = ctx.election;
  if (rules.memberCandidates !== 'suggestion-list' || seats.members === 0) return [];
  const candidates = await ctx.candidates();
  if (ctx.stage !== 'member-election') {
    return ids(ofOffice(candidates, 'secretary', 'formal').filter((c) => !c.suggestion));
  }
  const secretary = ctx.election.result?.secretary;
  if (!secretary || (await chainRounds(ctx, 'member')).length > 0) return [];
  const listed = candidates.some(
    (c) => c.office === 'secretary' && c.memberId === secretary && c.suggestion,
  );
  return listed ? [] : [secretary];
};

/** The committee election waits for the elected secretary's suggestion list before its vote. */
const afterSuggestionList = (logic: StageLogic): StageLogic => ({
  ...logic,
  async waitingFor(ctx) {
    if ((await missingSuggestionLists(ctx)).length > 0) return 'suggestion-lists';
    return (await logic.waitingFor?.(ctx)) ?? null;
  },
  async finish(ctx) {
    if ((await missingSuggestionLists(ctx)).length > 0) return wait('suggestion-lists');
    return logic.finish(ctx);
  },
});

/** The committee election's candidates, by where the rules say they come from. */
const memberCandidates = async (ctx: StageContext): Promise<string[]> => {
  const candidates = await ctx.candidates();
  const first = (await chainRounds(ctx, 'member'))[0];
  if (first) return first.candidates;
  switch (ctx.election.rules.memberCandidates) {
    case 'suggestion-list': {
      const secretary = ctx.election.result?.secretary;
      const own = candidates.find((c) => c.office === 'secretary' && c.memberId === secretary);
      return own?.suggestion?.memberIds ?? [];
    }
    case 'nominations':
    case 'recommendation': {
      // nanjing's nominees stay preliminary (their funnel is the secretary's); yuyang's are formal.
      const holders = higherOfficeHolders(ctx, 'member');
      return ids(ofOffice(candidates, 'member', 'preliminary', 'formal')).filter(
        (id) => !holders.has(id),
      );
    }
  }
};

/** The deputies' election candidates: the deputy nominees still standing, but the secretary. */
const deputyCandidates = async (ctx: StageContext): Promise<string[]> => {
  const first = (await chainRounds(ctx, 'deputy'))[0];
  if (first) return first.candidates;
  const holders = higherOfficeHolders(ctx, 'deputy');
  return ids(ofOffice(await ctx.candidates(), 'deputy', 'preliminary', 'formal')).filter(
    (id) => !holders.has(id),
  );
};

// ——— Approvals by the superior ———

const approvalStage = (
  kind: ApprovalKind,
  subject: (ctx: StageContext) => Promise<ApprovalSubject>,
  onApprove: (ctx: StageContext, approval: ApprovalRecord) => Promise<Outcome> = async () =>
    advance,
): StageLogic => ({
  timed: false,
  async finish(ctx) {
    const approval = await decided(ctx);
    if (!approval) return { outcome: 'approval' };
    const comment = approval.decision?.comment?.trim();
    await tell(
      ctx,
      await organizers(ctx),
      'approval-outcome',
      {
        organization: await organization(ctx),
        kind,
        decision: approval.status === 'approved' ? 'approved' : 'rejected',
        decidedAt: approval.decidedAt ?? ctx.now.toISOString(),
        superior: (await ctx.org()).superior.name,
        selection: await namesOf(ctx, approval.decision?.selection ?? []),
        ...(comment ? { comment } : {}),
      },
      `approval-${approval.id}`,
    );
    return approval.status === 'approved' ? onApprove(ctx, approval) : rejection(approval);
  },
  approval: { kind, subject },
});

/** The last counted round of a stage's chain for an office. */
const lastCounted = async (ctx: StageContext, stage: Stage, office: Office) =>
  (await listRounds(ctx.election.id))
    .filter((r) => r.stage === stage && r.office === office && r.status === 'closed' && r.tally)
    .at(-1);

/**
 * What the superior approves of an election stage: the candidates of its deciding round with
 * their votes, who was elected, the ballot totals (shape: shared/election/approvals/subject.ts).
 */
const resultSubject =
  (stages: { stage: Stage; office: Office }[]) =>
  async (ctx: StageContext): Promise<ApprovalSubject> => {
    // Only the offices approved here: the committee is elected before the secretary's approval.
    const all = ctx.election.result ?? { secretary: null, deputies: [], members: [] };
    const offices = new Set(stages.map(({ office }) => office));
    const result = {
      ...(offices.has('secretary') ? { secretary: all.secretary } : {}),
      ...(offices.has('deputy') ? { deputies: all.deputies } : {}),
      ...(offices.has('member') ? { members: all.members } : {}),
    };
    const candidates: NonNullable<ApprovalSubject['candidates']> = [];
    let totals: ApprovalSubject['totals'];
    let roundId: string | undefined;
    for (const { stage, office } of stages) {
      const round = await lastCounted(ctx, stage, office);
      if (!round?.tally) continue;
      const { tally } = round;
      roundId ??= round.id;
      totals ??= {
        issued: tally.issued,
        returned: tally.returned,
        valid: tally.valid,
        invalid: tally.invalid,
      };
      for (const { memberId, name } of await named(ctx, Object.keys(tally.counts))) {
        candidates.push({
          memberId,
          name,
          office,
          count: tally.counts[memberId],
          elected: tally.elected.includes(memberId),
        });
      }
    }
    return { candidates, result, ...(totals ? { totals } : {}), ...(roundId ? { roundId } : {}) };
  };

// ——— The stages ———

const reviewSet = (candidates: readonly CandidateRecord[]) =>
  candidates.filter((c) => !c.decision && (c.status === 'nominated' || c.status === 'recommended'));

export const STAGE_LOGIC: Record<Stage, StageLogic> = {
  announcement: {
    timed: true,
    async begin(ctx) {
      const { rules, calendar, seats } = ctx.election;
      await tell(ctx, await members(ctx), 'announcement', {
        organization: await organization(ctx),
        seats,
        rules,
        calendar,
      });
    },
    finish: async () => advance,
  },

  nomination: { timed: true, finish: async () => advance },

  'eligibility-review': {
    timed: true,
    async begin(ctx) {
      // yuyang reviews after its recommendation and evaluation: not those they eliminated.
      const candidates = (await ctx.candidates()).filter((c) => c.status !== 'eliminated');
      const nominations = await listNominations(ctx.election.id);
      await tell(ctx, await organizers(ctx), 'eligibility-review-list', {
        organization: await organization(ctx),
        until: window(ctx).until,
        minPreliminarySecretary: ctx.election.rules.minPreliminarySecretary,
        nominees: await Promise.all(
          candidates.map(async (c) => ({
            name: (await namesOf(ctx, [c.memberId]))[0] ?? c.memberId,
            office: c.office,
            kinds: nominations
              .filter((n) => n.nomineeId === c.memberId && n.office === c.office)
              .map((n) => n.kind),
            check: c.check,
          })),
        ),
      });
    },
    async waitingFor(ctx) {
      return reviewSet(await ctx.candidates()).length > 0 ? 'eligibility-decisions' : null;
    },
    async finish(ctx) {
      const candidates = await ctx.candidates();
      const { rules } = ctx.election;
      // Candidates reviewed now go to the 公示 where there is one, else straight to the vote.
      const next: CandidateStatus = rules.stages.includes('preliminary-notice')
        ? 'preliminary'
        : 'formal';
      const eligible = candidates.filter((c) => c.status === 'eligible');
      const secretaries = ids(ofOffice(eligible, 'secretary', 'eligible'));
      const check = rules.stages.includes('preliminary-notice')
        ? checkPreliminaryList(secretaries, rules)
        : secretaries.length >= minCompetitiveCandidates(1, rules.competitionMarginPercent)
          ? { ok: true as const, value: secretaries }
          : {
              ok: false as const,
              violations: [
                {
                  rule: 'too-few-candidates',
                  message: `书记候选人只有 ${secretaries.length} 名,不足差额选举所需`,
                },
              ],
            };
      if (!check.ok)
        return halt(`资格审查后书记人选不足:${check.violations.map((v) => v.message).join(';')}`);
      for (const office of nominatedOffices(ctx)) {
        const count = ofOffice(eligible, office, 'eligible').length;
        const short = tooFew(ctx, office, count, '资格审查后');
        if (short) return short;
      }
      await changeStatuses(
        ctx.election,
        eligible.map((c) => ({ memberId: c.memberId, office: c.office, status: next })),
        'candidates-confirmed',
        candidates,
      );
      return advance;
    },
  },

  'preliminary-notice': {
    timed: true,
    async begin(ctx) {
      // One notice an office (nanjing publishes its deputy and committee nominees too).
      for (const office of ['secretary', 'deputy', 'member'] as const) {
        const preliminary = ids(ofOffice(await ctx.candidates(), office, 'preliminary'));
        if (preliminary.length === 0) continue;
        await tell(
          ctx,
          await members(ctx),
          'notice-published',
          {
            organization: await organization(ctx),
            notice: 'preliminary',
            office,
            candidates: await listed(ctx, preliminary),
            ...window(ctx),
          },
          office === 'secretary' ? undefined : `${ctx.stage}-${office}`,
        );
      }
    },
    waitingFor: openObjections,
    async finish(ctx) {
      const candidates = await ctx.candidates();
      const left = ids(ofOffice(candidates, 'secretary', 'preliminary'));
      const check = checkPreliminaryList(left, ctx.election.rules);
      if (!check.ok)
        return halt(
          `公示期异议成立后书记初步人选不足:${check.violations.map((v) => v.message).join(';')}`,
        );
      for (const office of nominatedOffices(ctx)) {
        const count = ofOffice(candidates, office, 'preliminary').length;
        const short = tooFew(ctx, office, count, '公示期异议成立后');
        if (short) return short;
      }
      return advance;
    },
  },

  recommendation: assembly(
    async (ctx) => [
      {
        office: 'secretary',
        kind: 'recommendation',
        candidates: ids(ofOffice(await ctx.candidates(), 'secretary', 'preliminary')),
        seats: ctx.election.seats.secretary,
        // 第一篇: 公推时,至少产生4名推荐人选 (community: 确定考察人选3名).
        places: recommendationPlaces(ctx.election.rules, 'secretary', ctx.election.seats.secretary),
      },
    ],
    async (ctx, elected) => {
      const pool = ids(ofOffice(await ctx.candidates(), 'secretary', 'preliminary'));
      await promote(
        ctx,
        'secretary',
        pool,
        elected.get('secretary') ?? [],
        ['recommended', 'eliminated'],
        'recommendation-applied',
      );
      return advance;
    },
  ),

  // yuyang 党内推荐: the self-nominated go before the branch assembly, secretary then committee.
  'party-recommendation': beforeFirstRound(
    assembly(
      async (ctx) => {
        const candidates = await ctx.candidates();
        const { seats, rules } = ctx.election;
        return [
          {
            office: 'secretary',
            kind: 'recommendation',
            candidates: ids(
              ofOffice(candidates, 'secretary', 'nominated', 'recommended', 'eliminated'),
            ),
            seats: seats.secretary,
            places: recommendationPlaces(rules, 'secretary', seats.secretary),
          },
          {
            office: 'member',
            kind: 'recommendation',
            candidates: ids(
              ofOffice(candidates, 'member', 'nominated', 'recommended', 'eliminated'),
            ),
            seats: seats.members,
            places: rules.memberRecommendationFactor * seats.members,
          },
        ];
      },
      async (ctx, elected) => {
        const candidates = await ctx.candidates();
        for (const office of ['secretary', 'member'] as const) {
          const pool = ids(ofOffice(candidates, office, 'nominated', 'recommended', 'eliminated'));
          await promote(
            ctx,
            office,
            pool,
            elected.get(office) ?? [],
            ['recommended', 'eliminated'],
            'party-recommendation-applied',
          );
        }
        return advance;
      },
    ),
    // 差额 from the start: a recommendation among too few nominees would choose nobody.
    async (ctx) => {
      const nominated = await ctx.candidates();
      for (const office of ['secretary', ...nominatedOffices(ctx)] as const) {
        const count = ofOffice(nominated, office, 'nominated').length;
        const short = tooFew(ctx, office, count, '党内推荐前');
        if (short) return short;
      }
      return null;
    },
  ),

  evaluation: assembly(
    async (ctx) => {
      const candidates = await ctx.candidates();
      // Nominees still in the running when the evaluation began (rounds keep their own list).
      return (['secretary', 'member'] as const).map((office) => ({
        office,
        kind: 'evaluation' as const,
        candidates: ids(ofOffice(candidates, office, 'recommended')),
        seats: 1,
      }));
    },
    async (ctx, elected) => {
      for (const office of ['secretary', 'member'] as const) {
        const first = (await chainRounds(ctx, office))[0];
        if (!first) continue;
        await promote(
          ctx,
          office,
          first.candidates,
          elected.get(office) ?? [],
          ['recommended', 'eliminated'],
          'evaluation-applied',
        );
      }
      // 测评满意票未超过实投票人数半数者直接淘汰: those left must still be more than the seats.
      for (const office of ['secretary', ...nominatedOffices(ctx)] as const) {
        const short = tooFew(ctx, office, (elected.get(office) ?? []).length, '群众满意度测评后');
        if (short) return short;
      }
      return advance;
    },
  ),

  // 差额考察: every recommended candidate inspected; where more were recommended than go to the
  // superior, the organizers' choice of them (the others are then eliminated, shared/election/
  // inspections.ts) — the approval request shows only those still recommended.
  inspection: {
    timed: false,
    async waitingFor(ctx) {
      const recommended = ofOffice(await ctx.candidates(), 'secretary', 'recommended');
      if (recommended.some((c) => !c.inspection)) return 'inspections';
      return needsInspectionProposal(recommended.length, ctx.election.rules)
        ? 'inspection-proposal'
        : null;
    },
    async finish(ctx) {
      const approval = await decided(ctx);
      if (!approval) return { outcome: 'approval' };
      if (approval.status === 'rejected') return rejection(approval);
      const pool = ids(ofOffice(await ctx.candidates(), 'secretary', 'recommended'));
      await promote(
        ctx,
        'secretary',
        pool,
        approval.decision?.selection ?? [],
        ['formal', 'eliminated'],
        'formal-candidates-chosen',
      );
      return advance;
    },
    approval: {
      kind: 'inspection',
      async subject(ctx) {
        const recommended = ofOffice(await ctx.candidates(), 'secretary', 'recommended');
        const round = await lastCounted(ctx, 'recommendation', 'secretary');
        return {
          description: `请从以下考察人选中票决确定 ${ctx.election.rules.formalSecretaryCandidates} 名书记正式候选人。`,
          office: 'secretary',
          ...(round ? { roundId: round.id } : {}),
          candidates: await Promise.all(
            recommended.map(async (c) => ({
              memberId: c.memberId,
              name: (await namesOf(ctx, [c.memberId]))[0],
              office: 'secretary',
              count: round?.tally?.counts[c.memberId],
              rate: round?.tally?.rates?.[c.memberId],
              ...(c.inspection
                ? { inspection: { summary: c.inspection.summary, rating: c.inspection.rating } }
                : {}),
            })),
          ),
        };
      },
    },
  },

  'formal-notice': {
    timed: true,
    async begin(ctx) {
      const formal = ids(ofOffice(await ctx.candidates(), 'secretary', 'formal'));
      if (formal.length === 0) return;
      await tell(ctx, await members(ctx), 'notice-published', {
        organization: await organization(ctx),
        notice: 'formal',
        office: 'secretary',
        candidates: await listed(ctx, formal),
        ...window(ctx),
      });
    },
    async waitingFor(ctx) {
      const objections = await openObjections(ctx);
      if (objections) return objections;
      return (await missingSuggestionLists(ctx)).length > 0 ? 'suggestion-lists' : null;
    },
    async finish(ctx) {
      const formal = ofOffice(await ctx.candidates(), 'secretary', 'formal');
      const needed = minCompetitiveCandidates(
        ctx.election.seats.secretary,
        ctx.election.rules.competitionMarginPercent,
      );
      return formal.length >= needed
        ? advance
        : halt(
            `正式候选人公示后书记候选人只有 ${formal.length} 名,不足差额选举所需的 ${needed} 名`,
          );
    },
  },

  'secretary-election': assembly(
    async (ctx) => [
      {
        office: 'secretary',
        kind: 'election',
        candidates: ids(ofOffice(await ctx.candidates(), 'secretary', 'formal')),
        seats: ctx.election.seats.secretary,
      },
    ],
    async (ctx, elected) => {
      const [secretary] = elected.get('secretary') ?? [];
      if (!secretary) return halt('书记选举未产生当选人');
      const pool = ids(ofOffice(await ctx.candidates(), 'secretary', 'formal'));
      await promote(
        ctx,
        'secretary',
        pool,
        [secretary],
        ['elected', 'not-elected'],
        'secretary-elected',
      );
      await recordResult(ctx, { secretary });
      return advance;
    },
  ),

  'secretary-approval': approvalStage(
    'secretary',
    resultSubject([{ stage: 'secretary-election', office: 'secretary' }]),
  ),

  // nanjing 副书记: after the secretary, directly and competitively (差额).
  'deputy-election': nominatedOfficeElection(
    'deputy',
    deputyCandidates,
    assembly(
      async (ctx) => [
        {
          office: 'deputy',
          kind: 'election',
          candidates: await deputyCandidates(ctx),
          seats: ctx.election.seats.deputies,
        },
      ],
      async (ctx, elected) => {
        const deputies = elected.get('deputy') ?? [];
        const pool = await deputyCandidates(ctx);
        await promote(
          ctx,
          'deputy',
          pool,
          deputies,
          ['elected', 'not-elected'],
          'deputies-elected',
        );
        await recordResult(ctx, { deputies });
        return advance;
      },
    ),
  ),

  // 第六条5: at the same assembly, right after the secretary — once the secretary's list is in.
  'member-election': afterSuggestionList(
    nominatedOfficeElection(
      'member',
      memberCandidates,
      assembly(
        async (ctx) => [
          {
            office: 'member',
            kind: 'election',
            candidates: await memberCandidates(ctx),
            seats: ctx.election.seats.members,
          },
        ],
        async (ctx, elected) => {
          const members = elected.get('member') ?? [];
          await promote(
            ctx,
            'member',
            await memberCandidates(ctx),
            members,
            ['elected', 'not-elected'],
            'members-elected',
          );
          await recordResult(ctx, { members });
          return advance;
        },
      ),
    ),
  ),

  'member-approval': approvalStage(
    'members',
    resultSubject([
      { stage: 'deputy-election', office: 'deputy' },
      { stage: 'member-election', office: 'member' },
    ]),
  ),

  // yuyang 监督审批关: one approval of the whole result (书记、支委 and their votes) by the 矿党委.
  approval: approvalStage(
    'result',
    resultSubject([
      { stage: 'secretary-election', office: 'secretary' },
      { stage: 'deputy-election', office: 'deputy' },
      { stage: 'member-election', office: 'member' },
    ]),
  ),
};

const OPEN_WORK_TASKS = [
  'eligibility-decisions',
  'objections',
  'inspections',
  'inspection-proposal',
  'suggestion-lists',
  'rounds',
  'round-decisions',
] as const;

/** What is open, item by item, for the organizers' reminder. */
export const openWork = async (
  ctx: StageContext,
  reason: string,
): Promise<{ task: (typeof OPEN_WORK_TASKS)[number] | 'other'; items: string[] }> => {
  const candidates = await ctx.candidates();
  const task = (OPEN_WORK_TASKS as readonly string[]).includes(reason)
    ? (reason as (typeof OPEN_WORK_TASKS)[number])
    : 'other';
  const items = await (async (): Promise<string[]> => {
    switch (task) {
      case 'eligibility-decisions':
        return namesOf(ctx, ids(reviewSet(candidates)));
      case 'inspections':
        return namesOf(
          ctx,
          ids(ofOffice(candidates, 'secretary', 'recommended').filter((c) => !c.inspection)),
        );
      case 'inspection-proposal': {
        const recommended = ids(ofOffice(candidates, 'secretary', 'recommended'));
        const chosen = ctx.election.rules.inspectionCount;
        return [
          `从 ${recommended.length} 名考察人选(${(await namesOf(ctx, recommended)).join('、')})中确定 ${chosen} 名提交上级党组织票决`,
        ];
      }
      case 'suggestion-lists':
        return namesOf(ctx, await missingSuggestionLists(ctx));
      case 'rounds':
        return (await ctx.rounds())
          .filter((r) => r.status === 'open')
          .map((r) => `投票轮次 ${r.id}`);
      case 'round-decisions':
        return (await ctx.rounds())
          .filter((r) => r.tally?.next === 'organizer-decision' && !r.decision)
          .map((r) => `投票轮次 ${r.id}`);
      case 'objections': {
        const open = (
          await queryPrefix<{ status: string; stage: string }>(
            keys.electionPartition(ctx.election.id),
            'OBJECTION#',
          )
        ).filter((o) => o.status === 'open' && o.stage === ctx.stage);
        return [`${open.length} 件异议待处理`];
      }
      default:
        return [reason];
    }
  })();
  return { task, items: items.length > 0 ? items : [reason] };
};
