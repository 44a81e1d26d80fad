import { clearPendingStart, saveElection } from '../store/elections.ts';
import type { ElectionRecord } from '../store/records.ts';
import { startWorkflow } from '../workflow/client.ts';
import { electionScope } from './access.ts';

/**
 * Starts the election's workflow (execution `<id>-<attempt>`). When Step Functions refuses or
 * cannot be reached, the election would sit in its stage with nothing running it: it is halted
 * instead, with the reason, so organizers see it and can resume it. Answers the election as it
 * now is (`stage: 'halted'` when the start failed).
 */
export const startOrHalt = async (
  election: ElectionRecord,
  attempt: string,
  actor: string,
): Promise<ElectionRecord> => {
  try {
    await startWorkflow(election.id, attempt);
    return election;
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        message: 'workflow did not start',
        electionId: election.id,
        attempt,
        error: String(error),
      }),
    );
    const haltReason = `工作流未能启动(${attempt}):${error instanceof Error ? error.message : String(error)}`;
    const halted: ElectionRecord = { ...election, stage: 'halted', haltReason };
    return saveElection(halted, {
      scope: electionScope(election.id),
      actor,
      action: 'election-halted',
      data: { from: election.stage, reason: haltReason },
    });
  }
};

/**
 * Starts the workflow of an election written with its pending-start marker (create.ts), then
 * clears the marker. Safe to repeat: the execution's name makes a second start a no-op.
 */
export const startWritten = async (
  election: ElectionRecord,
  actor: string,
): Promise<ElectionRecord> => {
  const now = await startOrHalt(election, 'start', actor);
  await clearPendingStart(election.id);
  return now;
};
