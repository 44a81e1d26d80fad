import * as z from 'zod';
import { batchOrgIds, batchReport, createBatch } from '../../shared/election/batches/batch.ts';
import { BatchSummary, listBatches } from '../../shared/election/batches/list.ts';
import { NewBatch } from '../../shared/election/batches/schemas.ts';
import { BatchReportView } from '../../shared/election/batches/views.ts';
import { Paged, PageQuery } from '../../shared/election/paging.ts';
import { notFound } from '../../shared/errors.ts';
import { requireOrg } from '../../shared/http/auth.ts';
import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import { BatchParams } from '../../shared/http/params.ts';
import { getBatch } from '../../shared/store/batches.ts';

/** Batches (nanjing, 第一篇): many organizations' elections started at once, with a report. */

/** A batch just created: its elections, those halted, those the sweeper starts. */
const BatchCreated = z.object({
  id: z.string(),
  electionIds: z.array(z.string()),
  halted: z.array(z.string()).optional(),
  startsDeferred: z.array(z.string()).optional(),
});

export const { endpoints, handler } = routeGroup([
  endpoint({
    method: 'GET',
    path: '/v1/batches',
    response: Paged(BatchSummary),
    auth: ['organizer'],
    summary:
      'The batches whose every organization the token covers, newest first, a page at a time',
    query: z.strictObject(PageQuery),
    handle: async ({ query, principal }) => ({ body: await listBatches(principal, query) }),
  }),
  endpoint({
    method: 'POST',
    path: '/v1/batches',
    response: BatchCreated,
    auth: ['organizer'],
    summary:
      'Start the elections of many organizations at once (404 and nothing started if one is unknown)',
    body: NewBatch,
    handle: async ({ body, principal }) => {
      const { batch, electionIds, elections, startsDeferred } = await createBatch(body, principal);
      const halted = elections.filter((e) => e.stage === 'halted').map((e) => e.id);
      return {
        status: 201,
        body: {
          id: batch.id,
          electionIds,
          ...(halted.length > 0 ? { halted } : {}),
          // Planned: created and started by the workflow sweeper at the quotas' pace.
          ...(startsDeferred.length > 0 ? { startsDeferred } : {}),
        },
      };
    },
  }),
  endpoint({
    method: 'GET',
    path: '/v1/batches/{id}',
    response: BatchReportView,
    auth: ['organizer'],
    summary:
      "A batch's progress per election and its statistics (nominations and 报名人选, 到会率, age, education)",
    params: BatchParams,
    handle: async ({ params, principal }) => {
      const batch = await getBatch(params.id);
      if (!batch) throw notFound(`batch ${params.id}`);
      // The report covers every organization of the batch: the token must cover them all.
      for (const orgId of await batchOrgIds(batch)) requireOrg(principal, orgId);
      return { body: await batchReport(batch) };
    },
  }),
]);
