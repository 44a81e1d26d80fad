import type { ApprovalSubject } from '../../election/approvals/subject.ts';
import type { ApprovalKind } from '../../store/records.ts';
import type { StageContext } from '../context.ts';

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

export const advance: Outcome = { outcome: 'advance' };
export const halt = (reason: string): Outcome => ({ outcome: 'halt', reason });
export const wait = (reason: string): Outcome => ({ outcome: 'await', reason });
