import middy from '@middy/core';
import {
  ExecutionStatusChange,
  haltStoppedElection,
} from '../../shared/workflow/failed-execution.ts';

/**
 * EventBridge target of the state machine's FAILED / TIMED_OUT / ABORTED status changes
 * (infra/workflow-events.ts): halts the election and mails its organizers.
 */
export const handler = middy().handler(async (event: unknown) =>
  haltStoppedElection(ExecutionStatusChange.parse(event)),
);
