// What the scenarios read back from the API: the election, its rounds and tallies, its audit
// log, notices and mail, as the HTTP contract (SPEC §8–9) answers them.

// The election, its rounds and tallies are the API's own response schemas (types only: the
// scenarios read what the endpoints declare, never a second copy of it).
export type { ElectionView } from '../../shared/election/elections/view.ts';
export type { RoundView } from '../../shared/election/rounds/views.ts';
export type { Tally } from '../../shared/rules/index.ts';

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
