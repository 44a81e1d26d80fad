import { distinctIds } from '../../rules/distinct.ts';
import { ElectionPlan, OrgId } from '../elections/schemas.ts';

/** Request shapes of the batches routes, shared with the console's forms. */

/**
 * Organizations one batch takes at most: a province's 换届 (issue 17) — its request is ~0.5 MB,
 * answered in seconds (batch.ts); a larger one runs as several batches.
 */
export const MAX_BATCH_ORGS = 20_000;

/** `POST /v1/batches`: one plan for many organizations, each once. */
export const NewBatch = ElectionPlan.extend({
  orgIds: distinctIds(OrgId, 'organization', MAX_BATCH_ORGS),
});
