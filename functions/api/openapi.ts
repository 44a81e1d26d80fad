import * as z from 'zod';
import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import document from './openapi.json' with { type: 'json' };

/** `GET /openapi.json`: the document `npm run openapi` generates (shared/http/openapi.ts). */
export const { endpoints, handler } = routeGroup([
  endpoint({
    method: 'GET',
    path: '/openapi.json',
    response: z.looseObject({
      openapi: z.string(),
      info: z.unknown(),
      paths: z.record(z.string(), z.unknown()),
    }),
    auth: 'public',
    summary: 'This OpenAPI 3.1 document, generated from the endpoints',
    handle: async () => ({ body: document }),
  }),
]);
