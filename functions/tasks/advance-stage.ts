import { notify, type TypedNotifyRequest } from '../../shared/notices/index.ts';
import { everyMember, superiorRecipients } from '../../shared/notices/organizers.ts';
import { saveElection } from '../../shared/store/elections.ts';
import { getOrganization, getRoll } from '../../shared/store/organizations.ts';
import { loadElection, StageTaskInput, taskHandler } from '../../shared/workflow/task-handler.ts';

/**
 * Moves the election to the next stage of its preset (or to `completed`). Re-run after it
 * already moved, it answers where the election is.
 */
export const handler = taskHandler(StageTaskInput, async ({ electionId, stage }) => {
  let election = await loadElection(electionId);
  if (election.stage === stage) {
    const stages = election.rules.stages;
    const next = stages[stages.indexOf(stage) + 1] ?? 'completed';
    election = await saveElection(
      { ...election, stage: next },
      {
        scope: `ELECTION#${electionId}`,
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
  return { stage: election.stage };
});
