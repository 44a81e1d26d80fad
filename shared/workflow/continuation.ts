import { executionName } from '../aws/step-functions.ts';

/**
 * Continue-as-new (workflows/README.md, "History"): a Standard execution may hold 25 000
 * history events and run a year. The election's loops — checking a deadline, waiting for
 * people, for the superior — would exceed both on a long calendar, so after a bounded number of
 * loops, or a bounded age, the loop task answers `continueAs`: the name of a fresh execution
 * for the same election, which the state machine starts before this one ends. Pure (no AWS call).
 */

/** Loops (check deadline / close) one execution runs at most: ≤ 19 history events each. */
export const MAX_STEPS = 500;

/** Calendar days one execution runs at most (a calendar day is `dayLengthMs`; ≤ a real day). */
export const MAX_AGE_DAYS = 30;

/** Errors of the startExecution integration the continuation treats specially. */
export const CONTINUE_AS_NEW_ERRORS = {
  /** The successor exists and already ended (a retried start): nothing to do. */
  alreadyStarted: ['StepFunctions.ExecutionAlreadyExistsException'],
};

const CONTINUED = /^(.*)-c(\d+)$/;

/**
 * The successor's name: `<name>-c1`, then `-c2`… of the same base, so a retried start asks for
 * the same name, and each link of the chain has its own. A name too long for 80 characters is
 * shortened with a hash (`executionName`). The failure handler does not rely on names: the
 * loop task records the successor as the election's current execution (store/executions.ts).
 */
export const continuationName = (execution: string): string => {
  const match = CONTINUED.exec(execution);
  const base = match ? (match[1] as string) : execution;
  const next = match ? Number(match[2]) + 1 : 1;
  return executionName(base, `-c${next}`);
};

export interface LoopPosition {
  /** Loops this execution ran before this one (`$.step.value.steps`). */
  steps: number;
  /** `$$.Execution.Name`. */
  execution: string;
  /** `$$.Execution.StartTime`. */
  startedAt: string;
}

/**
 * This loop's count, and the successor's name when the execution has run MAX_STEPS loops or
 * MAX_AGE_DAYS calendar days (`continueAs: null` otherwise: the state machine's Choice reads it).
 */
export const nextLoop = (
  position: LoopPosition,
  election: { dayLengthMs: number },
  now: Date,
): { steps: number; continueAs: string | null } => {
  const steps = position.steps + 1;
  const ageDays = (now.getTime() - Date.parse(position.startedAt)) / election.dayLengthMs;
  const due = steps >= MAX_STEPS || ageDays >= MAX_AGE_DAYS;
  return {
    steps,
    continueAs: due ? continuationName(position.execution) : null,
  };
};

/** When the execution reaches MAX_AGE_DAYS: a wait should end then, so the loop continues as new. */
export const ageBound = (position: Pick<LoopPosition, 'startedAt'>, dayLengthMs: number): Date =>
  new Date(Date.parse(position.startedAt) + MAX_AGE_DAYS * dayLengthMs);
