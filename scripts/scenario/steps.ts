import {
  checkEligibility,
  electionDay,
  entitledMembers,
  type Member,
  PRESETS,
  type PresetName,
  planCalendar,
} from '../../shared/rules/index.ts';
import { type Api, ApiFailure, localToken } from './client.ts';
import { nameLookup, tallyReport } from './tally-report.ts';
import type { ElectionView, RoundView, Tally } from './views.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers something other than undefined. */
export const eventually = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: still waiting after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
};

/** Whether the API refused with this status. */
export const refusedWith = (error: unknown, status: number): boolean =>
  error instanceof ApiFailure && error.status === status;

/**
 * The steps of an election under any preset, as its people take them through the HTTP API:
 * tokens for each role, the organization and its roll, what the organizers read (the election,
 * its rounds) with the waits a person does, nominations for any office, decisions, windows held
 * open and closed by deadline moves, rounds of any kind held by the tellers and closed by the
 * scrutineer, approvals by the superior's link. Every scenario opens its election with
 * `openElection` and drives it with these; the per-preset files keep only what differs.
 */

/** What every scenario is run with: the API, the secret its tokens are signed with, its pace. */
export interface RunOptions {
  api: Api;
  secret: string;
  /** The organization's id (default a new one each run). */
  orgId?: string;
  /** Default 1000 ms. */
  dayLengthMs?: number;
  log?: (line: string) => void;
  /** How long to wait for one stage to arrive, in ms. */
  stageTimeoutMs?: number;
}

/** A scenario's options with their defaults: an organization `prefix-…` of its own, a day of 1 s. */
export const withDefaults = <T extends RunOptions>(options: T, prefix: string) => ({
  ...options,
  orgId: options.orgId ?? `${prefix}-${Date.now().toString(36)}`,
  dayLengthMs: options.dayLengthMs ?? 1000,
  log: options.log ?? (() => {}),
});

/** What every scenario answers: its election as the last step left it. */
export interface ScenarioOutcome {
  electionId: string;
  orgId: string;
  roll: Member[];
  result: ElectionView['result'];
  final: ElectionView;
  /** Every stage the scenario saw, in order. */
  stagesSeen: string[];
}

export const outcomeOf = (
  final: ElectionView,
  { electionId, orgId, roll, stagesSeen }: Omit<ScenarioOutcome, 'result' | 'final'>,
): ScenarioOutcome => ({ electionId, orgId, roll, result: final.result, final, stagesSeen });

/** Waits until the election completes; answers it as the scenario's outcome. */
export const completion = async (steps: ElectionSteps, orgId: string, roll: Member[]) => {
  const { electionId, stagesSeen } = steps;
  return outcomeOf(await steps.reach('completed'), { electionId, orgId, roll, stagesSeen });
};

/** A nominee's papers, all brought (第六条 2). */
export const DOCUMENTS = { idCard: true, householdRegister: true, diploma: true, photo: true };

export interface People {
  organizer: string;
  teller: string;
  scrutineer: string;
  member(id: string): Promise<string>;
}

/** Tokens of the organizations' people (工作小组, 计票人, 监票人, any member by id). */
export const peopleOf = async (orgs: string[], secret: string): Promise<People> => {
  const token = (sub: string, roles: string[]) => localToken({ sub, roles, orgs }, secret);
  return {
    organizer: await token('organizer-1', ['organizer']),
    teller: await token('teller-1', ['teller']),
    scrutineer: await token('scrutineer-1', ['scrutineer']),
    member: (id) => token(id, ['member']),
  };
};

export interface OrganizationPlan {
  id: string;
  name: string;
  level: 'branch' | 'general-branch' | 'committee';
  superior: { name: string; emails: string[] };
  roll: Member[];
}

/** `POST /v1/organizations`, then its roll (党员名册) with `PUT …/roll`. */
export const registerOrganization = async (
  api: Api,
  organizer: string,
  { roll, ...org }: OrganizationPlan,
): Promise<void> => {
  await api.call('POST', '/v1/organizations', organizer, org);
  await api.call('PUT', `/v1/organizations/${org.id}/roll`, organizer, { members: roll });
};

/**
 * Members who pass every condition for office under the preset, as of its planned election day,
 * in roll order: nominees a scenario picks so that the review has nothing to waive.
 */
export const eligibleMembers = (
  roll: readonly Member[],
  preset: PresetName,
  startsAt: string,
  dayLengthMs: number,
): Member[] => {
  const rules = PRESETS[preset];
  const day = electionDay(planCalendar({ startsAt, dayLengthMs }, rules));
  return roll.filter(
    (member) =>
      checkEligibility({ member, documents: DOCUMENTS, electionDay: day }, rules).eligible,
  );
};

/** A tuple of `N` member ids, then any more: what a scenario destructures to name its cast. */
type AtLeast<N extends number, Ids extends string[] = []> = Ids['length'] extends N
  ? [...Ids, ...string[]]
  : AtLeast<N, [...Ids, string]>;

/** The ids of `eligibleMembers`, at least `needed` of them (or it throws). */
export const eligibleIds = <N extends number>(
  roll: readonly Member[],
  preset: PresetName,
  startsAt: string,
  dayLengthMs: number,
  needed: N,
): AtLeast<N> => {
  const ids = eligibleMembers(roll, preset, startsAt, dayLengthMs).map((m) => m.id);
  if (ids.length < needed) throw new Error(`only ${ids.length} members eligible for office`);
  return ids as AtLeast<N>;
};

/** 唱票人, 监票人, 计票人: entitled members who are not candidates in the vote. */
export const staffFrom = (roll: readonly Member[], candidates: readonly string[]) => {
  const [announcer, scrutineer, counter] = entitledMembers([...roll])
    .filter((m) => !candidates.includes(m.id))
    .slice(10, 13)
    .map((m) => m.id);
  return { announcer, scrutineer, counter };
};

export interface StepsOptions {
  api: Api;
  people: People;
  electionId: string;
  roll: readonly Member[];
  dayLengthMs: number;
  log?: (line: string) => void;
  /** How long to wait for one stage (round, approval) to arrive, in ms. */
  stageTimeoutMs?: number;
  /** How often to look while waiting (default a quarter day, at most 100 ms). */
  pollMs?: number;
}

/** What the teller reports of a round, but the staff (chosen among those not standing). */
export interface AttendanceReport {
  present: number;
  ballotsIssued: number;
  constituencies?: {
    id?: string;
    name?: string;
    expected: number;
    present: number;
    ballotsIssued: number;
  }[];
}

export interface RoundPlan {
  /** The office's round, where the stage votes for several in turn (yuyang). */
  office?: string;
  attendance: (round: RoundView) => AttendanceReport;
  ballots: (round: RoundView) => unknown[];
}

export type Marks = Record<string, 'for' | 'against' | 'abstain'>;

/** The superior's decision on an approval, as the link's form sends it. */
export interface Decision {
  decision: 'approve' | 'reject';
  selection?: string[];
  comment?: string;
}

/** A window held open while people act: far beyond any scenario, closed by `closeSoon`. */
const HOLD_MS = 60 * 60 * 1000;

/** The steps on one election. */
export const electionSteps = (options: StepsOptions) => {
  const { api, people, electionId, roll, dayLengthMs, log = () => {} } = options;
  const { organizer, teller, scrutineer } = people;
  const stageTimeout = options.stageTimeoutMs ?? Math.max(60_000, dayLengthMs * 40);
  const pollMs = options.pollMs ?? Math.min(100, dayLengthMs / 4);
  const path = `/v1/elections/${electionId}`;
  const stagesSeen: string[] = [];

  const view = async () => {
    const current = await api.call<ElectionView>('GET', path, organizer);
    if (stagesSeen.at(-1) !== current.stage) {
      stagesSeen.push(current.stage);
      log(`→ 阶段 ${current.stage}`);
    }
    return current;
  };
  /** Waits until `probe` answers something for the election as it is. */
  const until = <T>(
    what: string,
    probe: (current: ElectionView) => T | undefined,
    timeoutMs = stageTimeout,
  ) => eventually(`${electionId}: ${what}`, async () => probe(await view()), timeoutMs, pollMs);

  /** Waits until the election is in `stage`; a halt fails with its reason (unless it is `stage`). */
  const reach = (stage: string, timeoutMs?: number) =>
    until(
      `stage ${stage}`,
      (current) => {
        if (current.stage === stage) return current;
        if (current.stage === 'halted') throw new Error(`election halted: ${current.haltReason}`);
        return undefined;
      },
      timeoutMs,
    );

  const round = (roundId: string) =>
    api.call<RoundView>('GET', `${path}/rounds/${roundId}`, organizer);

  /**
   * The 计票人 reads out a closed round's count (tally-report.ts), one line at a time to `print`
   * (default the log): names, votes and percentages, as the assembly hears it.
   */
  const readOut = async (roundId: string, print: (line: string) => void = log) => {
    // The election read without `view`, which would log a stage the count led to before it.
    const [closed, { rules }] = await Promise.all([
      round(roundId),
      api.call<ElectionView>('GET', path, organizer),
    ]);
    const { tally } = closed;
    if (!tally) throw new Error(`round ${roundId} is not closed: no count to read out`);
    for (const line of tallyReport({ ...closed, tally }, rules, nameLookup(roll))) print(line);
  };

  /** The stage's open round (of `office`, when given), once the workflow has opened it. */
  const openRound = async (stage: string, office?: string) =>
    round(
      (
        await until(`an open round of ${stage}${office ? ` (${office})` : ''}`, (current) =>
          current.rounds.find(
            (r) =>
              r.id.startsWith(`${stage}-`) &&
              r.status === 'open' &&
              (office === undefined || r.office === office),
          ),
        )
      ).id,
    );

  /**
   * The vote of an open round: the teller reports the attendance (the staff chosen among those
   * not standing) and enters the ballots, the scrutineer closes the count. Answers the tally.
   */
  const vote = async (
    open: RoundView,
    attendance: AttendanceReport,
    ballots: unknown[],
  ): Promise<Tally> => {
    const at = `${path}/rounds/${open.id}`;
    await api.call('POST', `${at}/attendance`, teller, {
      ...attendance,
      staff: staffFrom(roll, open.candidates),
    });
    await api.call('POST', `${at}/ballots`, teller, { ballots });
    return api.call<Tally>('POST', `${at}/close`, scrutineer);
  };

  /**
   * Holds the stage's open round: the teller reports the attendance and enters the ballots, the
   * scrutineer closes the count. Answers the round as voted and its tally.
   */
  const holdRound = async (
    stage: string,
    plan: RoundPlan,
  ): Promise<{ round: RoundView; tally: Tally }> => {
    const open = await openRound(stage, plan.office);
    return { round: open, tally: await vote(open, plan.attendance(open), plan.ballots(open)) };
  };

  /** A round of the members' assembly (党员大会): `present` ballots, ballot n marked by `marksOf`. */
  const holdElection = (
    stage: string,
    present: number,
    marksOf: (n: number, candidates: readonly string[]) => Marks,
  ) =>
    holdRound(stage, {
      attendance: () => ({ present, ballotsIssued: present }),
      ballots: (open) =>
        Array.from({ length: present }, (_, n) => ({
          serial: `${open.id}-${n + 1}`,
          marks: marksOf(n, open.candidates),
        })),
    });

  /**
   * The superior opens the e-mailed link, reads the page (it changes nothing), and decides on it.
   * A link that expired meanwhile (409; on a short day 7 days pass quickly) is followed by the
   * reminder's new one. Answers the approval id.
   */
  const decideByLink = async (
    kind: string,
    decision: Decision = { decision: 'approve', comment: '同意' },
  ): Promise<string> => {
    const expired = new Set<string>();
    for (;;) {
      const approval = await until(`a pending ${kind} approval`, (current) =>
        current.pendingApprovals.find((a) => a.kind === kind && !expired.has(a.id)),
      );
      const page = await api.page(`/approve/${approval.id}`);
      if (!page.includes('<form')) throw new Error('the approval page shows no form');
      try {
        await api.call('POST', `/approve/${approval.id}`, undefined, decision);
      } catch (error) {
        if (!refusedWith(error, 409) || expired.size >= 5) throw error;
        expired.add(approval.id);
        continue;
      }
      log(`上级党组织${decision.decision === 'approve' ? '批准' : '不批准'} ${kind}`);
      return approval.id;
    }
  };

  /**
   * `PUT …/deadlines/{stage}`; retried when the workflow changed the election meanwhile, and
   * when the stage, just entered, has not recorded its start yet (its planned start is still
   * later than the deadline): then the deadline goes just after that start.
   */
  const moveDeadlineTo = async (stage: string, deadline: Date): Promise<ElectionView> => {
    let wanted = deadline;
    for (let attempt = 1; ; attempt++) {
      try {
        return await api.call<ElectionView>('PUT', `${path}/deadlines/${stage}`, organizer, {
          deadline: wanted.toISOString(),
        });
      } catch (error) {
        const code =
          error instanceof ApiFailure
            ? (error.body as { error?: { code?: string } } | undefined)?.error?.code
            : undefined;
        if (code === 'deadline-before-start' && attempt < 5) {
          const { calendar } = await view();
          const from = Date.parse(calendar[stage as keyof typeof calendar]?.from ?? '');
          wanted = new Date(Math.max(wanted.getTime(), from + 200));
          continue;
        }
        if (code !== 'stale-election' || attempt >= 5) throw error;
      }
    }
  };
  const moveDeadline = (stage: string, inMs: number) =>
    moveDeadlineTo(stage, new Date(Date.now() + inMs));

  return {
    electionId,
    stagesSeen,
    view,
    until,
    reach,
    round,
    readOut,
    openRound,
    vote,
    holdRound,
    holdElection,
    decideByLink,
    moveDeadlineTo,
    /**
     * Keeps a window open while people act — moved before the stage begins, so a slow machine
     * never sees it close first (a deadline of a stage not begun may be moved, SPEC §9).
     */
    holdOpen: (stage: string) => moveDeadline(stage, HOLD_MS),
    /** The organizers are done with a window: its deadline moves to just after now. */
    closeSoon: (stage: string) => moveDeadline(stage, 200),
    nominate: (
      token: string,
      nomination: { kind: string; office: string; nomineeId: string; supporterIds?: string[] },
    ) =>
      api.call<{ id: string; check: { eligible: boolean; failures: { rule: string }[] } }>(
        'POST',
        `${path}/nominations`,
        token,
        { ...nomination, documents: DOCUMENTS },
      ),
    /** A candidate's 竞职承诺 or speech (演说), entered by the organizers. */
    statement: (candidateId: string, kind: 'commitment' | 'speech', text: string) =>
      api.call('POST', `${path}/statements`, organizer, { candidateId, kind, text }),
    decide: (nomineeId: string, office: string, decision: 'accept' | 'reject', reason?: string) =>
      api.call('POST', `${path}/eligibility`, organizer, {
        nomineeId,
        office,
        decision,
        ...(reason ? { reason } : {}),
      }),
  };
};

export type ElectionSteps = ReturnType<typeof electionSteps>;

export interface ElectionPlan extends Omit<StepsOptions, 'people' | 'electionId' | 'roll'> {
  secret: string;
  organization: OrganizationPlan;
  preset: PresetName;
  seats: { secretary: number; deputies: number; members: number };
  /** How long from now the election starts (default 500 ms). */
  startsInMs?: number;
  /** Overrides of the preset's rules (POST /v1/elections `rules`). */
  rules?: Record<string, unknown>;
}

/**
 * The organization and its roll registered, the election created (its workflow starts): the
 * tokens of its people, when it starts, and the steps on it.
 */
export const openElection = async (plan: ElectionPlan) => {
  const { secret, organization, preset, seats, startsInMs = 500, rules, ...options } = plan;
  const people = await peopleOf([organization.id], secret);
  await registerOrganization(plan.api, people.organizer, organization);
  const startsAt = new Date(Date.now() + startsInMs).toISOString();
  const { id: electionId } = await plan.api.call<ElectionView>(
    'POST',
    '/v1/elections',
    people.organizer,
    {
      orgId: organization.id,
      preset,
      seats,
      startsAt,
      dayLengthMs: plan.dayLengthMs,
      ...(rules ? { rules } : {}),
    },
  );
  const steps = electionSteps({ ...options, people, electionId, roll: organization.roll });
  return { people, startsAt, electionId, steps };
};
