import { releaseToken } from '../aws/step-functions.ts';
import { logger } from '../log.ts';
import { getAwaiting, getDeadlineWait } from '../store/elections.ts';

/**
 * Wakes the workflow task waiting for people, after an action that may have finished a stage's
 * work. The stored token is read afresh here, so one stored meanwhile is not missed; none
 * stored means no task waits. The task will look again at whether the work is done.
 * The action is already committed, so a failure here is logged, not answered: the waiting task
 * looks again at its daily timeout anyway.
 */
export const wakeWorkflow = async (electionId: string): Promise<void> => {
  try {
    const awaiting = await getAwaiting(electionId);
    if (awaiting) await releaseToken(awaiting.token);
  } catch (error) {
    logger.error('could not wake the workflow', { electionId, error });
  }
};

/**
 * Wakes the workflow's wait for the stage's deadline after an organizer moved it, so the new
 * deadline is waited for at once (earlier or later). Logged, not answered, on failure: the wait
 * then ends at the old deadline, which is looked at again.
 */
export const wakeDeadlineWait = async (electionId: string): Promise<void> => {
  try {
    const wait = await getDeadlineWait(electionId);
    if (wait) await releaseToken(wait.token);
  } catch (error) {
    logger.error('could not wake the deadline wait', { electionId, error });
  }
};
