import * as z from 'zod';
import { Stage, TERMINAL_STAGES } from '../../rules/index.ts';
import type { ApprovalRecord, AwaitingTask, ElectionRecord } from '../../store/records.ts';

/**
 * What the workflow waits for, and since when: the superior's decision on a pending approval,
 * or the people's work of the stage (the task the workflow parked on). `since` is when it began
 * waiting this time: a wait for people restarts after each daily reminder.
 */
export const Awaiting = z.object({
  /** Who is to act: the organizers, the tellers at the assembly, or the superior by link. */
  who: z.enum(['organizers', 'tellers', 'superior']),
  /**
   * What: `approval`, or the stage's open work — `eligibility-decisions`, `objections`,
   * `inspections`, `inspection-proposal`, `suggestion-lists`, `rounds`, `round-decisions`.
   */
  task: z.string(),
  stage: Stage,
  since: z.string(),
  /** For `approval`: which one and its kind. */
  approvalId: z.string().optional(),
  approvalKind: z.string().optional(),
});
export type Awaiting = z.infer<typeof Awaiting>;

const ENDED: ReadonlySet<string> = new Set(TERMINAL_STAGES);

const isStage = (stage: string): stage is Stage => Stage.safeParse(stage).success;

/** The assembly's rounds wait for the tellers (attendance, ballots) and the scrutineer (close). */
const whoDoes = (task: string): Awaiting['who'] => (task === 'rounds' ? 'tellers' : 'organizers');

/**
 * What the election waits for (pure): its latest pending approval, else the task the workflow
 * parked on (`getAwaiting`) — which counts only in the stage it was set in, as the item stays
 * after the task is released. Null once the election has ended or halted.
 */
export const awaitingOf = (
  election: Pick<ElectionRecord, 'stage'>,
  approvals: readonly ApprovalRecord[],
  parked: AwaitingTask | undefined,
): Awaiting | null => {
  const stage = election.stage;
  if (ENDED.has(stage) || !isStage(stage)) return null;
  const approval = approvals.filter((a) => a.status === 'pending').at(-1);
  if (approval) {
    return {
      who: 'superior',
      task: 'approval',
      stage: approval.stage && isStage(approval.stage) ? approval.stage : stage,
      since: approval.createdAt,
      approvalId: approval.id,
      approvalKind: approval.kind,
    };
  }
  if (!parked || parked.stage !== stage) return null;
  return { who: whoDoes(parked.reason), task: parked.reason, stage, since: parked.since };
};
