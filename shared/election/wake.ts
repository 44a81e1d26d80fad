import { releaseAwaiting } from '../aws/step-functions.ts';

/**
 * Wakes the workflow task waiting for people, after an action that may have finished a stage's
 * work (releaseAwaiting reads the stored token afresh, so one stored meanwhile is not missed).
 * The action is already committed, so a failure here is logged, not answered: the waiting task
 * looks again at its daily timeout anyway.
 */
export const wakeWorkflow = async (electionId: string): Promise<void> => {
  try {
    await releaseAwaiting({ id: electionId });
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        message: 'could not wake the workflow',
        electionId,
        error: String(error),
      }),
    );
  }
};
