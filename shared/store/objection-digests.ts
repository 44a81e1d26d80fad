import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.ts';
import { queryIndexPrefix } from './items.ts';
import { keys } from './keys.ts';
import { GSI1, tableName } from './table.ts';
import type { Write } from './transact.ts';

/**
 * Objection digests due (异议汇总): a marker per election hour with objections, written with the
 * objection itself, listed in gsi1 under `OBJECTION-DIGESTS` (sorted by when it is due) until
 * the digest is recorded in the outbox; then deleted.
 */

const DIGESTS = 'OBJECTION-DIGESTS';

export interface DigestDue {
  electionId: string;
  /** The window's start (ISO 8601): the digest's id. */
  windowId: string;
  windowStart: string;
  windowEnd: string;
  dueAt: string;
}

/** The write that marks the window's digest due; the same for each objection of the window. */
export const markDigestDue = (digest: DigestDue): Write => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...keys.objectionDigest(digest.electionId, digest.windowId),
      [GSI1.pk]: DIGESTS,
      [GSI1.sk]: `DUE#${digest.dueAt}#${digest.electionId}#${digest.windowId}`,
      ...digest,
    },
  },
});

/** The digests due by `now`, the earliest first (the index is eventually consistent). */
export const dueDigests = async (now: Date): Promise<DigestDue[]> =>
  (await queryIndexPrefix<DigestDue>(DIGESTS, 'DUE#')).filter(
    (digest) => digest.dueAt <= now.toISOString(),
  );

/** Deletes the marker once the digest is recorded (recording it again records nothing). */
export const clearDigest = async (electionId: string, windowId: string): Promise<void> => {
  await documentClient().send(
    new DeleteCommand({ TableName: tableName(), Key: keys.objectionDigest(electionId, windowId) }),
  );
};
