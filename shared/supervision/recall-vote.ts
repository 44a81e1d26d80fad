import { randomUUID } from 'node:crypto';
import { electionScope } from '../election/access.ts';
import { afterwards } from '../election/afterwards.ts';
import { launchElection, planElection } from '../election/elections/create.ts';
import type { AfterRound } from '../election/rounds/round.ts';
import { getCandidate } from '../store/candidates.ts';
import { getElection, StaleElection, saveElection } from '../store/elections.ts';
import type {
  ElectionRecord,
  ElectionResult,
  RecallRecord,
  RoundRecord,
} from '../store/records.ts';
import {
  getRecall,
  listRecalls,
  putRecallVersion,
  releaseRecallMarker,
} from '../store/supervision.ts';
import { ConditionFailed } from '../store/transact.ts';
import { supervised } from './context.ts';
import { mailRecallOutcome } from './notices.ts';
import { openNextRecallRound, saveRecall } from './recalls.ts';

/**
 * The members' vote on a recall (第七条 3), once its round is settled: a void or no-quorum round
 * is held again (the recall follows the new round); a valid one recalls the holder when "for"
 * has the majority (`tally.elected` names them), else the holder stays. The outcome needs no
 * further approval: `Election.result` loses the holder at once — with a recalled secretary, the
 * committee members elected from their suggestion list too, and a new election of the same
 * organization, preset, seats and day length starts; a recalled committee member's seat waits
 * for a by-election (by-elections.ts). Every member is told.
 */

/**
 * "The members they nominated" (由其提名产生的委员): those elected from the recalled
 * secretary's suggestion list (as the organizers' review left it); none where the preset has
 * no suggestion lists (yuyang, nanjing).
 */
export const nominatedMembers = async (
  election: ElectionRecord,
  secretaryId: string,
): Promise<string[]> => {
  const candidate = await getCandidate(election.id, 'secretary', secretaryId);
  const suggested = new Set(candidate?.suggestion?.memberIds ?? []);
  return (election.result?.members ?? []).filter((id) => suggested.has(id));
};

/** Who is in office after the holder is recalled (pure). */
export const withoutHolder = (
  result: ElectionResult | undefined,
  recall: Pick<RecallRecord, 'officeHolderId' | 'office'>,
  membersRemoved: readonly string[] = [],
): ElectionResult => {
  const current = { secretary: null, deputies: [], members: [], ...result };
  const holder = recall.officeHolderId;
  const removed = new Set(membersRemoved);
  return {
    secretary:
      recall.office === 'secretary' && current.secretary === holder ? null : current.secretary,
    deputies: current.deputies.filter((id) => !(recall.office === 'deputy' && id === holder)),
    members: current.members.filter(
      (id) => !removed.has(id) && !(recall.office === 'member' && id === holder),
    ),
  };
};

/** A void or no-quorum round is held again: the recall follows the new round (true then). */
const followRevote = async (recall: RecallRecord, round: RoundRecord, actor: string) => {
  if (!round.followUp) return false;
  await saveRecall({ ...recall, roundId: round.followUp }, actor, 'recall-revote', {
    from: round.id,
    roundId: round.followUp,
    status: round.status,
  });
  return true;
};

/**
 * Removes the holder (and a secretary's nominees) from `result`, with the recall's new status,
 * in one audited transaction from the versions read; read again and retried when either moved.
 */
const recordRecalled = async (
  electionId: string,
  recallId: string,
  round: RoundRecord,
  actor: string,
): Promise<{ election: ElectionRecord; recall: RecallRecord } | undefined> => {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const election = await getElection(electionId);
    const recall = await getRecall(electionId, recallId);
    if (!election || recall?.status !== 'voting') return undefined;
    const secretary = recall.office === 'secretary';
    const membersRemoved = secretary ? await nominatedMembers(election, recall.officeHolderId) : [];
    const result = withoutHolder(election.result, recall, membersRemoved);
    const recalled: RecallRecord = {
      ...recall,
      status: 'recalled',
      roundId: round.id,
      settledAt: round.closedAt ?? new Date().toISOString(),
      ...(secretary ? { membersRemoved, newElectionId: randomUUID() } : {}),
    };
    try {
      const saved = await saveElection(
        { ...election, result },
        {
          scope: electionScope(electionId),
          actor,
          action: 'recall-carried',
          data: {
            recallId,
            roundId: round.id,
            officeHolderId: recall.officeHolderId,
            office: recall.office,
            membersRemoved,
            result,
            newElectionId: recalled.newElectionId,
          },
        },
        [putRecallVersion(recalled), releaseRecallMarker(recall)],
      );
      return { election: saved, recall: recalled };
    } catch (error) {
      if (!(error instanceof StaleElection || error instanceof ConditionFailed)) throw error;
    }
  }
  throw new Error(`recall ${recallId}: the election or the recall kept changing`);
};

/**
 * The new 公推直选 after a recalled secretary (第七条 3): same organization, preset, rules,
 * seats and day length, starting now, under the id the recall recorded (so a retry creates
 * nothing twice). The old election stays `completed`.
 */
export const launchReplacement = async (
  old: ElectionRecord,
  recall: RecallRecord,
  actor: string,
): Promise<void> => {
  if (!recall.newElectionId || (await getElection(recall.newElectionId))) return;
  const { org } = await supervised(old);
  const { preset, ...rules } = old.rules;
  const planned = planElection(
    {
      orgId: old.orgId,
      preset,
      seats: { ...old.seats, secretary: 1 },
      startsAt: new Date().toISOString(),
      dayLengthMs: old.dayLengthMs,
      rules,
      replaces: { electionId: old.id, recallId: recall.id },
    },
    org,
    actor,
    { id: recall.newElectionId },
  );
  try {
    await launchElection(planned, actor);
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error; // created meanwhile
  }
};

/** Either outcome of the vote, recorded: undefined when someone settled it meanwhile. */
type Settle = (
  election: ElectionRecord,
  recall: RecallRecord,
  round: RoundRecord,
  actor: string,
) => Promise<{ election: ElectionRecord; recall: RecallRecord } | undefined>;

/** The holder recalled: out of office at once; a secretary's replacement election starts. */
const carry: Settle = async (election, recall, round, actor) => {
  const recorded = await recordRecalled(election.id, recall.id, round, actor);
  if (recorded) {
    await afterwards('the new election after a recalled secretary', recall.id, () =>
      launchReplacement(recorded.election, recorded.recall, actor),
    );
  }
  return recorded;
};

/** The holder stays: the recall is settled, and a new petition may be filed. */
const retain: Settle = async (election, recall, round, actor) => {
  const retained: RecallRecord = {
    ...recall,
    status: 'retained',
    settledAt: round.closedAt ?? new Date().toISOString(),
  };
  const saved = await saveRecall(
    retained,
    actor,
    'recall-retained',
    { roundId: round.id, votesFor: round.tally?.counts[recall.officeHolderId] ?? 0 },
    [releaseRecallMarker(recall)],
  );
  return saved ? { election, recall: retained } : undefined;
};

/** A settled recall round: the recall's outcome and its consequences (see above). */
export const afterRecallRound: AfterRound = async (election, round, actor) => {
  const recall = (await listRecalls(election.id)).find(
    (r) => r.roundId === round.id && r.status === 'voting',
  );
  if (!recall || (await followRevote(recall, round, actor))) return;
  const tally = round.tally;
  if (round.status !== 'closed' || !tally) return;

  const settled = tally.elected.includes(recall.officeHolderId)
    ? await carry(election, recall, round, actor)
    : await retain(election, recall, round, actor);
  if (!settled) return; // settled meanwhile by someone else
  const { election: current, recall: outcome } = settled;
  await afterwards('recall-outcome mail', recall.id, async () =>
    mailRecallOutcome(current, outcome, await supervised(current), {
      outcome: outcome.status === 'recalled' ? 'recalled' : 'retained',
      at: outcome.settledAt ?? new Date().toISOString(),
      tally,
    }),
  );
  await afterwards('the next recall round', recall.id, () => openNextRecallRound(current, actor));
};
