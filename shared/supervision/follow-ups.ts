import { afterwards } from '../election/afterwards.ts';
import { getElection } from '../store/elections.ts';
import type { ApprovalRecord, ElectionRecord, RoundRecord } from '../store/records.ts';
import { afterByElectionRound, applyByElectionDecision } from './by-elections.ts';
import { applyCommitmentDecision } from './commitments.ts';
import { afterRecallRound } from './recall-vote.ts';
import { applyRecallDecision } from './recalls.ts';

/**
 * Where supervision after the election hooks into the shared services: election/approvals/approval.ts calls
 * `afterSupervisionDecision` when the superior decides an approval no workflow task waits for,
 * election/rounds/round.ts calls `afterSupervisionRound` when a round is closed or decided. Both apply what
 * follows; the decision or tally is already recorded, so a failure here is logged (the
 * organizers' reminder applies a decision again; every step is idempotent).
 */

/** The superior's decision on a 任职承诺书, a recall or a by-election result. */
export const afterSupervisionDecision = async (approval: ApprovalRecord): Promise<void> => {
  const kind = approval.kind;
  if (kind !== 'commitment' && kind !== 'recall' && kind !== 'by-election') return;
  await afterwards(`applying the ${kind} decision`, approval.id, async () => {
    const election = await getElection(approval.electionId);
    if (!election) return;
    if (kind === 'commitment') await applyCommitmentDecision(election, approval);
    if (kind === 'recall') await applyRecallDecision(election, approval);
    if (kind === 'by-election') await applyByElectionDecision(election.id, approval);
  });
};

/** A round closed or decided: a recall vote's or a by-election's consequences. */
export const afterSupervisionRound = async (
  election: ElectionRecord,
  round: RoundRecord,
  actor: string,
): Promise<void> => {
  if (round.stage === 'recall') {
    await afterwards('the recall vote', round.id, () => afterRecallRound(election, round, actor));
  }
  if (round.stage === 'by-election') {
    await afterwards('the by-election', round.id, () =>
      afterByElectionRound(election, round, actor),
    );
  }
};
