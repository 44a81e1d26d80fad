import type {
  BallotPapers,
  Calendar,
  CandidateStatus,
  ElectionStage,
  EligibilityCheck,
  EligibilityRule,
  Member,
  NominationDocuments,
  NominationKind,
  Office,
  PresetName,
  RoundKind,
  Rules,
  Stage,
  Tally,
  WaivableRule,
} from '../rules/index.ts';

/** The records the table holds (keys in keys.ts, design in README.md). */

export interface Superior {
  name: string;
  emails: string[];
}

export interface OrganizationRecord {
  id: string;
  name: string;
  level: 'branch' | 'general-branch' | 'committee';
  superior: Superior;
  /** Where organizer notices go (reminders, halts); the superior's addresses when absent. */
  organizerEmails?: string[];
  /** Counts replacements; the optimistic lock of the roll. */
  rollVersion: number;
  /** The current roll's id (null before the first import). */
  rollId: string | null;
  /** How many members the current roll has; absent on a roll replaced before it was kept. */
  memberCount?: number;
  /** When the current roll replaced the one before. */
  rollReplacedAt?: string;
  createdAt: string;
}

export interface Seats {
  secretary: number;
  deputies: number;
  members: number;
}

export interface ElectionResult {
  secretary: string | null;
  deputies: string[];
  members: string[];
}

/** The workflow task waiting for people, released by the API when their work is done. */
/** The workflow task waiting for a stage's deadline (as it stood when the wait began). */
export interface DeadlineWaitTask {
  stage: Stage;
  deadline: string;
  token: string;
  since: string;
}

export interface AwaitingTask {
  /** What it waits for, e.g. `eligibility-decisions`, `round-closed`, `objections-resolved`. */
  reason: string;
  stage: Stage;
  token: string;
  since: string;
}

export interface ElectionRecord {
  id: string;
  orgId: string;
  preset: PresetName;
  seats: Seats;
  rules: Rules;
  calendar: Calendar;
  stage: ElectionStage;
  version: number;
  /** The roll the election runs on, as it was when it started. */
  rollId: string;
  dayLengthMs: number;
  startsAt: string;
  createdAt: string;
  createdBy: string;
  haltReason?: string;
  /** Why and by whom the organizers cancelled the election (撤销), when they did. */
  cancellation?: { reason: string; by: string; at: string; stage: ElectionStage };
  result?: ElectionResult;
  /**
   * The stage whose entry actions ran, and the start they ran for (a resumed stage runs them
   * again). `entering`: the start is recorded, the entry actions may not all have run yet.
   */
  begun?: { stage: Stage; from: string; entering?: true };
  batchId?: string;
  /** Set on an election started to replace a recalled secretary. */
  replaces?: { electionId: string; recallId: string };
}

export interface NominationRecord {
  id: string;
  kind: NominationKind;
  office: Office;
  nomineeId: string;
  supporterIds: string[];
  documents: NominationDocuments;
  check: EligibilityCheck;
  enteredBy: string;
  at: string;
}

// The funnel's statuses are a rule (shared/rules/funnel.ts); records keep importing them from here.
export type { CandidateStatus } from '../rules/index.ts';

export interface CandidateRecord {
  memberId: string;
  office: Office;
  status: CandidateStatus;
  check: EligibilityCheck;
  decision?: {
    decision: 'accept' | 'reject';
    waived: EligibilityRule[];
    reason?: string;
    by: string;
    at: string;
  };
  statusReason?: string;
  inspection?: {
    summary: string;
    rating: 'excellent' | 'good' | 'fair' | 'poor';
    by: string;
    at: string;
  };
  /** The organizers' choice after 差额考察: submitted to the superior's vote, or not. */
  proposal?: { proposed: boolean; by: string; at: string };
  statements?: { speech?: string; commitment?: string };
  /**
   * The committee-member suggestion list of a formal secretary candidate (差额), with the
   * organizers' waivers for outstanding members on it (特别优秀的可适当放宽).
   */
  suggestion?: {
    memberIds: string[];
    waivers?: { memberId: string; waive: WaivableRule[]; reason: string }[];
    amendedBy?: string;
    at: string;
  };
}

export interface ObjectionRecord {
  id: string;
  candidateId: string;
  office: Office;
  text: string;
  stage: Stage;
  filedAt: string;
  status: 'open' | 'upheld' | 'dismissed';
  resolution?: { reason: string; by: string; at: string };
}

export interface RoundAttendance {
  present: number;
  ballotsIssued: number;
  expected?: number;
  constituencies?: {
    id: string;
    name?: string;
    expected: number;
    present: number;
    ballotsIssued: number;
  }[];
  staff: { announcer: string; scrutineer: string; counter: string };
  /** The assembly's vote approving 监票人 and 计票人 (第八条 1), when reported. */
  staffApproval?: { for: number; against: number; abstain: number };
  recordedBy: string;
  at: string;
}

export interface RoundRecord {
  id: string;
  kind: RoundKind;
  office: Office;
  stage: Stage | 'recall' | 'by-election';
  number: number;
  status: 'open' | 'closed' | 'void' | 'no-quorum';
  candidates: string[];
  seats: number;
  /** Places that go on (recommendation), when it differs from seats. */
  places?: number;
  revotesSoFar: number;
  /** An election's re-vote among the tied: nobody else can be voted for (no write-ins). */
  amongTied?: boolean;
  attendance?: RoundAttendance;
  tally?: Tally;
  openedAt: string;
  closedAt?: string;
  decision?: {
    choice: string;
    reason: string;
    by: string;
    at: string;
    /** select: whom the organizers chose; reduce-seats: the seats now filled. */
    memberIds?: string[];
    seats?: number;
    /** Everyone this round elects (or sends on) once the decision is applied. */
    elected?: string[];
  };
  /** The round this one votes again (a re-vote, a void or no-quorum round held again). */
  follows?: string;
  /** The round opened after this one closed or was decided (its re-vote). */
  followUp?: string;
  /** Set by the first ballot entry: from then on the attendance can no longer be replaced. */
  ballotsEntered?: boolean;
  /** The printed papers (选票): from then on a ballot's serial must be one of them. */
  ballotPapers?: BallotPapers;
}

export type ApprovalKind =
  | 'inspection'
  | 'secretary'
  | 'deputies'
  | 'members'
  | 'result'
  | 'commitment'
  | 'recall'
  | 'by-election';

export interface ApprovalRecord {
  id: string;
  electionId: string;
  kind: ApprovalKind;
  stage?: Stage;
  /** What of its kind it approves when stage alone does not say (a recall id, a round id). */
  ref?: string;
  /** The expired approval this one replaces (its reminder). */
  previousId?: string;
  token: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  createdAt: string;
  expiresAt: string;
  /** What the page shows: candidates, tallies, the result. */
  subject: Record<string, unknown>;
  decidedAt?: string;
  decision?: { decision: 'approve' | 'reject'; selection?: string[]; comment?: string };
  /** When the workflow's task timed out and the id stopped working. */
  expiredAt?: string;
}

/** A batch (nanjing, 第一篇): many organizations' elections started by one request. */
export interface BatchRecord {
  id: string;
  preset: PresetName;
  seats: Seats;
  startsAt: string;
  dayLengthMs: number;
  /** The plan's rule overrides, for the elections created later (`BATCH-MEMBER`s). */
  rules?: Record<string, unknown>;
  /** Organizations (one election each): its members `0 … size − 1`. */
  size: number;
  /** Members whose elections are written: `0 … created − 1` (the creator's cursor). */
  created: number;
  /** The organizations, when few enough to list here (≤ BATCH_ORGS_LISTED); else null. */
  orgIds: string[] | null;
  createdAt: string;
  createdBy: string;
  /** A batch made from an uploaded file: its import, before any election is written. */
  import?: BatchImport;
}

/** A problem of an uploaded batch file: its row (1: the header) and column. */
export interface BatchFileProblem {
  row: number;
  column: string;
  message: string;
}

/**
 * The import of a batch file (issue 17): `checking` reads it whole and writes nothing; a file
 * with problems is `refused` (they are kept, the first ones); else `writing` stores each
 * organization and its roll in file order from `cursor`, then `done` hands the batch to the
 * election creators. One importer at a time: the lease.
 */
export interface BatchImport {
  /** The uploaded file in the uploads bucket, and its size. */
  key: string;
  bytes: number;
  /** The organizations its creator may act on ('*': all): another one in the file is a problem. */
  orgs: string[];
  status: 'checking' | 'writing' | 'done' | 'refused';
  /** The header row, kept for the writes that resume past it. */
  header?: string[];
  organizations?: number;
  members?: number;
  /** Where the next organization to write starts (its first byte, the row before it). */
  cursor?: { byte: number; row: number };
  /** Organizations written: the next one's seq. */
  written: number;
  problems?: BatchFileProblem[];
  /** Every problem found (only the first ones are kept). */
  problemCount?: number;
  leaseUntil?: string;
  claimId?: string;
}

/** One organization of a batch, and the election planned for it (in the batch's partition). */
export interface BatchMember {
  batchId: string;
  /** Its place in the request, 0-based: elections are created in this order. */
  seq: number;
  electionId: string;
  orgId: string;
  /** The organization's roll when the batch was made: the election's. */
  rollId: string;
  /** Members on that roll: what its start spends of the mail quota. */
  rollSize: number;
}

// ——— Supervision after the election (第七条 监督管理) ———

export type GoalCategory = 'party-building' | 'economy' | 'employment' | 'social';

/** What the approval of a 任职承诺书, recall or by-election result decided, and when. */
export type SupervisionApprovalStatus = 'pending-approval' | 'approved' | 'rejected';

/** One goal of a 任职承诺书 (`ORG#{orgId}` / `GOAL#{goalId}`: ids unique in the organization). */
export interface GoalRecord {
  id: string;
  orgId: string;
  electionId: string;
  commitmentId: string;
  category: GoalCategory;
  text: string;
  /** Measurable, as text: e.g. `新增就业岗位 50 个`. */
  target: string;
  /** The commitment's status: progress is recorded only on approved goals. */
  status: SupervisionApprovalStatus;
  createdAt: string;
  approvedAt?: string;
}

/** The elected secretary's 任职承诺书, approved by the superior, then published. */
export interface CommitmentRecord {
  id: string;
  electionId: string;
  orgId: string;
  /** The secretary in office when it was submitted. */
  holderId: string;
  goalIds: string[];
  status: SupervisionApprovalStatus;
  submittedBy: string;
  submittedAt: string;
  decidedAt?: string;
  comment?: string;
  version: number;
}

/** A progress entry against an approved goal (the annual work report reads these). */
export interface ProgressRecord {
  id: string;
  orgId: string;
  goalId: string;
  /** The day it concerns, `YYYY-MM-DD` (Shanghai calendar). */
  at: string;
  text: string;
  value?: number;
  recordedBy: string;
  recordedAt: string;
}

export type RecallStatus = 'pending-approval' | 'rejected' | 'voting' | 'recalled' | 'retained';

/** A by-election (补选) for the seat a recall vacated. */
export interface ByElection {
  /** The by-election's first round: the identity of its approval. */
  firstRoundId: string;
  /** The round now voting, or the last one (follows re-votes). */
  roundId: string;
  candidateIds: string[];
  status: 'voting' | 'pending-approval' | 'approved' | 'rejected' | 'failed';
  elected?: string[];
  openedBy: string;
  openedAt: string;
  decidedAt?: string;
}

/** A recall petition (罢免动议) and what became of it. */
export interface RecallRecord {
  id: string;
  electionId: string;
  orgId: string;
  officeHolderId: string;
  office: Office;
  signatoryIds: string[];
  reason: string;
  status: RecallStatus;
  filedBy: string;
  filedAt: string;
  /** The superior's decision on the petition. */
  decidedAt?: string;
  comment?: string;
  /** The recall round now voting, or the last one (follows re-votes). */
  roundId?: string;
  /** When the vote settled it (recalled or retained). */
  settledAt?: string;
  /** Committee members who left office with a recalled secretary. */
  membersRemoved?: string[];
  /** The new election that replaces a recalled secretary. */
  newElectionId?: string;
  byElection?: ByElection;
  version: number;
}

export type { Member };
