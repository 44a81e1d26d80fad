import * as z from 'zod';
import { runningExecutionNamed } from '../aws/step-functions.ts';
import { logger } from '../log.ts';
import type { ElectionStage } from '../rules/index.ts';
import { getElection } from '../store/elections.ts';
import { getCurrentExecution } from '../store/executions.ts';
import { haltElection } from './election-tasks.ts';

/**
 * An election's execution ended FAILED, TIMED_OUT or ABORTED (EventBridge's "Step Functions
 * Execution Status Change", infra/workflow-events.ts; the local stack raises the same): nothing
 * runs the election any more, so it is halted with the reason and the organizers are mailed
 * (SPEC §9: they may resume it). Ignored when the execution no longer matters: the election
 * has ended or is halted already, or it was superseded — the election's current execution
 * (recorded at start, resume and continue-as-new: store/executions.ts) is another one, and it
 * runs. Names are never parsed: a 128-character election id gives shortened names. EventBridge
 * may deliver an event twice; the second finds the election halted.
 */

/** The statuses the rule forwards. */
export const STOPPED_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

export const ExecutionStatusChange = z.object({
  detail: z.object({
    executionArn: z.string().min(1),
    stateMachineArn: z.string().min(1),
    name: z.string().min(1),
    status: z.enum(STOPPED_STATUSES),
    input: z.string().nullish(),
    error: z.string().nullish(),
    cause: z.string().nullish(),
  }),
});
export type ExecutionStatusChange = z.infer<typeof ExecutionStatusChange>;
type Detail = ExecutionStatusChange['detail'];

const ENDED: ReadonlySet<ElectionStage> = new Set(['completed', 'cancelled', 'halted']);

/** The election an execution ran: its input is `{ "electionId": … }`. */
export const electionOf = (input: string | null | undefined): string | undefined => {
  try {
    const parsed = JSON.parse(input ?? '') as { electionId?: unknown };
    return typeof parsed.electionId === 'string' && parsed.electionId !== ''
      ? parsed.electionId
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The execution that may have superseded the stopped one: the recorded current one, when it
 * is another. Only if it runs is the stopped one superseded (a record left from a start that
 * never ran must not hide a stall).
 */
export const successorToCheck = (
  stopped: string,
  current: string | undefined,
): string | undefined => (current && current !== stopped ? current : undefined);

export type StoppedDecision =
  | { outcome: 'halted' }
  | { outcome: 'ignored'; why: 'no-election' | 'ended' | 'superseded' };

/** What to do about a stopped execution, from what was read. */
export const decideStopped = (facts: {
  stage: ElectionStage | undefined;
  successorRuns: boolean;
}): StoppedDecision => {
  if (!facts.stage) return { outcome: 'ignored', why: 'no-election' };
  if (ENDED.has(facts.stage)) return { outcome: 'ignored', why: 'ended' };
  if (facts.successorRuns) return { outcome: 'ignored', why: 'superseded' };
  return { outcome: 'halted' };
};

/** The halt reason the organizers read: the status, Step Functions' error and cause, the name. */
export const stoppedReason = (detail: Detail): string => {
  const what = [detail.error, detail.cause].filter(Boolean).join(':').slice(0, 500);
  return `工作流执行异常终止(${detail.status}${what ? `,${what}` : ''}),执行 ${detail.name}`;
};

export const haltStoppedElection = async ({
  detail,
}: ExecutionStatusChange): Promise<StoppedDecision & { electionId?: string }> => {
  const electionId = electionOf(detail.input);
  const context = { execution: detail.name, status: detail.status, electionId };
  if (!electionId) {
    logger.warn('a stopped execution without an election', context);
    return { outcome: 'ignored', why: 'no-election' };
  }
  const election = await getElection(electionId);
  const successor =
    election && !ENDED.has(election.stage)
      ? successorToCheck(detail.name, (await getCurrentExecution(electionId))?.execution)
      : undefined;
  const successorRuns =
    successor !== undefined &&
    (await runningExecutionNamed(detail.stateMachineArn, successor)) !== undefined;
  const decision = decideStopped({ stage: election?.stage, successorRuns });
  if (decision.outcome === 'ignored') {
    logger.info('stopped execution left alone', { ...context, why: decision.why, successor });
    return { ...decision, electionId };
  }
  logger.error('workflow execution stopped: halting the election', context);
  await haltElection({ electionId, reason: stoppedReason(detail) });
  return { ...decision, electionId };
};
