import { distinctIds } from '../../rules/distinct.ts';
import { ElectionPlan, OrgId } from '../elections/schemas.ts';

/** Request shapes of the batches routes, shared with the console's forms. */

/** `POST /v1/batches`: one plan for many organizations, each once. */
export const NewBatch = ElectionPlan.extend({
  orgIds: distinctIds(OrgId, 'organization'),
});
