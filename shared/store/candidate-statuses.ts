import type { Office } from '../rules/index.ts';
import { keys } from './keys.ts';
import type { CandidateRecord, CandidateStatus, ElectionRecord } from './records.ts';
import { tableName } from './table.ts';
import { commit, type Write } from './transact.ts';

export interface StatusChange {
  memberId: string;
  office: Office;
  status: CandidateStatus;
  reason?: string;
}

/** DynamoDB takes 100 items a transaction; one is the audit entry, one the audit head. */
const CHUNK = 98;

/**
 * Moves candidates to new statuses, each chunk with its audit entry. A candidate without a
 * record (a committee member from a suggestion list, a write-in) gets one. Idempotent.
 */
export const changeStatuses = async (
  election: ElectionRecord,
  changes: readonly StatusChange[],
  action: string,
  existing: readonly CandidateRecord[],
): Promise<void> => {
  const known = new Set(existing.map((c) => `${c.office}#${c.memberId}`));
  const writes: Write[] = changes.map((change) =>
    known.has(`${change.office}#${change.memberId}`)
      ? {
          Update: {
            TableName: tableName(),
            Key: keys.candidate(election.id, change.office, change.memberId),
            UpdateExpression: change.reason
              ? 'SET #status = :status, statusReason = :reason'
              : 'SET #status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': change.status,
              ...(change.reason ? { ':reason': change.reason } : {}),
            },
          },
        }
      : {
          Put: {
            TableName: tableName(),
            Item: {
              ...keys.candidate(election.id, change.office, change.memberId),
              memberId: change.memberId,
              office: change.office,
              status: change.status,
              check: { eligible: true, failures: [] },
              ...(change.reason ? { statusReason: change.reason } : {}),
            } satisfies CandidateRecord & Record<string, unknown>,
          },
        },
  );
  for (let start = 0; start < writes.length; start += CHUNK) {
    const slice = changes.slice(start, start + CHUNK);
    await commit(writes.slice(start, start + CHUNK), {
      scope: `ELECTION#${election.id}`,
      actor: 'workflow',
      action,
      data: { changes: slice },
    });
  }
};
