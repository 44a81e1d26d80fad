import { endpoint, routeGroup } from '../../shared/http/endpoint.ts';
import document from './openapi.json' with { type: 'json' };

/** `GET /openapi.json`: the document `npm run openapi` generates (shared/http/openapi.ts). */
export const { endpoints, handler } = routeGroup([
  endpoint({
    method: 'GET',
    path: '/openapi.json',
    auth: 'public',
    summary: 'This OpenAPI 3.1 document, generated from the endpoints',
    handle: async () => ({ body: document }),
  }),
]);
