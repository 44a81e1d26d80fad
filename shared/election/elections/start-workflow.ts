import { startWorkflow, workflowExecutionName } from '../../aws/step-functions.ts';
import { logger } from '../../log.ts';
import { emitMetric, METRIC } from '../../metrics.ts';
import {
  clearPendingStart,
  getElection,
  pendingStarts,
  saveElection,
} from '../../store/elections.ts';
import { setCurrentExecution } from '../../store/executions.ts';
import type { ElectionRecord } from '../../store/records.ts';
import { electionScope } from '../access.ts';
import { mapLimited } from './map-limited.ts';

/**
 * Starts the election's workflow (execution `<id>-<attempt>`), recorded first as the
 * election's current one (the failure handler leaves a stopped execution alone only while the
 * recorded one runs, so a stale record errs towards a halt). When Step Functions refuses or
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
    await setCurrentExecution(election.id, workflowExecutionName(election.id, attempt));
    await startWorkflow(election.id, attempt);
    return election;
  } catch (error) {
    logger.error('workflow did not start', { electionId: election.id, attempt, error });
    const haltReason = `工作流未能启动(${attempt}):${error instanceof Error ? error.message : String(error)}`;
    const halted: ElectionRecord = { ...election, stage: 'halted', haltReason };
    const saved = await saveElection(halted, {
      scope: electionScope(election.id),
      actor,
      action: 'election-halted',
      data: { from: election.stage, reason: haltReason },
    });
    emitMetric(METRIC.electionsHalted, 1);
    return saved;
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

/** As many starts at once as a batch request makes (batch.ts). */
const START_CONCURRENCY = 8;

/**
 * An election written this recently may still be started by the request that wrote it (API
 * Gateway gives a request 30 s): the sweeper leaves it alone, so the two rarely race.
 */
export const START_GRACE_MS = 30_000;

export interface StartReport {
  started: number;
  /** Elections whose start failed: each is halted with the reason (`startOrHalt`). */
  halted: number;
  deferred: number;
}

/**
 * Starts the workflow of every election written but not started and older than `graceMs`;
 * none after `until` (those are `deferred`, for the next sweep).
 */
export const startPendingElections = async ({
  until,
  graceMs = START_GRACE_MS,
}: {
  until: Date;
  graceMs?: number;
}): Promise<StartReport> => {
  const writtenBefore = new Date(Date.now() - graceMs).toISOString();
  const report: StartReport = { started: 0, halted: 0, deferred: 0 };
  for await (const page of pendingStarts()) {
    const due = page.filter((pending) => pending.createdAt <= writtenBefore);
    await mapLimited(due, START_CONCURRENCY, async ({ electionId }) => {
      if (Date.now() >= until.getTime()) {
        report.deferred++;
        return;
      }
      const election = await getElection(electionId);
      if (!election) {
        await clearPendingStart(electionId); // the marker of an election never written
        return;
      }
      const now = await startWritten(election, 'workflow-sweeper');
      report[now.stage === 'halted' && election.stage !== 'halted' ? 'halted' : 'started']++;
    });
  }
  return report;
};
