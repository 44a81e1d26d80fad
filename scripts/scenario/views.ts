// What the scenarios read back from the API: the election, its rounds and tallies, its audit
// log, notices and mail, as the HTTP contract (SPEC §8–9) answers them.

export interface ElectionView {
  id: string;
  orgId: string;
  stage: string;
  haltReason?: string;
  calendar: Record<string, { from: string; until: string }>;
  candidates: { memberId: string; office: string; status: string }[];
  rounds: { id: string; kind: string; office: string; number: number; status: string }[];
  pendingApprovals: { id: string; kind: string }[];
  result?: { secretary: string | null; deputies: string[]; members: string[] };
}

export interface Tally {
  status: string;
  reason?: string;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  counts: Record<string, number>;
  rates?: Record<string, number>;
  elected: string[];
  tied?: string[];
  shortfall?: number;
  /** Write-ins of someone already elected, counted for nobody (SPEC §2.9). */
  voidWriteIns?: number;
  next: string;
}

export interface RoundView {
  id: string;
  kind: string;
  office: string;
  stage: string;
  number: number;
  status: string;
  candidates: string[];
  seats: number;
  places?: number;
  revotesSoFar: number;
  tally?: Tally;
  decision?: { choice: string; memberIds?: string[]; reason: string };
  follows?: string;
  followUp?: string;
}

export interface AuditView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export interface NoticeView {
  to: string;
  template: string;
  subject: string;
  sentAt: string | null;
  messageId: string | null;
  status: string;
  createdAt: string;
}

export interface MailView {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  at: string;
}
