import { afterwards } from '../election/afterwards.ts';
import type { AfterUnawaitedDecision } from '../election/approvals/approval.ts';
import type { AfterRound } from '../election/rounds/round.ts';
import { getElection } from '../store/elections.ts';
import { afterByElectionRound, applyByElectionDecision } from './by-elections.ts';
import { applyCommitmentDecision } from './commitments.ts';
import { afterRecallRound } from './recall-vote.ts';
import { applyRecallDecision } from './recalls.ts';

/**
 * What supervision after the election adds to the shared services. The composition roots
 * (functions/api/approvals.ts, functions/api/rounds.ts) pass them in: `decideApproval` calls
 * `afterSupervisionDecision` when the superior decides an approval no workflow task waits for,
 * `closeRound`/`decideRound` call `afterSupervisionRound` when a round is closed or decided
 * (the election never imports supervision). Both apply what follows; the decision or tally is already recorded, so a failure here is logged (the
 * organizers' reminder applies a decision again; every step is idempotent).
 */

/** The superior's decision on a 任职承诺书, a recall or a by-election result. */
export const afterSupervisionDecision: AfterUnawaitedDecision = async (approval) => {
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
export const afterSupervisionRound: AfterRound = async (election, round, actor) => {
  if (round.stage === 'recall') {
    await afterwards('the recall vote', round.id, () => afterRecallRound(election, round, actor));
  }
  if (round.stage === 'by-election') {
    await afterwards('the by-election', round.id, () =>
      afterByElectionRound(election, round, actor),
    );
  }
};
