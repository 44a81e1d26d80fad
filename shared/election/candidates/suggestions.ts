import { conflict, forbidden, fromViolations, notFound, unprocessable } from '../../errors.ts';
import type { Principal } from '../../principal.ts';
import { checkSuggestionList, electionDay } from '../../rules/index.ts';
import { getCandidate, updateCandidate } from '../../store/candidates.ts';
import { getRoll } from '../../store/organizations.ts';
import type { CandidateRecord, ElectionRecord } from '../../store/records.ts';
import { electionScope } from '../access.ts';
import { commitInStage, requireStage } from '../stage.ts';
import { wakeWorkflow } from '../wake.ts';
import type { AmendmentBody, SuggestionBody, SuggestionWaiver } from './schemas.ts';
import { applyWaivers, type Suggestion, suggestibleMembers } from './suggestion-list.ts';

/**
 * 委员建议名单: during the formal notice each formal secretary candidate proposes more committee
 * members than seats (差额), drawn from eligible members; the organizers review and may amend it.
 * It becomes the committee candidate list if that candidate is elected. A secretary elected by
 * write-in has none: they submit it in the committee election, which waits for it (第五条:
 * 书记提名委员).
 */

const FORMAL_NOTICE = ['formal-notice'] as const;
const SUBMISSION_STAGES = ['formal-notice', 'member-election'] as const;

/** The candidate record when it is a formal secretary candidate's, else 422. */
const requireFormal = (
  candidate: CandidateRecord | undefined,
  candidateId: string,
): CandidateRecord => {
  if (candidate?.status !== 'formal') {
    throw unprocessable(
      'not-a-formal-candidate',
      `${candidateId} is not a formal secretary candidate (书记正式候选人)`,
    );
  }
  return candidate;
};

/**
 * Who may submit a list now: a formal secretary candidate in the formal notice; in the committee
 * election only the elected secretary (one without a list: elected by write-in). Else 422.
 */
const requireSubmitter = (
  election: ElectionRecord,
  candidate: CandidateRecord | undefined,
  candidateId: string,
): CandidateRecord => {
  if (election.stage !== 'member-election') return requireFormal(candidate, candidateId);
  if (candidate?.status !== 'elected' || election.result?.secretary !== candidateId) {
    throw unprocessable(
      'not-the-elected-secretary',
      `${candidateId} is not the elected secretary: in the committee election (member-election) only the new secretary's list is submitted`,
    );
  }
  return candidate;
};

/**
 * The list checked against the rules: distinct names, as many as 差额 needs, all eligible — by
 * the conditions for office or by a valid waiver.
 */
const checkedList = async (
  election: ElectionRecord,
  candidateId: string,
  memberIds: readonly string[],
  waivers: readonly SuggestionWaiver[] = [],
): Promise<Pick<Suggestion, 'memberIds' | 'waivers'>> => {
  const seats = election.seats.members;
  if (seats < 1) {
    throw unprocessable('no-member-seats', 'this election elects no committee members (委员)');
  }
  const roll = await getRoll(election.orgId, election.rollId);
  const day = electionDay(election.calendar);
  const { waived, refused } = applyWaivers(roll, election.rules, day, memberIds, waivers);
  const [first] = refused;
  if (first) {
    throw unprocessable(
      first.rule,
      refused.map((v) => v.message).join('; '),
      refused.map(({ rule, message, path }) => ({ rule, message, path })),
    );
  }
  const eligible = suggestibleMembers(roll, election.rules, day, candidateId);
  for (const { memberId } of waived) if (memberId !== candidateId) eligible.add(memberId);
  const checked = checkSuggestionList(
    { candidateId, memberIds: [...memberIds], seats },
    election.rules,
    eligible,
  );
  if (!checked.ok) throw fromViolations(checked.violations);
  return {
    memberIds: checked.value.memberIds,
    ...(waived.length > 0 ? { waivers: waived } : {}),
  };
};

/** A formal secretary candidate (or an organizer for them) submits the list, once. */
export const submitSuggestion = async (
  election: ElectionRecord,
  principal: Principal,
  body: SuggestionBody,
): Promise<{ candidateId: string; suggestion: Suggestion }> => {
  if (!principal.roles.includes('organizer') && principal.sub !== body.candidateId) {
    throw forbidden('a suggestion list is submitted by the secretary candidate or an organizer');
  }
  const what = 'submitting a suggestion list (委员建议名单)';
  requireStage(election, SUBMISSION_STAGES, what);
  const candidate = requireSubmitter(
    election,
    await getCandidate(election.id, 'secretary', body.candidateId),
    body.candidateId,
  );
  const alreadySubmitted = () =>
    conflict(
      'already-submitted',
      `the suggestion list of ${body.candidateId} is already submitted; organizers amend it with PUT`,
    );
  if (candidate.suggestion) throw alreadySubmitted();
  const list = await checkedList(election, body.candidateId, body.memberIds, body.waivers);

  const suggestion: Suggestion = { ...list, at: new Date().toISOString() };
  await commitInStage(
    election,
    [election.stage],
    what,
    [
      updateCandidate(
        election.id,
        candidate,
        { suggestion },
        { status: candidate.status, absent: ['suggestion'] },
      ),
    ],
    {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'suggestion-submitted',
      data: {
        candidateId: body.candidateId,
        memberIds: list.memberIds,
        waivers: list.waivers ?? [],
        seats: election.seats.members,
      },
    },
    alreadySubmitted,
  );
  await wakeWorkflow(election.id);
  return { candidateId: body.candidateId, suggestion };
};

/** The organizers amend a submitted list in their review (领导小组审定). */
export const amendSuggestion = async (
  election: ElectionRecord,
  principal: Principal,
  candidateId: string,
  body: AmendmentBody,
): Promise<{ candidateId: string; suggestion: Suggestion }> => {
  const what = 'amending a suggestion list';
  requireStage(election, FORMAL_NOTICE, what);
  const existing = await getCandidate(election.id, 'secretary', candidateId);
  if (!existing?.suggestion) throw notFound(`a suggestion list of ${candidateId}`);
  const previous = existing.suggestion.memberIds;
  const candidate = requireFormal(existing, candidateId);
  const list = await checkedList(election, candidateId, body.memberIds, body.waivers);

  const suggestion: Suggestion = {
    ...list,
    amendedBy: principal.sub,
    at: new Date().toISOString(),
  };
  await commitInStage(
    election,
    FORMAL_NOTICE,
    what,
    [
      updateCandidate(
        election.id,
        candidate,
        { suggestion },
        { status: 'formal', present: ['suggestion'] },
      ),
    ],
    {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'suggestion-amended',
      data: {
        candidateId,
        memberIds: list.memberIds,
        waivers: list.waivers ?? [],
        previous,
      },
    },
    () => conflict('candidate-changed', `the candidacy of ${candidateId} changed meanwhile`),
  );
  await wakeWorkflow(election.id);
  return { candidateId, suggestion };
};
