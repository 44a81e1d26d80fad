import {
  CandidateStatus,
  type ElectionStage,
  NOTICE_STAGES,
  type Office,
  type Stage,
  type Tally,
} from '../../rules/index.ts';
import { listApprovals } from '../../store/approvals.ts';
import { getElection } from '../../store/elections.ts';
import { listCandidates } from '../../store/nominations.ts';
import type { CandidateRecord, ObjectionRecord, RoundRecord } from '../../store/records.ts';
import { listRounds } from '../../store/rounds.ts';
import { organizationOf } from '../access.ts';
import { readSubject } from '../approvals/subject.ts';
import { objectionsOf, PUBLISHED_STATUS } from '../candidates/objections.ts';
import { electionNames, type Names } from '../names.ts';
import { roundHead } from '../rounds/views.ts';
import { type BoardRecall, boardRecalls } from './recalls.ts';

/**
 * The public notice board (公示栏) of an election, as data: what the public may read, and
 * nothing else — names but no personal data, objection counts and resolutions but never the
 * objection's text, no inspections, no tokens. The page and `Accept: application/json` both
 * show exactly this.
 */

export interface Person {
  memberId: string;
  name: string;
}

export interface BoardCandidate extends Person {
  office: Office;
  status: CandidateStatus;
  /** Why a candidate was removed (the upheld objection's resolution). */
  statusReason?: string;
  statements: { speech?: string; commitment?: string };
  objections: {
    total: number;
    open: number;
    upheld: number;
    dismissed: number;
    /** Resolutions, oldest first: the organizers' decision and reason, never the objection. */
    resolutions: { decision: 'upheld' | 'dismissed'; reason: string; at: string }[];
  };
  /** Whether the running 公示 publishes this candidate: objections may be filed against them. */
  acceptsObjections: boolean;
}

export interface BoardRound {
  id: string;
  kind: RoundRecord['kind'];
  office: Office;
  stage: RoundRecord['stage'];
  number: number;
  status: RoundRecord['status'];
  seats: number;
  candidates: Person[];
  attendance?: {
    present: number;
    ballotsIssued: number;
    expected?: number;
    /** The assembly's vote approving 监票人 and 计票人 (第八条 1), when recorded. */
    staffApproval?: { for: number; against: number; abstain: number };
  };
  /** Once the round is closed: the totals, each candidate's votes and rate, who goes on. */
  tally?: {
    status: Tally['status'];
    reason?: string;
    issued: number;
    returned: number;
    valid: number;
    invalid: number;
    counts: (Person & { count: number; rate?: number })[];
    elected: Person[];
    tied: Person[];
  };
  closedAt?: string;
}

export interface Board {
  electionId: string;
  organization: { id: string; name: string };
  preset: string;
  stage: ElectionStage;
  haltReason?: string;
  /** The stages the election runs, in order, with their windows. */
  calendar: { stage: Stage; from: string; until: string }[];
  candidates: BoardCandidate[];
  rounds: BoardRound[];
  result?: { secretary: Person | null; deputies: Person[]; members: Person[] };
  /** Approved 任职承诺书 (commitments are on the board only once the superior approved them). */
  commitments: {
    approvedAt: string;
    goals: { category: string; text: string; target: string }[];
  }[];
  /** Recall petitions after the election and their outcomes (罢免, board/recalls.ts). */
  recalls: BoardRecall[];
  /** Where the board's objection form posts (only while a 公示 runs). */
  objectionsUrl?: string;
}

/** Statuses the public may see: from the published preliminary list on, never the rejected. */
const PUBLIC_STATUSES: readonly CandidateStatus[] = CandidateStatus.options.slice(
  CandidateStatus.options.indexOf('preliminary'),
);

const OFFICE_ORDER: Record<Office, number> = { secretary: 0, deputy: 1, member: 2 };

const person =
  (names: Names) =>
  (memberId: string): Person => ({ memberId, name: names(memberId) });

const objectionSummary = (
  objections: readonly ObjectionRecord[],
): BoardCandidate['objections'] => ({
  total: objections.length,
  open: objections.filter((o) => o.status === 'open').length,
  upheld: objections.filter((o) => o.status === 'upheld').length,
  dismissed: objections.filter((o) => o.status === 'dismissed').length,
  resolutions: objections.flatMap((o) =>
    o.status !== 'open' && o.resolution
      ? [{ decision: o.status, reason: o.resolution.reason, at: o.resolution.at }]
      : [],
  ),
});

const boardCandidate = (
  candidate: CandidateRecord,
  objections: readonly ObjectionRecord[],
  published: CandidateStatus | undefined,
  names: Names,
): BoardCandidate => ({
  ...person(names)(candidate.memberId),
  office: candidate.office,
  status: candidate.status,
  ...(candidate.status === 'removed' && candidate.statusReason
    ? { statusReason: candidate.statusReason }
    : {}),
  statements: {
    ...(candidate.statements?.speech ? { speech: candidate.statements.speech } : {}),
    ...(candidate.statements?.commitment ? { commitment: candidate.statements.commitment } : {}),
  },
  objections: objectionSummary(
    objections.filter((o) => o.candidateId === candidate.memberId && o.office === candidate.office),
  ),
  acceptsObjections: published !== undefined && candidate.status === published,
});

const boardRound = (round: RoundRecord, names: Names): BoardRound => {
  const toPerson = person(names);
  const tally = round.tally;
  return {
    ...roundHead(round),
    seats: round.seats,
    candidates: round.candidates.map(toPerson),
    ...(round.attendance
      ? {
          attendance: {
            present: round.attendance.present,
            ballotsIssued: round.attendance.ballotsIssued,
            ...(round.attendance.expected === undefined
              ? {}
              : { expected: round.attendance.expected }),
            ...(round.attendance.staffApproval
              ? { staffApproval: round.attendance.staffApproval }
              : {}),
          },
        }
      : {}),
    ...(tally
      ? {
          tally: {
            status: tally.status,
            ...(tally.reason ? { reason: tally.reason } : {}),
            issued: tally.issued,
            returned: tally.returned,
            valid: tally.valid,
            invalid: tally.invalid,
            counts: Object.entries(tally.counts)
              .map(([memberId, count]) => ({
                ...toPerson(memberId),
                count,
                ...(tally.rates?.[memberId] === undefined ? {} : { rate: tally.rates[memberId] }),
              }))
              .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.count - a.count),
            elected: tally.elected.map(toPerson),
            tied: (tally.tied ?? []).map(toPerson),
          },
        }
      : {}),
    ...(round.closedAt ? { closedAt: round.closedAt } : {}),
  };
};

/** The board of an election; undefined when there is none. */
export const loadBoard = async (electionId: string): Promise<Board | undefined> => {
  const election = await getElection(electionId);
  if (!election) return undefined;
  const [organization, names, candidates, objections, rounds, approvals] = await Promise.all([
    organizationOf(election),
    electionNames(election),
    listCandidates(electionId),
    objectionsOf(electionId),
    listRounds(electionId),
    listApprovals(electionId),
  ]);
  const toPerson = person(names);
  const noticeRunning = (NOTICE_STAGES as readonly ElectionStage[]).includes(election.stage);
  const published = noticeRunning ? PUBLISHED_STATUS[election.stage as Stage] : undefined;
  // Recall and by-election rounds come after the election's own stages.
  const stageOrder = (stage: string) => {
    const index = election.rules.stages.indexOf(stage as Stage);
    return index < 0 ? election.rules.stages.length : index;
  };

  return {
    electionId: election.id,
    organization: { id: organization.id, name: organization.name },
    preset: election.preset,
    stage: election.stage,
    ...(election.haltReason ? { haltReason: election.haltReason } : {}),
    calendar: election.rules.stages.flatMap((stage) => {
      const entry = election.calendar[stage];
      return entry ? [{ stage, from: entry.from, until: entry.until }] : [];
    }),
    candidates: candidates
      .filter((c) => PUBLIC_STATUSES.includes(c.status))
      .sort(
        (a, b) =>
          OFFICE_ORDER[a.office] - OFFICE_ORDER[b.office] ||
          names(a.memberId).localeCompare(names(b.memberId), 'zh-CN'),
      )
      .map((c) => boardCandidate(c, objections, published, names)),
    rounds: rounds
      .sort(
        (a, b) =>
          stageOrder(a.stage) - stageOrder(b.stage) ||
          OFFICE_ORDER[a.office] - OFFICE_ORDER[b.office] ||
          a.number - b.number ||
          a.openedAt.localeCompare(b.openedAt),
      )
      .map((round) => boardRound(round, names)),
    ...(election.result
      ? {
          result: {
            secretary: election.result.secretary ? toPerson(election.result.secretary) : null,
            deputies: (election.result.deputies ?? []).map(toPerson),
            members: (election.result.members ?? []).map(toPerson),
          },
        }
      : {}),
    commitments: approvals
      .filter((a) => a.kind === 'commitment' && a.status === 'approved')
      .map((a) => ({
        approvedAt: a.decidedAt ?? a.createdAt,
        goals: readSubject(a.subject).goals ?? [],
      })),
    recalls: await boardRecalls(electionId, toPerson),
    ...(published
      ? { objectionsUrl: `/v1/elections/${encodeURIComponent(election.id)}/objections` }
      : {}),
  };
};
