import * as z from 'zod';
import { distinctIds } from '../../rules/distinct.ts';
import { ElectionPlan, OrgId } from '../elections/schemas.ts';

/** Request shapes of the batches routes, shared with the console's forms. */

/**
 * Organizations one batch takes at most: a province's 换届 (issue 17) — its request is ~0.5 MB,
 * answered in seconds (batch.ts); a larger one runs as several batches.
 */
export const MAX_BATCH_ORGS = 20_000;

/** A batch lists its organizations on its record up to this many (the list's filter uses them). */
export const BATCH_ORGS_LISTED = 2000;

/** `POST /v1/batches`: one plan for many organizations, each once. */
export const NewBatch = ElectionPlan.extend({
  orgIds: distinctIds(OrgId, 'organization', MAX_BATCH_ORGS),
});

/**
 * `POST /v1/batches` as the API takes it: the organizations by id (`NewBatch`), or a batch file
 * — a province's organizations and their rolls (issue 17) — by the upload it was posted to
 * (`POST /v1/batch-uploads`). Exactly one of the two.
 */
export const NewBatchBody = ElectionPlan.extend({
  orgIds: NewBatch.shape.orgIds.optional(),
  uploadId: z.uuid({ error: 'uploadId is the id POST /v1/batch-uploads answered' }).optional(),
}).superRefine((body, ctx) => {
  if ((body.orgIds === undefined) === (body.uploadId === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['orgIds'],
      message: 'give orgIds (the organizations) or uploadId (a batch file), one of the two',
    });
  }
});
