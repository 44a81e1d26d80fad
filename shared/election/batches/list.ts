import * as z from 'zod';
import type { Principal } from '../../principal.ts';
import { PresetName } from '../../rules/index.ts';
import { listPage } from '../../store/lists.ts';
import type { BatchRecord } from '../../store/records.ts';
import { answerPage, decodeCursor } from '../paging.ts';

/** The batches (GET /v1/batches), newest first: those whose every organization the token covers. */

export const BatchSummary = z.object({
  id: z.string(),
  preset: PresetName,
  startsAt: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** How many organizations (one election each). */
  electionCount: z.number(),
  /** The organizations; empty for a batch of more than BATCH_ORGS_LISTED (schemas.ts). */
  orgIds: z.array(z.string()),
});

export const listBatches = async (
  principal: Principal,
  { limit, cursor }: { limit: number; cursor?: string | undefined },
) => {
  const after = decodeCursor('batches', cursor);
  const all = principal.orgs.includes('*');
  // As GET /v1/batches/{id}: a batch is shown to a token that covers all its organizations; one
  // whose file is not in yet, to whoever made it. One too large to list its organizations: to
  // tokens of every organization.
  const keep = (batch: BatchRecord) =>
    all ||
    (batch.import && batch.import.status !== 'done'
      ? batch.createdBy === principal.sub
      : (batch.orgIds?.every((orgId) => principal.orgs.includes(orgId)) ?? false));
  const page = await listPage<BatchRecord>('batches', { limit, after, descending: true, keep });
  return answerPage(page, (batch) => ({
    id: batch.id,
    preset: batch.preset,
    startsAt: batch.startsAt,
    createdAt: batch.createdAt,
    createdBy: batch.createdBy,
    electionCount: batch.size,
    orgIds: batch.orgIds ?? [],
  }));
};
