import { createHash, randomUUID } from 'node:crypto';
import { conflict, notFound, tooManyRequests, unprocessable } from '../../errors.ts';
import type { Principal } from '../../principal.ts';
import {
  digestDueAt,
  digestWindow,
  NOTICE_STAGES,
  objectionCounters,
  objectionLimitMessage,
  retryAfterSeconds,
  type Stage,
} from '../../rules/index.ts';
import { candidateStillIs, getCandidate, updateCandidate } from '../../store/candidates.ts';
import { markDigestDue } from '../../store/objection-digests.ts';
import {
  getObjection,
  listObjections,
  putNewObjection,
  resolveObjectionWrite,
} from '../../store/objections.ts';
import { countInWindow } from '../../store/rate-limits.ts';
import type { CandidateStatus, ElectionRecord, ObjectionRecord } from '../../store/records.ts';
import { ConditionFailed, commit, type Write } from '../../store/transact.ts';
import { electionScope } from '../access.ts';
import { commitInStage, requireStage } from '../stage.ts';
import { wakeWorkflow } from '../wake.ts';
import type { ObjectionBody, ResolutionBody } from './schemas.ts';

/**
 * 异议: anyone may object to a candidate the current 公示 publishes; the organizers resolve every
 * objection (upheld → the candidate is removed, with the reason). The text reaches the
 * organizers only: the board shows how many objections there are and their resolutions.
 */

/** Whom each notice stage publishes: the only candidates objections may be filed against. */
export const PUBLISHED_STATUS: Partial<Record<Stage, CandidateStatus>> = {
  'preliminary-notice': 'preliminary',
  'formal-notice': 'formal',
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The caller's address as the rate limit keys it: a digest, salted with the election and the
 * window so it links nothing across elections or hours. NOTE: IPv4 is small enough to hash
 * exhaustively, so this is a pseudonym, not anonymity; the counter is deleted a day after its
 * hour (TTL), and the raw address is never stored.
 */
const sourceKey = (electionId: string, windowId: string, sourceIp: string): string =>
  `per-source#${sha256(`${electionId}#${windowId}#${sourceIp}`).slice(0, 32)}`;

/**
 * Files an objection against a candidate of the running notice, within the rate limits (per
 * election and per source, each hour: shared/rules/rate-limit.ts). The counts, the objection and
 * the mark that its hour has a digest to send are one transaction: over a limit, nothing is
 * stored (429). The organizers get the hour's digest after it ends (`sendObjectionDigests`).
 */
export const fileObjection = async (
  election: ElectionRecord,
  body: ObjectionBody,
  sourceIp: string,
  now = new Date(),
): Promise<{ id: string }> => {
  const what = 'filing an objection (异议)';
  requireStage(election, NOTICE_STAGES, what);
  const stage = election.stage as Stage;
  const published = PUBLISHED_STATUS[stage] as CandidateStatus;
  const candidate = await getCandidate(election.id, body.office, body.candidateId);
  if (candidate?.status !== published) {
    throw unprocessable(
      'not-a-candidate',
      `${body.candidateId} is not a ${published} candidate for ${body.office} in this notice`,
    );
  }

  const objection: ObjectionRecord = {
    id: randomUUID(),
    candidateId: body.candidateId,
    office: body.office,
    text: body.text,
    stage,
    filedAt: now.toISOString(),
    status: 'open',
  };
  const counters = objectionCounters(now);
  const digest = digestWindow(now, election.dayLengthMs);
  await commitInStage(
    election,
    [stage],
    what,
    [
      candidateStillIs(election.id, candidate, published),
      putNewObjection(election.id, objection),
      markDigestDue({
        electionId: election.id,
        windowId: digest.id,
        windowStart: digest.id,
        windowEnd: new Date(digest.end).toISOString(),
        dueAt: digestDueAt(digest).toISOString(),
      }),
      ...counters.map((counter) =>
        countInWindow({
          electionId: election.id,
          counter:
            counter.limit === 'per-source'
              ? sourceKey(election.id, counter.window.id, sourceIp)
              : counter.limit,
          windowId: counter.window.id,
          max: counter.max,
          expiresAt: counter.expiresAt,
        }),
      ),
    ],
    {
      scope: electionScope(election.id),
      actor: 'public',
      action: 'objection-filed',
      // The text stays on the objection; the chain holds its digest, so a changed text shows.
      data: {
        objectionId: objection.id,
        candidateId: objection.candidateId,
        office: objection.office,
        stage,
        textSha256: sha256(objection.text),
      },
    },
    (index) => {
      const counter = counters[index - COUNTERS_FROM];
      if (!counter) {
        return unprocessable(
          'not-a-candidate',
          `${body.candidateId} is no longer a ${published} candidate`,
        );
      }
      const retryAfter = retryAfterSeconds(now, counter.window);
      return tooManyRequests(
        'too-many-objections',
        objectionLimitMessage(counter.limit, retryAfter),
        retryAfter,
      );
    },
  );
  return { id: objection.id };
};

/** Where the counters start among the writes above (candidate, objection, digest mark). */
const COUNTERS_FROM = 3;

/**
 * Resolves an open objection once. Upheld removes the candidate in the same transaction; whether
 * too few candidates remain is the workflow's to decide when the stage closes.
 */
export const resolveObjection = async (
  election: ElectionRecord,
  principal: Principal,
  objectionId: string,
  body: ResolutionBody,
): Promise<ObjectionRecord> => {
  const objection = await getObjection(election.id, objectionId);
  if (!objection) throw notFound(`objection ${objectionId}`);
  const alreadyResolved = () =>
    conflict(
      'already-resolved',
      `objection ${objectionId} is already resolved (${objection.status})`,
    );
  if (objection.status !== 'open') throw alreadyResolved();

  const resolution = { reason: body.reason, by: principal.sub, at: new Date().toISOString() };
  const writes: Write[] = [
    resolveObjectionWrite(election.id, objectionId, body.decision, resolution),
  ];
  if (body.decision === 'upheld') {
    writes.push(
      updateCandidate(
        election.id,
        { office: objection.office, memberId: objection.candidateId },
        { status: 'removed', statusReason: body.reason },
      ),
    );
  }
  try {
    await commit(writes, {
      scope: electionScope(election.id),
      actor: principal.sub,
      action: 'objection-resolved',
      data: {
        objectionId,
        candidateId: objection.candidateId,
        office: objection.office,
        decision: body.decision,
        reason: body.reason,
        ...(body.decision === 'upheld' ? { candidateStatus: 'removed' } : {}),
      },
    });
  } catch (error) {
    if (error instanceof ConditionFailed && error.index === 0) throw alreadyResolved();
    if (error instanceof ConditionFailed) throw notFound(`candidate ${objection.candidateId}`);
    throw error;
  }
  await wakeWorkflow(election.id);
  return { ...objection, status: body.decision, resolution };
};

/** Every objection of the election, oldest first, with its status (for the organizers). */
export const objectionsOf = (electionId: string): Promise<ObjectionRecord[]> =>
  listObjections(electionId);
