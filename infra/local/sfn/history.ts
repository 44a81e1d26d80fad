import type { TaskSpec } from './definition.ts';

/** An event of the interpreter's `eventLogs` (the package does not export its type). */
export interface InterpreterEvent {
  type: string;
  state?: { name: string; type: string };
}

/**
 * AWS's hard quota of a Standard execution's history (bp-history-limit): at 24 999 events
 * the execution waits for the next one; if event 25 000 is not ExecutionSucceeded, it is an
 * ExecutionFailed with this error and cause, which no Retry or Catch sees.
 */
export const HISTORY_LIMIT = 25_000;
export const HISTORY_LIMIT_ERROR = 'States.Runtime';
export const historyLimitCause = (limit: number): string =>
  `The execution reached the maximum number of history events (${limit}).`;

/**
 * How many of AWS's history events (HistoryEvent types) one event of the interpreter stands
 * for. Per state type, as AWS records them:
 * - Task: TaskStateEntered + TaskScheduled + TaskStarted on entry (+ TaskSubmitted for
 *   `.waitForTaskToken`, once the function was invoked); TaskSucceeded + TaskStateExited on
 *   success; TaskFailed / TaskTimedOut on a failed attempt; a retry schedules and starts
 *   again (TaskScheduled + TaskStarted, + TaskSubmitted); a caught failure exits
 *   (TaskStateExited).
 * - Wait, Choice, Pass, Succeed: <Type>StateEntered + <Type>StateExited.
 * - Fail: FailStateEntered (then ExecutionFailed).
 * - Parallel, Map: <Type>StateEntered + <Type>StateStarted, <Type>StateSucceeded +
 *   <Type>StateExited; their branches' and iterations' states count like any other
 *   (MapIterationStarted / Succeeded / Failed count one each).
 * - ExecutionStarted, ExecutionSucceeded / Failed / Aborted / TimedOut: one each.
 * The local guard inserted before a dynamic Wait (definition.ts) is ours, not AWS's: 0; so is
 * the task a Wait becomes on a virtual clock (its Pass counts as the Wait's two events).
 */
export function historyWeight(
  event: InterpreterEvent,
  tasks: ReadonlyMap<string, TaskSpec>,
): number {
  if (!event.state) {
    switch (event.type) {
      case 'ParallelBranchStarted':
      case 'ParallelBranchSucceeded':
      case 'ParallelBranchFailed':
        return 0;
      default:
        return 1;
    }
  }
  const { name, type } = event.state;
  if (type === 'Task') {
    const spec = tasks.get(name);
    if (spec?.kind === 'wait-guard' || spec?.kind === 'virtual-wait') return 0;
    const submitted = spec?.kind === 'lambda-wait-token' ? 1 : 0;
    switch (event.type) {
      case 'StateEntered':
        return 3 + submitted;
      case 'StateExited':
        return 2;
      case 'StateFailed':
      case 'StateCaught':
        return 1;
      case 'StateRetried':
        return 2 + submitted;
    }
  }
  switch (event.type) {
    case 'StateEntered':
      return type === 'Parallel' || type === 'Map' ? 2 : 1;
    case 'StateExited':
      return type === 'Parallel' || type === 'Map' ? 2 : 1;
    case 'StateFailed':
      // A Fail state's failure is the ExecutionFailed that follows; a Parallel/Map one is
      // <Type>StateFailed.
      return type === 'Fail' ? 0 : 1;
    case 'StateCaught':
      return 1;
    case 'StateRetried':
      return 1;
  }
  return 0;
}
