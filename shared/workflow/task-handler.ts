import middy from '@middy/core';
import * as z from 'zod';
import { Stage } from '../rules/index.ts';
import { getElection } from '../store/elections.ts';
import type { ElectionRecord } from '../store/records.ts';

/** Every task's input carries the election; most name the stage the state machine is in. */
export const StageTaskInput = z.object({ electionId: z.string().min(1), stage: Stage });
export type StageTaskInput = z.infer<typeof StageTaskInput>;

/**
 * A loop task (check deadline, close) also gets where the execution is
 * (shared/workflow/continuation.ts). Optional: an execution started under the definition
 * before continue-as-new sends none, and simply never continues.
 */
export const LoopTaskInput = StageTaskInput.extend({
  steps: z.int().min(0).optional(),
  execution: z.string().min(1).optional(),
  startedAt: z.string().min(1).optional(),
});
export type LoopTaskInput = z.infer<typeof LoopTaskInput>;

export const loadElection = async (electionId: string): Promise<ElectionRecord> => {
  const election = await getElection(electionId);
  if (!election) throw new Error(`election ${electionId} not found`);
  return election;
};

/**
 * A Step Functions task handler: middy, the input parsed with zod (a malformed input is a
 * programming error: it fails the task, and the state machine halts the election with it).
 * No early timeout: the function's own timeout bounds it (5 min on AWS). The local Step
 * Functions service hands a waitForTaskToken task's function the task's timeout instead — one
 * calendar day, 1 s on a short demo day — and middy's early timeout then failed a slow
 * request-approval or await-people, halting the election with a TimeoutError.
 */
export const taskHandler = <S extends z.ZodType, R>(
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
) =>
  middy<unknown, R>({ timeoutEarlyInMillis: 0 }).handler(async (event) => run(schema.parse(event)));
