import * as z from 'zod';
import { electionScope } from '../election/access.ts';
import { emitMetric, METRIC } from '../metrics.ts';
import { notify, type TypedNotifyRequest } from '../notices/index.ts';
import {
  rollRecipients as everyMember,
  organizersOf,
  superiorRecipients,
} from '../notices/recipients.ts';
import { saveElection } from '../store/elections.ts';
import { getOrganization, getRoll } from '../store/organizations.ts';
import { loadElection, StageTaskInput } from './task-handler.ts';

/**
 * The election's own moves in the state machine (workflows/election-workflow.ts): where a run
 * starts, the next stage, a halt. Like stage-tasks.ts, one function a task, safe to re-run.
 */

export const ElectionTaskInput = z.object({ electionId: z.string().min(1) });
export const AdvanceInput = StageTaskInput.extend({ steps: z.int().min(0).optional() });
export const HaltInput = z.object({
  electionId: z.string().min(1),
  reason: z.string().optional(),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

/**
 * The entry of every run: where the election is, so a re-run — or a continuation
 * (continuation.ts) — continues there. Its loop count starts at 0.
 */
export const loadStage = async ({ electionId }: z.infer<typeof ElectionTaskInput>) => ({
  stage: (await loadElection(electionId)).stage,
  steps: 0,
});

/**
 * Moves the election to the next stage of its preset (or to `completed`). Re-run after it
 * already moved, it answers where the election is.
 */
export const advanceStage = async ({ electionId, stage, steps }: z.infer<typeof AdvanceInput>) => {
  let election = await loadElection(electionId);
  if (election.stage === stage) {
    const stages = election.rules.stages;
    const next = stages[stages.indexOf(stage) + 1] ?? 'completed';
    election = await saveElection(
      { ...election, stage: next },
      {
        scope: electionScope(electionId),
        actor: 'workflow',
        action: 'stage-advanced',
        data: { from: stage, to: next },
      },
    );
  }
  const result = election.result;
  if (election.stage === 'completed' && result) {
    const org = await getOrganization(election.orgId);
    if (!org) throw new Error(`organization ${election.orgId} missing`);
    const roll = await getRoll(election.orgId, election.rollId);
    const name = (id: string) => roll.find((m) => m.id === id)?.name ?? id;
    await notify({
      electionId,
      template: 'final-result',
      ref: 'completed',
      recipients: [...everyMember(roll), ...superiorRecipients(org.superior)],
      data: {
        organization: org.name,
        secretary: result.secretary ? name(result.secretary) : null,
        deputies: result.deputies.map(name),
        members: result.members.map(name),
        approvedAt: new Date().toISOString(),
        approvedBy: org.superior.name,
      },
    } satisfies TypedNotifyRequest<'final-result'>);
  }
  return { stage: election.stage, steps: steps ?? 0 };
};

/**
 * The election cannot proceed: it is `halted` with the reason, and the organizers are told
 * (they may resume it). An unrecoverable error halts it the same way, with the error as reason.
 */
export const haltElection = async ({ electionId, reason, error }: z.infer<typeof HaltInput>) => {
  const election = await loadElection(electionId);
  const why =
    reason ||
    (error
      ? `系统错误(${error.Error ?? 'unknown'}):${(error.Cause ?? '').slice(0, 500)}`
      : '原因不明');
  const stage = election.stage;
  if (stage === 'halted' || stage === 'completed' || stage === 'cancelled') return {};
  // Told first, under a key of the stage as it ran: a retry tells nobody twice.
  const org = await getOrganization(election.orgId);
  if (org) {
    await notify({
      electionId,
      template: 'halted',
      ref: `halted@${stage}@${election.begun?.from ?? election.startsAt}`,
      recipients: organizersOf(org),
      data: { organization: org.name, stage, reason: why, haltedAt: new Date().toISOString() },
    } satisfies TypedNotifyRequest<'halted'>);
  }
  await saveElection(
    { ...election, stage: 'halted', haltReason: why },
    {
      scope: electionScope(electionId),
      actor: 'workflow',
      action: 'election-halted',
      data: { stage, reason: why },
    },
  );
  emitMetric(METRIC.electionsHalted, 1);
  return {};
};
