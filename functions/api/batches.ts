import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  batchReport,
  createBatch,
  requireBatchReader,
} from '../../shared/election/batches/batch.ts';
import {
  BATCH_FILE_TYPE,
  createBatchFromFile,
  uploadKey,
} from '../../shared/election/batches/batch-import.ts';
import { BatchSummary, listBatches } from '../../shared/election/batches/list.ts';
import { NewBatchBody } from '../../shared/election/batches/schemas.ts';
import {
  BatchImportView,
  BatchReportView,
  importView,
} from '../../shared/election/batches/views.ts';
import { Paged, PageQuery } from '../../shared/election/paging.ts';
import { notFound } from '../../shared/errors.ts';
import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import { BatchParams } from '../../shared/http/params.ts';
import { getBatch } from '../../shared/store/batches.ts';
import { presignUpload, UPLOAD_MAX_BYTES } from '../../shared/uploads/bucket.ts';

/** Batches (nanjing, 第一篇): many organizations' elections started at once, with a report. */

/**
 * A batch just created: its elections, those halted, those the sweeper starts; a batch from a
 * file not all imported within the request (202): its import, and no elections yet.
 */
const BatchCreated = z.object({
  id: z.string(),
  electionIds: z.array(z.string()).optional(),
  halted: z.array(z.string()).optional(),
  startsDeferred: z.array(z.string()).optional(),
  import: BatchImportView.optional(),
});

/** Where to post a batch file: a form to S3 (its `fields`, then the file as `file`). */
const BatchUpload = z.object({
  uploadId: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
  maxBytes: z.number(),
  contentType: z.string(),
});

/** How long an upload's form may be posted: a province's file over a slow line. */
const UPLOAD_EXPIRES_SECONDS = 3600;

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
    path: '/v1/batch-uploads',
    response: BatchUpload,
    auth: ['organizer'],
    summary:
      'Where to post a batch file (CSV, UTF-8: a row per member, the organization in its first columns): a form to the uploads bucket, then POST /v1/batches {uploadId}',
    handle: async ({ principal }) => {
      const uploadId = randomUUID();
      const form = await presignUpload(uploadKey(principal.sub, uploadId), {
        contentType: BATCH_FILE_TYPE,
        expiresInSeconds: UPLOAD_EXPIRES_SECONDS,
      });
      return {
        status: 201,
        body: { uploadId, ...form, maxBytes: UPLOAD_MAX_BYTES, contentType: BATCH_FILE_TYPE },
      };
    },
  }),
  endpoint({
    method: 'POST',
    path: '/v1/batches',
    response: BatchCreated,
    auth: ['organizer'],
    summary:
      'Start the elections of many organizations at once (404 and nothing started if one is unknown); or of a batch file: 422 naming its problems, else 201, or 202 while it is imported',
    body: NewBatchBody,
    handle: async ({ body, principal }) => {
      const { orgIds, uploadId, ...plan } = body;
      if (uploadId !== undefined) {
        const made = await createBatchFromFile({ ...plan, uploadId }, principal);
        const halted = made.elections.filter((e) => e.stage === 'halted').map((e) => e.id);
        const deferred = made.startsDeferred ?? [];
        return {
          status: made.electionIds ? 201 : 202,
          body: {
            id: made.batch.id,
            import: importView(made.batch.import),
            ...(made.electionIds ? { electionIds: made.electionIds } : {}),
            ...(halted.length > 0 ? { halted } : {}),
            ...(deferred.length > 0 ? { startsDeferred: deferred } : {}),
          },
        };
      }
      const { batch, electionIds, elections, startsDeferred } = await createBatch(
        { ...plan, orgIds: orgIds ?? [] },
        principal,
      );
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
      await requireBatchReader(principal, batch);
      return { body: await batchReport(batch) };
    },
  }),
]);
