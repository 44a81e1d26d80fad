import { randomUUID } from 'node:crypto';
import { conflict, forbidden, fromViolations } from '../../errors.ts';
import { memberRecipient, notify } from '../../notices/index.ts';
import type { Principal } from '../../principal.ts';
import {
  checkEligibility,
  type EligibilityCheck,
  electionDay,
  validateNomination,
} from '../../rules/index.ts';
import {
  DuplicateNomination,
  listCandidates,
  listNominations,
  recordNomination,
  SupporterAlreadyBacking,
} from '../../store/nominations.ts';
import { getRoll } from '../../store/organizations.ts';
import type {
  CandidateRecord,
  CandidateStatus,
  ElectionRecord,
  NominationRecord,
} from '../../store/records.ts';
import { electionScope, organizationOf } from '../access.ts';
import { requireStage } from '../stage.ts';
import type { NominationBody } from './schemas.ts';

/**
 * 党员自荐 / 联名举荐 / 组织推荐: who may enter which kind, the rules' validation, the automatic
 * eligibility check (资格审查) as of the election day, and the record with its supporters.
 */

/**
 * Who may enter a nomination (SPEC §9): a self-nomination by the nominee, a joint one by one of
 * its supporters, an organization one by the organizers only — organizers enter any kind (from
 * the paper form). Answers why not, or null when the principal may.
 */
export const nominationRefusal = (
  principal: Pick<Principal, 'sub' | 'roles'>,
  request: Pick<NominationBody, 'kind' | 'nomineeId' | 'supporterIds'>,
): string | null => {
  if (principal.roles.includes('organizer')) return null;
  if (!principal.roles.includes('member'))
    return 'nominations are entered by members or organizers';
  switch (request.kind) {
    case 'self':
      return principal.sub === request.nomineeId
        ? null
        : 'a self-nomination (党员自荐) is entered by the nominee, or by an organizer';
    case 'joint':
      return (request.supporterIds ?? []).includes(principal.sub)
        ? null
        : 'a joint nomination (联名举荐) is entered by one of its supporters, or by an organizer';
    case 'organization':
      return 'an organization nomination (组织推荐) is entered by the organizers only';
  }
};

export interface NominationAnswer {
  id: string;
  check: EligibilityCheck;
}

/**
 * Records a nomination during the nomination stage. An ineligible nominee is recorded too, with
 * the failures; the nominee is told that the nomination was received.
 */
export const submitNomination = async (
  election: ElectionRecord,
  principal: Principal,
  request: NominationBody,
): Promise<NominationAnswer> => {
  const refusal = nominationRefusal(principal, request);
  if (refusal) throw forbidden(refusal);
  requireStage(election, ['nomination'], 'nominating');

  const [roll, existing] = await Promise.all([
    getRoll(election.orgId, election.rollId),
    listNominations(election.id),
  ]);
  const validated = validateNomination(request, { roll, existing }, election.rules);
  if (!validated.ok) throw fromViolations(validated.violations);
  const { nomination, nominee } = validated.value;

  const check = checkEligibility(
    {
      member: nominee,
      documents: nomination.documents,
      electionDay: electionDay(election.calendar),
    },
    election.rules,
  );
  const record: NominationRecord = {
    id: randomUUID(),
    kind: nomination.kind,
    office: nomination.office,
    nomineeId: nomination.nomineeId,
    supporterIds: nomination.supporterIds,
    documents: nomination.documents,
    check,
    enteredBy: principal.sub,
    at: new Date().toISOString(),
  };
  const candidate: CandidateRecord = {
    memberId: nominee.id,
    office: nomination.office,
    status: 'nominated',
    check,
  };
  try {
    // The documents are checked flags only: nothing here holds an ID number or an image.
    await recordNomination(election.id, record, candidate, {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'nomination-recorded',
      data: record,
    });
  } catch (error) {
    if (error instanceof DuplicateNomination) {
      throw conflict('duplicate-nomination', error.message, [
        { rule: 'duplicate-nomination', message: error.message },
      ]);
    }
    if (error instanceof SupporterAlreadyBacking) {
      throw conflict('supporter-already-backing', error.message, [
        {
          rule: 'supporter-already-backing',
          message: error.message,
          supporterId: error.supporterId,
        },
      ]);
    }
    throw error;
  }

  const names = new Map(roll.map((member) => [member.id, member.name]));
  await notify({
    electionId: election.id,
    template: 'nomination-received',
    ref: record.id,
    recipients: [memberRecipient(nominee)],
    data: {
      organization: (await organizationOf(election)).name,
      nominee: nominee.name,
      office: record.office,
      kind: record.kind,
      supporters: record.supporterIds.map((id) => names.get(id) ?? id),
      at: record.at,
      check,
      ...(election.calendar['eligibility-review']
        ? { reviewUntil: election.calendar['eligibility-review'].until }
        : {}),
    },
  });
  return { id: record.id, check };
};

export type ListedNomination = NominationRecord & { candidateStatus: CandidateStatus | null };

/** The election's nominations, oldest first, each with its check and its candidate's status. */
export const nominationsOf = async (electionId: string): Promise<ListedNomination[]> => {
  const [nominations, candidates] = await Promise.all([
    listNominations(electionId),
    listCandidates(electionId),
  ]);
  const status = new Map(candidates.map((c) => [`${c.office}#${c.memberId}`, c.status]));
  return nominations
    .map((n) => ({ ...n, candidateStatus: status.get(`${n.office}#${n.nomineeId}`) ?? null }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
};
