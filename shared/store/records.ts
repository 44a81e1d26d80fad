import type {
  Calendar,
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
  /** Counts replacements; the optimistic lock of the roll. */
  rollVersion: number;
  /** The current roll's id (null before the first import). */
  rollId: string | null;
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
  result?: ElectionResult;
  awaiting?: AwaitingTask;
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

export type CandidateStatus =
  | 'nominated'
  | 'eligible'
  | 'rejected'
  | 'preliminary'
  | 'removed'
  | 'recommended'
  | 'eliminated'
  | 'formal'
  | 'elected'
  | 'not-elected';

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
  statements?: { speech?: string; commitment?: string };
  /** The committee-member suggestion list of a formal secretary candidate (差额). */
  suggestion?: { memberIds: string[]; amendedBy?: string; at: string };
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
  attendance?: RoundAttendance;
  tally?: Tally;
  openedAt: string;
  closedAt?: string;
  decision?: { choice: string; reason: string; by: string; at: string };
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
  token: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  createdAt: string;
  expiresAt: string;
  /** What the page shows: candidates, tallies, the result. */
  subject: Record<string, unknown>;
  decidedAt?: string;
  decision?: { decision: 'approve' | 'reject'; selection?: string[]; comment?: string };
}

export type { Member };
