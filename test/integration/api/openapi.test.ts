// Proves GET /openapi.json: public, OpenAPI 3.1, generated from the endpoints themselves — every
// route of every group, its parameters, body schema (strict, with required fields) and security.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGroups } from '../../../functions/api/index.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { freshTable } from '../../support/fresh-table.ts';

interface Operation {
  operationId: string;
  summary: string;
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, unknown>;
}
interface JsonSchema {
  type?: string;
  required?: string[];
  additionalProperties?: unknown;
  properties?: Record<string, JsonSchema>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

let api: TestApi;
let document: Document;

beforeAll(async () => {
  await freshTable();
  api = await startTestApi();
  const answer = await api.call('GET', '/openapi.json', {
    headers: { authorization: 'Bearer not-a-token' },
  });
  expect(answer.status).toBe(200);
  document = answer.body as Document;
}, 60_000);
afterAll(() => api?.stop());

describe('GET /openapi.json', () => {
  it('is a public OpenAPI 3.1 document (a token, even a bad one, is ignored)', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('lists every endpoint of every route group, with its summary', () => {
    const endpoints = Object.values(apiGroups).flatMap((group) => group.endpoints);
    expect(endpoints.length).toBeGreaterThan(5);
    for (const e of endpoints) {
      const operation = document.paths[e.path]?.[e.method.toLowerCase()];
      expect(operation, `${e.method} ${e.path}`).toBeDefined();
      expect(operation?.summary).toBe(e.summary);
    }
    const ids = Object.values(document.paths).flatMap((p) =>
      Object.values(p).map((o) => o.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('requires the bearer token on protected routes and none on public ones', () => {
    expect(document.paths['/v1/elections']?.post?.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/openapi.json']?.get?.security).toEqual([]);
    expect(document.paths['/v1/elections']?.post?.responses).toHaveProperty('401');
  });

  it('describes path parameters and the request body from the zod schemas', () => {
    const move = document.paths['/v1/elections/{id}/deadlines/{stage}']?.put;
    expect(move?.parameters?.map((p) => [p.name, p.in, p.required])).toEqual([
      ['id', 'path', true],
      ['stage', 'path', true],
    ]);
    const create = document.paths['/v1/elections']?.post?.requestBody;
    expect(create?.required).toBe(true);
    const schema = create?.content['application/json'].schema;
    expect(schema?.required).toEqual(
      expect.arrayContaining(['orgId', 'preset', 'seats', 'startsAt']),
    );
    expect(schema?.required).not.toContain('rules');
    expect(schema?.additionalProperties).toBe(false);
    expect(schema?.properties?.rules?.properties).toHaveProperty('minJointSupporters');
    const roll = document.paths['/v1/organizations/{orgId}/roll']?.put?.requestBody;
    const members = roll?.content['application/json'].schema.properties?.members as {
      items: JsonSchema;
    };
    expect(members.items.required).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'birthDate',
        'education',
        'status',
        'orgRelationLocal',
      ]),
    );
  });

  it('shows the 2xx bodies from the response schemas, and the pages as text/html', () => {
    type Success = { content: Record<string, { schema: JsonSchema }> };
    const success = (path: string, method: string) =>
      document.paths[path]?.[method]?.responses['2XX'] as Success;
    const election = success('/v1/elections/{id}', 'get').content['application/json']?.schema;
    expect(election?.type).toBe('object');
    expect(election?.required).toEqual(
      expect.arrayContaining(['id', 'stage', 'rules', 'calendar', 'candidates', 'rounds']),
    );
    expect(election?.properties?.rules?.properties).toHaveProperty('minJointSupporters');
    const tally = success('/v1/elections/{id}/rounds/{roundId}/close', 'post').content[
      'application/json'
    ]?.schema;
    expect(tally?.properties).toHaveProperty('counts');
    const board = success('/public/elections/{id}', 'get').content;
    expect(Object.keys(board)).toEqual(['application/json', 'text/html']);
    expect(Object.keys(success('/approve/{approvalId}', 'get').content)).toEqual(['text/html']);
  });
});
