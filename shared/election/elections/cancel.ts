import * as z from 'zod';
import { stopWorkflow } from '../../aws/step-functions.ts';
import { conflict } from '../../errors.ts';
import { logger } from '../../log.ts';
import { notify, organizersOf, rollRecipients } from '../../notices/index.ts';
import type { Principal } from '../../principal.ts';
import { ElectionStage } from '../../rules/index.ts';
import { deletePendingStart, StaleElection, saveElection } from '../../store/elections.ts';
import { getCurrentExecution } from '../../store/executions.ts';
import { getRoll } from '../../store/organizations.ts';
import type { ElectionRecord } from '../../store/records.ts';
import { electionScope, loadElection, organizationOf } from '../access.ts';

/**
 * The organizers cancel (撤销) an election (POST /v1/elections/{id}/cancel): the stage becomes
 * `cancelled` with the reason (audited `election-cancelled`), the workflow is stopped, and every
 * member with an e-mail and the organizers are told. A completed election cannot be cancelled;
 * a cancelled one only by the same request again — its retry, which finishes what a cut-off
 * first attempt left (the stop, the notices: both idempotent, the outbox records each mail once).
 */

const ATTEMPTS = 5;

/** The answer: the election cancelled, why, by whom, when, and from which stage. */
export const ElectionCancelled = z.object({
  id: z.string(),
  stage: z.literal('cancelled'),
  cancellation: z.object({
    reason: z.string(),
    by: z.string(),
    at: z.string(),
    stage: ElectionStage,
  }),
});
type ElectionCancelled = z.infer<typeof ElectionCancelled>;

const answer = (election: ElectionRecord): ElectionCancelled => {
  if (!election.cancellation)
    throw new Error(`election ${election.id} is cancelled without a reason`);
  return { id: election.id, stage: 'cancelled', cancellation: election.cancellation };
};

export const cancelElection = async (
  electionId: string,
  reason: string,
  principal: Principal,
): Promise<ElectionCancelled> => {
  for (let attempt = 1; ; attempt++) {
    const election = await loadElection(electionId, principal);
    if (election.stage === 'cancelled') {
      if (election.cancellation?.reason !== reason) {
        throw conflict('already-cancelled', `election ${electionId} is cancelled already`, [
          { cancellation: election.cancellation },
        ]);
      }
      await afterCancel(election);
      return answer(election);
    }
    if (election.stage === 'completed') {
      throw conflict(
        'election-completed',
        `election ${electionId} is completed: it cannot be cancelled`,
      );
    }
    const cancellation = {
      reason,
      by: principal.sub,
      at: new Date().toISOString(),
      stage: election.stage,
    };
    try {
      // A workflow still to start is never started: its marker goes in the same transaction.
      const saved = await saveElection(
        { ...election, stage: 'cancelled', cancellation },
        {
          scope: electionScope(election.id),
          actor: principal.sub,
          action: 'election-cancelled',
          data: { reason, from: election.stage },
        },
        [deletePendingStart(election.id)],
      );
      await afterCancel(saved);
      return answer(saved);
    } catch (error) {
      // Changed meanwhile (the workflow moved on): decide again on what it is now.
      if (!(error instanceof StaleElection) || attempt >= ATTEMPTS) throw error;
    }
  }
};

/** Stops the workflow and tells everyone; each step may run again harmlessly. */
const afterCancel = async (election: ElectionRecord): Promise<void> => {
  const cancellation = election.cancellation;
  if (!cancellation) throw new Error(`election ${election.id} is cancelled without a reason`);
  const current = await getCurrentExecution(election.id);
  // None recorded: its start is still pending (the marker went with the cancel) — nothing runs.
  if (current) await stopWorkflow(current.execution, `cancelled: ${cancellation.reason}`);
  const org = await organizationOf(election);
  const roll = await getRoll(election.orgId, election.rollId);
  const result = await notify({
    electionId: election.id,
    template: 'cancelled',
    ref: 'cancelled',
    recipients: [...rollRecipients(roll, (m) => Boolean(m.email)), ...organizersOf(org)],
    data: {
      organization: org.name,
      reason: cancellation.reason,
      stage: cancellation.stage,
      cancelledAt: cancellation.at,
    },
  });
  logger.info('election cancelled', { electionId: election.id, notices: result.recorded });
};
