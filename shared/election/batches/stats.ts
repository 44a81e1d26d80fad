import {
  ageOn,
  type Calendar,
  EligibilityRule,
  electionDay,
  entitledMembers,
  isCollegeEducated,
  type Member,
  NominationKind,
} from '../../rules/index.ts';
import type {
  CandidateRecord,
  ElectionResult,
  NominationRecord,
  RoundRecord,
} from '../../store/records.ts';

/**
 * The statistics 第一篇 reports for a batch (南京 363 communities): how people were nominated —
 * its shares are of 报名人选, persons (4562 报名人选, 1944 自荐 = 42.6%, 联名举荐 25%) — why
 * nominees failed review, turnout at each vote (到会率 = 实到 ÷ 应到, 平均到会率 93%), and the
 * age and education (大专以上) of those elected against the rolls. Pure: each
 * election is reduced to sums on its own, then the sums are added, so a batch of any size is
 * read one election at a time and never held whole.
 */

/** What one election contributes (read from the table by the caller). */
export interface ElectionFacts {
  electionId: string;
  calendar: Calendar;
  result?: ElectionResult;
  nominations: readonly Pick<NominationRecord, 'kind' | 'nomineeId' | 'office'>[];
  candidates: readonly Pick<CandidateRecord, 'memberId' | 'office' | 'status' | 'check'>[];
  rounds: readonly Pick<
    RoundRecord,
    'id' | 'kind' | 'office' | 'number' | 'openedAt' | 'attendance' | 'tally'
  >[];
  roll: readonly Member[];
}

export interface Turnout {
  electionId: string;
  roundId: string;
  kind: RoundRecord['kind'];
  office: RoundRecord['office'];
  number: number;
  /** 应到会: the attendance's expected (constituencies summed), else the entitled members. */
  expected: number;
  /** 实到会. */
  present: number;
  returned: number;
  /** 到会率 = present ÷ expected (第一篇), null when nobody was expected. */
  rate: number | null;
}

/** 报名人选 by kind: persons, each counted under every kind that named them, once in `total`. */
export type NomineeCounts = Record<NominationKind | 'total', number>;

/** Running sums over a group of people. */
export interface PeopleSums {
  count: number;
  ageSum: number;
  college: number;
}

export interface ElectionStats {
  nominations: Record<NominationKind, number>;
  nominees: NomineeCounts;
  eligibilityFailures: Partial<Record<EligibilityRule, number>>;
  turnout: Turnout[];
  elected: PeopleSums;
  secretaries: PeopleSums;
  roll: PeopleSums;
}

export interface PeopleStats {
  count: number;
  /** Average age (周岁) on each election's day; null for nobody. */
  averageAge: number | null;
  /** Share with 大专以上 education, in [0, 1]; null for nobody. */
  collegeShare: number | null;
}

export interface BatchStats {
  /** Counted per nomination (a person named for two offices counts twice). */
  nominations: Record<NominationKind | 'total', number>;
  /**
   * 报名人选, persons: each under every kind that named them, once in `total` (people in
   * different elections are different people). `shares` are of `total`, as 第一篇's are;
   * null when there are none.
   */
  nominees: NomineeCounts & { shares: Record<NominationKind, number | null> };
  eligibilityFailures: Partial<Record<EligibilityRule, number>>;
  turnout: Turnout[];
  /** Mean 到会率 (`rate`) of the election rounds (党员大会) with anyone expected; null when none. */
  averageElectionTurnout: number | null;
  elected: PeopleStats;
  /** The elected secretaries alone (第一篇: 书记的平均年龄 43.6 岁). */
  secretaries: PeopleStats;
  roll: PeopleStats;
}

const noPeople = (): PeopleSums => ({ count: 0, ageSum: 0, college: 0 });

const sumPeople = (people: readonly Member[], day: string): PeopleSums =>
  people.reduce(
    (sums, member) => ({
      count: sums.count + 1,
      ageSum: sums.ageSum + ageOn(member.birthDate, day),
      college: sums.college + (isCollegeEducated(member.education) ? 1 : 0),
    }),
    noPeople(),
  );

const addPeople = (a: PeopleSums, b: PeopleSums): PeopleSums => ({
  count: a.count + b.count,
  ageSum: a.ageSum + b.ageSum,
  college: a.college + b.college,
});

const peopleStats = ({ count, ageSum, college }: PeopleSums): PeopleStats => ({
  count,
  averageAge: count > 0 ? ageSum / count : null,
  collegeShare: count > 0 ? college / count : null,
});

/** The day ages are reckoned on: the election day, or `today` for a calendar without one. */
const reckoningDay = (calendar: Calendar, today: string): string => {
  try {
    return electionDay(calendar);
  } catch {
    return today;
  }
};

/** Who holds office: the result once recorded, else the candidates marked elected. */
const electedIds = (facts: ElectionFacts): { all: string[]; secretary: string | null } => {
  if (facts.result) {
    const { secretary, deputies, members } = facts.result;
    return {
      all: [...new Set([...(secretary ? [secretary] : []), ...deputies, ...members])],
      secretary,
    };
  }
  const elected = facts.candidates.filter((c) => c.status === 'elected');
  return {
    all: [...new Set(elected.map((c) => c.memberId))],
    secretary: elected.find((c) => c.office === 'secretary')?.memberId ?? null,
  };
};

const turnoutOf = (facts: ElectionFacts): Turnout[] => {
  let entitled: number | undefined;
  const entitledCount = () => {
    entitled ??= entitledMembers([...facts.roll]).length;
    return entitled;
  };
  return [...facts.rounds]
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.number - b.number)
    .flatMap((round) => {
      const { attendance, tally } = round;
      if (!attendance || !tally) return [];
      const expected =
        attendance.expected ??
        (attendance.constituencies
          ? attendance.constituencies.reduce((sum, c) => sum + c.expected, 0)
          : entitledCount());
      return [
        {
          electionId: facts.electionId,
          roundId: round.id,
          kind: round.kind,
          office: round.office,
          number: round.number,
          expected,
          present: attendance.present,
          returned: tally.returned,
          rate: expected > 0 ? attendance.present / expected : null,
        },
      ];
    });
};

/** One election's contribution. `today` ('YYYY-MM-DD') only for a calendar without an election day. */
export const electionStats = (facts: ElectionFacts, today: string): ElectionStats => {
  const nominations = { self: 0, joint: 0, organization: 0 };
  const named = {
    self: new Set<string>(),
    joint: new Set<string>(),
    organization: new Set<string>(),
  };
  for (const nomination of facts.nominations) {
    nominations[nomination.kind]++;
    named[nomination.kind].add(nomination.nomineeId);
  }
  const eligibilityFailures: Partial<Record<EligibilityRule, number>> = {};
  for (const candidate of facts.candidates) {
    for (const failure of candidate.check.failures) {
      eligibilityFailures[failure.rule] = (eligibilityFailures[failure.rule] ?? 0) + 1;
    }
  }
  const day = reckoningDay(facts.calendar, today);
  const byId = new Map(facts.roll.map((member) => [member.id, member]));
  const members = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const member = byId.get(id);
      return member ? [member] : [];
    });
  const elected = electedIds(facts);
  return {
    nominations,
    nominees: {
      self: named.self.size,
      joint: named.joint.size,
      organization: named.organization.size,
      total: new Set(facts.nominations.map((n) => n.nomineeId)).size,
    },
    eligibilityFailures,
    turnout: turnoutOf(facts),
    elected: sumPeople(members(elected.all), day),
    secretaries: sumPeople(members(elected.secretary ? [elected.secretary] : []), day),
    roll: sumPeople(facts.roll, day),
  };
};

/** The batch's statistics from its elections' contributions. */
export const batchStats = (parts: Iterable<ElectionStats>): BatchStats => {
  const nominations = { self: 0, joint: 0, organization: 0 };
  const nominees = { self: 0, joint: 0, organization: 0, total: 0 };
  const eligibilityFailures: Partial<Record<EligibilityRule, number>> = {};
  const turnout: Turnout[] = [];
  let elected = noPeople();
  let secretaries = noPeople();
  let roll = noPeople();
  for (const part of parts) {
    for (const kind of NominationKind.options) {
      nominations[kind] += part.nominations[kind];
      nominees[kind] += part.nominees[kind];
    }
    nominees.total += part.nominees.total;
    for (const rule of EligibilityRule.options) {
      const n = part.eligibilityFailures[rule];
      if (n) eligibilityFailures[rule] = (eligibilityFailures[rule] ?? 0) + n;
    }
    turnout.push(...part.turnout);
    elected = addPeople(elected, part.elected);
    secretaries = addPeople(secretaries, part.secretaries);
    roll = addPeople(roll, part.roll);
  }
  const share = (n: number) => (nominees.total > 0 ? n / nominees.total : null);
  const rates = turnout.flatMap((t) => (t.kind === 'election' && t.rate !== null ? [t.rate] : []));
  return {
    nominations: {
      ...nominations,
      total: nominations.self + nominations.joint + nominations.organization,
    },
    nominees: {
      ...nominees,
      shares: {
        self: share(nominees.self),
        joint: share(nominees.joint),
        organization: share(nominees.organization),
      },
    },
    eligibilityFailures,
    turnout,
    averageElectionTurnout:
      rates.length > 0 ? rates.reduce((sum, rate) => sum + rate, 0) / rates.length : null,
    elected: peopleStats(elected),
    secretaries: peopleStats(secretaries),
    roll: peopleStats(roll),
  };
};
