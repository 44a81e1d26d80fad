import { entitledMembers, type Member, type Stage } from '../../shared/rules/index.ts';
import type { RoundView, Session, Tally } from './session.ts';
import {
  type Decision,
  DOCUMENTS,
  eligibleMembers as eligibleUnder,
  refusedWith,
} from './steps.ts';

export { DOCUMENTS };

/**
 * What the people of an election do, one step each, through the HTTP API: members and the
 * organizers nominate, the organizers review and inspect, tellers enter paper ballots and the
 * scrutineer closes the count, the superior decides by the e-mailed link.
 */

/** Members who pass every condition for office (SPEC §2.3) on this election's calendar. */
export const eligibleMembers = (session: Session): Member[] =>
  eligibleUnder(session.roll, 'community', session.startsAt, session.dayLengthMs);

/** Members entitled to vote (and to support a joint nomination). */
export const entitled = (session: Session): Member[] => entitledMembers(session.roll);

const nominationsPath = (session: Session) => `/v1/elections/${session.electionId}/nominations`;

/**
 * Secretary nominations of every kind: the first nominee nominates themself, the second is
 * nominated jointly by five members, the third by the organization, the others self again.
 */
export const nominateSecretaries = async (session: Session, nominees: readonly Member[]) => {
  const taken = nominees.map((n) => n.id);
  const supporters = entitled(session)
    .filter((m) => !taken.includes(m.id))
    .slice(0, 5)
    .map((m) => m.id);
  for (const [i, nominee] of nominees.entries()) {
    const base = { office: 'secretary', nomineeId: nominee.id, documents: DOCUMENTS };
    if (i === 1) {
      await session.api.call(
        'POST',
        nominationsPath(session),
        await session.token(supporters[0] as string, ['member']),
        { ...base, kind: 'joint', supporterIds: supporters },
      );
    } else if (i === 2) {
      await session.api.call('POST', nominationsPath(session), session.organizer, {
        ...base,
        kind: 'organization',
      });
    } else {
      await session.api.call(
        'POST',
        nominationsPath(session),
        await session.token(nominee.id, ['member']),
        { ...base, kind: 'self' },
      );
    }
  }
};

/** The organizers' eligibility decision on one nominee (资格审查). */
export const decideEligibility = (
  session: Session,
  nominee: Member,
  decision: 'accept' | 'reject',
  reason?: string,
) =>
  session.api.call('POST', `/v1/elections/${session.electionId}/eligibility`, session.organizer, {
    nomineeId: nominee.id,
    office: 'secretary',
    decision,
    ...(reason ? { reason } : {}),
  });

/**
 * The organizers close a window they are done with: its deadline moves to `ms` from now (a
 * deadline already passed is left as it is: the window is closed).
 */
export const closeSoon = async (session: Session, stage: string, ms = 500) => {
  try {
    await session.moveDeadline(stage, new Date(Date.now() + ms));
  } catch (error) {
    if (!refusedWith(error, 409)) throw error;
  }
};

/**
 * Someone objects to a candidate during a 公示; the organizers look into it and dismiss it (or
 * uphold it: the candidate is removed).
 */
export const objectAndResolve = async (
  session: Session,
  candidate: Member,
  decision: 'dismissed' | 'upheld' = 'dismissed',
) => {
  const base = `/v1/elections/${session.electionId}/objections`;
  const objection = await session.api.call<{ id: string }>('POST', base, undefined, {
    candidateId: candidate.id,
    office: 'secretary',
    text: '反映该同志近期工作作风问题,请核实。',
  });
  await session.api.call('POST', `${base}/${objection.id}/resolution`, session.organizer, {
    decision,
    reason: decision === 'dismissed' ? '经核实,反映情况不属实。' : '经核实,反映情况属实。',
  });
};

/**
 * The organizers put a stage that closes at its deadline on hold: the deadline moves far out
 * (the workflow then only looks at it now and then, waiting for nobody). A planned deadline
 * already past is first replaced by the workflow when the stage begins late: then it is moved.
 */
export const park = async (session: Session, stage: Stage) => {
  const far = () => new Date(Date.now() + 365 * session.dayLengthMs);
  try {
    return await session.moveDeadline(stage, far());
  } catch (error) {
    if (!refusedWith(error, 409)) throw error;
  }
  await session.until(`a deadline of ${stage} still ahead`, (view) => {
    const until = view.calendar[stage]?.until;
    return until && Date.parse(until) > Date.now() + 500 ? view : undefined;
  });
  return session.moveDeadline(stage, far());
};

export interface ConstituencyReport {
  name: string;
  expected: number;
  present: number;
  ballotsIssued: number;
}

/** The assembly's attendance as the tellers count it (社区单位党组织 and 社区居民群众). */
export const ASSEMBLY: { units: ConstituencyReport; residents: ConstituencyReport } = {
  units: { name: '社区单位党组织', expected: 40, present: 35, ballotsIssued: 35 },
  residents: { name: '社区居民群众', expected: 160, present: 150, ballotsIssued: 150 },
};

export type Votes = readonly (readonly [string, number])[];

/** Recommendation ballots of one constituency: `n` naming each member, then `blank` blank ones. */
export const recommendationBallots = (constituency: string, votes: Votes, blank = 0) => {
  const ballots: { serial: string; constituency: string; choices: string[] }[] = [];
  const serial = () => `${constituency}-${ballots.length + 1}`;
  for (const [memberId, n] of votes)
    for (let i = 0; i < n; i++)
      ballots.push({ serial: serial(), constituency, choices: [memberId] });
  for (let i = 0; i < blank; i++) ballots.push({ serial: serial(), constituency, choices: [] });
  return ballots;
};

export interface RecommendationVote {
  units: Votes;
  residents: Votes;
  blank?: { units?: number; residents?: number };
  attendance?: Partial<typeof ASSEMBLY>;
}

/**
 * A recommendation round held (公开推荐大会): attendance of both constituencies, the ballots
 * entered by the tellers, the count closed by the scrutineer. Answers the tally.
 */
export const holdRecommendation = async (
  session: Session,
  round: RoundView,
  vote: RecommendationVote,
): Promise<Tally> => {
  const units = { ...ASSEMBLY.units, ...vote.attendance?.units };
  const residents = { ...ASSEMBLY.residents, ...vote.attendance?.residents };
  return session.vote(
    round,
    {
      present: units.present + residents.present,
      ballotsIssued: units.ballotsIssued + residents.ballotsIssued,
      constituencies: [units, residents],
    },
    [
      ...recommendationBallots('units', vote.units, vote.blank?.units ?? 0),
      ...recommendationBallots('residents', vote.residents, vote.blank?.residents ?? 0),
    ],
  );
};

export type Marks = Record<string, 'for' | 'against' | 'abstain'>;

export interface ElectionVote {
  /** The marks of ballot `i` (0-based). */
  marksOf: (i: number, candidates: readonly string[]) => Marks;
  /** The write-ins (另选他人) of ballot `i`, if any: each replaces a 不赞成. */
  writeInsOf?: (i: number, candidates: readonly string[]) => string[] | undefined;
  /** 实到会 and ballots issued; default: all entitled but 3. */
  present?: number;
  /** Ballots put back in the box; default: as many as issued. */
  returned?: number;
}

/** A round of the members' assembly (党员大会): attendance, paper ballots, the count. */
export const holdElectionRound = async (
  session: Session,
  round: RoundView,
  vote: ElectionVote,
): Promise<Tally> => {
  const present = vote.present ?? entitled(session).length - 3;
  const ballots = Array.from({ length: vote.returned ?? present }, (_, i) => {
    const writeIns = vote.writeInsOf?.(i, round.candidates);
    return {
      serial: `${round.id}-${i + 1}`,
      marks: vote.marksOf(i, round.candidates),
      ...(writeIns?.length ? { writeIns } : {}),
    };
  });
  return session.vote(round, { present, ballotsIssued: present }, ballots);
};

/** The organizers record the 考察 of each recommended candidate. */
export const inspect = async (session: Session, candidates: readonly Member[]) => {
  for (const member of candidates) {
    await session.api.call(
      'POST',
      `/v1/elections/${session.electionId}/inspections`,
      session.organizer,
      {
        candidateId: member.id,
        summary: `${member.name}同志德才表现良好,群众公认度高。`,
        rating: 'good',
      },
    );
  }
};

export type { Decision };

/** Waits for the approval of this kind to be pending; answers its id (the one in the link). */
export const pendingApproval = async (session: Session, kind: string): Promise<string> =>
  (
    await session.until(`a pending ${kind} approval`, (view) =>
      view.pendingApprovals.find((a) => a.kind === kind),
    )
  ).id;

/**
 * The superior opens the e-mailed link, reads the page (which changes nothing) and decides on
 * it (steps.ts; an expired link is followed by the reminder's new one). Answers the approval id.
 */
export const decideByLink = (session: Session, kind: string, decision?: Decision) =>
  session.decideByLink(kind, decision);

/** A formal candidate's committee-member suggestion list (委员建议名单), by them or the organizers. */
export const suggest = async (
  session: Session,
  candidate: Member,
  memberIds: readonly string[],
  by: 'candidate' | 'organizer',
) =>
  session.api.call(
    'POST',
    `/v1/elections/${session.electionId}/suggestions`,
    by === 'candidate' ? await session.token(candidate.id, ['member']) : session.organizer,
    { candidateId: candidate.id, memberIds },
  );

/** A candidate's statement (竞职承诺), entered by the organizers. */
export const statement = (session: Session, candidate: Member, text: string) =>
  session.statement(candidate.id, 'commitment', text);
