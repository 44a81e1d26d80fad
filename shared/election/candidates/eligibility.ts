import { conflict, fromViolations, notFound } from '../../errors.ts';
import { memberRecipient, notify } from '../../notices/index.ts';
import type { Principal } from '../../principal.ts';
import {
  checkEligibility,
  decideEligibility,
  type EligibilityCheck,
  electionDay,
  type Member,
  type NominationDocuments,
} from '../../rules/index.ts';
import { getCandidate, updateCandidate } from '../../store/candidates.ts';
import { listNominations } from '../../store/nominations.ts';
import { getRoll } from '../../store/organizations.ts';
import type { CandidateRecord, ElectionRecord, NominationRecord } from '../../store/records.ts';
import { electionScope, organizationOf } from '../access.ts';
import { commitInStage, requireStage } from '../stage.ts';
import { wakeWorkflow } from '../wake.ts';
import type { EligibilityBody } from './schemas.ts';

/** 资格审查确认: the organizers accept or reject a nominee, waiving education or age with a reason. */

const REVIEW_STAGES = ['nomination', 'eligibility-review'] as const;

/**
 * Whom the review decides on, and when. Where it follows the party recommendation and the
 * evaluation (yuyang 五关: the 资格审查关 after 两推一评), those they put through (`recommended`),
 * in its own stage only; elsewhere the nominees, from the nomination window on.
 */
const underReview = ({ rules: { stages } }: ElectionRecord) => {
  const recommendation = stages.indexOf('party-recommendation');
  return recommendation >= 0 && recommendation < stages.indexOf('eligibility-review')
    ? { status: 'recommended' as const, stages: ['eligibility-review'] as const }
    : { status: 'nominated' as const, stages: REVIEW_STAGES };
};

/**
 * The papers a nominee has presented for an office, over all the nominations of them: a paper
 * shown with any one nomination has been shown.
 */
export const documentsPresented = (
  nominations: readonly Pick<NominationRecord, 'documents'>[],
): NominationDocuments => ({
  idCard: nominations.some((n) => n.documents.idCard),
  householdRegister: nominations.some((n) => n.documents.householdRegister),
  diploma: nominations.some((n) => n.documents.diploma),
  photo: nominations.some((n) => n.documents.photo),
});

/** The check the decision is made on: the nominee as of the election day, with every paper shown. */
const review = async (
  election: ElectionRecord,
  candidate: CandidateRecord,
): Promise<{ check: EligibilityCheck; nominee: Member | undefined }> => {
  const [roll, nominations] = await Promise.all([
    getRoll(election.orgId, election.rollId),
    listNominations(election.id),
  ]);
  const nominee = roll.find((member) => member.id === candidate.memberId);
  const theirs = nominations.filter(
    (n) => n.nomineeId === candidate.memberId && n.office === candidate.office,
  );
  if (!nominee || theirs.length === 0) return { check: candidate.check, nominee };
  const check = checkEligibility(
    {
      member: nominee,
      documents: documentsPresented(theirs),
      electionDay: electionDay(election.calendar),
    },
    election.rules,
  );
  return { check, nominee };
};

/**
 * Records the organizers' decision on one nominee, once. Accepting needs every failure waived
 * (only the rules' waivable ones, each with a written reason); the nominee is e-mailed the
 * result either way, and the reason of a rejection.
 */
export const decideNominee = async (
  election: ElectionRecord,
  principal: Principal,
  body: EligibilityBody,
): Promise<CandidateRecord> => {
  const what = 'deciding eligibility';
  const reviewed = underReview(election);
  requireStage(election, reviewed.stages, what);
  const candidate = await getCandidate(election.id, body.office, body.nomineeId);
  if (!candidate) throw notFound(`a nomination of ${body.nomineeId} for ${body.office}`);
  if (candidate.decision) throw alreadyDecided();
  if (candidate.status !== reviewed.status) {
    throw conflict(
      'not-under-review',
      `${body.nomineeId} (${body.office}) is ${candidate.status}: only ${reviewed.status} nominees are reviewed`,
    );
  }

  const { check, nominee } = await review(election, candidate);
  const outcome = decideEligibility(
    check,
    { decision: body.decision, waive: body.waive, reason: body.reason },
    election.rules,
  );
  if (!outcome.ok) throw fromViolations(outcome.violations);
  const { status, waived, reason, failures } = outcome.value;
  const at = new Date().toISOString();
  const decision = {
    decision: body.decision,
    waived,
    ...(reason ? { reason } : {}),
    by: principal.sub,
    at,
  };
  const statusReason =
    status === 'rejected' ? (reason ?? failures.map((f) => f.message).join('；')) : undefined;
  const changes: Partial<CandidateRecord> = {
    status,
    check,
    decision,
    ...(statusReason ? { statusReason } : {}),
  };
  await commitInStage(
    election,
    reviewed.stages,
    what,
    [
      updateCandidate(election.id, candidate, changes, {
        status: reviewed.status,
        absent: ['decision'],
      }),
    ],
    {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'eligibility-decided',
      data: {
        nomineeId: candidate.memberId,
        office: candidate.office,
        decision: body.decision,
        status,
        waived,
        reason: reason ?? null,
        failures,
      },
    },
    alreadyDecided,
  );

  if (nominee) {
    await notify({
      electionId: election.id,
      template: 'eligibility-result',
      ref: `${candidate.office}:${candidate.memberId}`,
      recipients: [memberRecipient(nominee)],
      data: {
        organization: (await organizationOf(election)).name,
        nominee: nominee.name,
        office: candidate.office,
        decision: status === 'eligible' ? 'accepted' : 'rejected',
        failures,
        waived,
        ...(reason ? { reason } : {}),
        decidedAt: at,
      },
    });
  }
  await wakeWorkflow(election.id);
  return { ...candidate, ...changes };
};

const alreadyDecided = () =>
  conflict('already-decided', 'the eligibility of this nominee for this office is already decided');
