// Proves the OpenAPI document GET /openapi.json serves (functions/api/openapi.json) is the one
// the endpoints generate today: change an endpoint without `npm run openapi` and this fails.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { apiGroups } from '../../../functions/api/index.ts';
import { OPENAPI_FILE, openApiJson } from '../../../shared/http/openapi.ts';

it('functions/api/openapi.json is up to date (else run `npm run openapi`)', () => {
  expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiJson(apiGroups));
});
