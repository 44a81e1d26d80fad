import * as z from 'zod';
import { notify, type TypedNotifyRequest } from '../../shared/notices/index.ts';
import { organizersOf } from '../../shared/notices/organizers.ts';
import { saveElection } from '../../shared/store/elections.ts';
import { getOrganization } from '../../shared/store/organizations.ts';
import { loadElection, taskHandler } from '../../shared/workflow/task-handler.ts';

/**
 * The election cannot proceed: it is `halted` with the reason, and the organizers are told
 * (they may resume it). An unrecoverable error halts it the same way, with the error as reason.
 */
export const handler = taskHandler(
  z.object({
    electionId: z.string().min(1),
    reason: z.string().optional(),
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  }),
  async ({ electionId, reason, error }) => {
    let election = await loadElection(electionId);
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
    election = await saveElection(
      { ...election, stage: 'halted', haltReason: why },
      {
        scope: `ELECTION#${electionId}`,
        actor: 'workflow',
        action: 'election-halted',
        data: { stage, reason: why },
      },
    );
    return {};
  },
);
