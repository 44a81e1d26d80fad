import * as z from 'zod';
import { otherRunningExecution } from '../aws/step-functions.ts';
import { logger } from '../log.ts';
import { getElection } from '../store/elections.ts';
import { haltElection } from './election-tasks.ts';

/**
 * An election's execution ended FAILED, TIMED_OUT or ABORTED (EventBridge's "Step Functions
 * Execution Status Change", infra/workflow-events.ts; the local stack raises the same): nothing
 * runs the election any more, so it is halted with the reason and the organizers are mailed
 * (SPEC §9: they may resume it). Ignored when the execution no longer matters: the election
 * has ended or is halted already, or another execution of it runs (it was resumed, or this one
 * had continued as new). EventBridge may deliver an event twice; the second finds it halted.
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

const ENDED = new Set(['completed', 'cancelled', 'halted']);

const electionOf = (input: string | null | undefined): string | undefined => {
  try {
    const parsed = JSON.parse(input ?? '') as { electionId?: unknown };
    return typeof parsed.electionId === 'string' ? parsed.electionId : undefined;
  } catch {
    return undefined;
  }
};

export type FailureOutcome = 'halted' | 'ignored';

export const haltStoppedElection = async ({
  detail,
}: ExecutionStatusChange): Promise<{ outcome: FailureOutcome; electionId?: string }> => {
  const electionId = electionOf(detail.input);
  const context = { execution: detail.name, status: detail.status };
  if (!electionId) {
    logger.warn('a stopped execution without an election', context);
    return { outcome: 'ignored' };
  }
  const election = await getElection(electionId);
  if (!election || ENDED.has(election.stage)) {
    logger.info('stopped execution of an ended election', { ...context, electionId });
    return { outcome: 'ignored', electionId };
  }
  const successor = await otherRunningExecution(
    detail.stateMachineArn,
    `${electionId}-`,
    detail.executionArn,
  );
  if (successor) {
    logger.info('stopped execution superseded', { ...context, electionId, successor });
    return { outcome: 'ignored', electionId };
  }
  const what = [detail.error, detail.cause].filter(Boolean).join(':').slice(0, 500);
  const reason = `工作流执行异常终止(${detail.status}${what ? `,${what}` : ''}),执行 ${detail.name}`;
  logger.error('workflow execution stopped: halting the election', { ...context, electionId });
  await haltElection({ electionId, reason });
  return { outcome: 'halted', electionId };
};
