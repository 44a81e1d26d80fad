// `npm run openapi`: writes the API's OpenAPI document (shared/http/openapi.ts) to
// functions/api/openapi.json, which GET /openapi.json serves. Run it after changing an endpoint.
import { writeFileSync } from 'node:fs';
import { apiGroups } from '../functions/api/index.ts';
import { OPENAPI_FILE, openApiJson } from '../shared/http/openapi.ts';

writeFileSync(OPENAPI_FILE, openApiJson(apiGroups));
console.log(`wrote ${OPENAPI_FILE}`);
