import * as z from 'zod';
import type { AnyEndpoint } from './endpoint.ts';

/**
 * The API's OpenAPI 3.1 document, generated from the endpoints themselves (method, path,
 * summary, roles and zod schemas), so it cannot drift from what the handlers accept and answer.
 * Request schemas are described as they are sent (zod's input side), responses as they are
 * answered (the output side). `npm run openapi` writes it to
 * functions/api/openapi.json, which `GET /openapi.json` serves (a test fails when it is stale):
 * generating it at run time would put every handler into that one function's bundle.
 */

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
};

/** Path or query parameters from an object schema: one parameter per property. */
const parameters = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
  if (!schema) return [];
  const object = jsonSchema(schema);
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
};

/** Path parameters the path names but no schema describes (still strings). */
const pathOnlyParameters = (path: string, described: Set<string>) =>
  [...path.matchAll(/\{([^}+]+)\+?\}/g)]
    .map((match) => match[1] as string)
    .filter((name) => !described.has(name))
    .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** A 2xx answer: the JSON body of the endpoint's response schema (as sent), and/or a page. */
const success = (e: AnyEndpoint) => ({
  description: 'Success',
  content: {
    ...(e.response ? { 'application/json': { schema: jsonSchema(e.response, 'output') } } : {}),
    ...(e.page ? { 'text/html': { schema: { type: 'string', description: e.page } } } : {}),
    ...(e.download ? { [e.download]: { schema: { type: 'string', format: 'binary' } } } : {}),
  },
});

const operationId = (e: AnyEndpoint) =>
  `${e.method.toLowerCase()}${e.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('')}`;

const operation = (group: string, e: AnyEndpoint) => {
  const isPublic = e.auth === 'public';
  const path = parameters(e.params, 'path');
  const params = [
    ...path,
    ...pathOnlyParameters(e.path, new Set(path.map((p) => p.name))),
    ...parameters(e.query, 'query'),
  ];
  return {
    operationId: operationId(e),
    summary: e.summary,
    tags: [group],
    ...(isPublic ? {} : { description: `Roles: ${(e.auth as readonly string[]).join(', ')}` }),
    'x-roles': isPublic ? [] : e.auth,
    security: isPublic ? [] : [{ bearer: [] }],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(e.body
      ? {
          requestBody: {
            required: !e.body.safeParse(undefined).success,
            content: {
              'application/json': { schema: jsonSchema(e.body) },
              ...Object.fromEntries(
                (e.files ?? []).map((type) => [
                  type,
                  { schema: { type: 'string', format: 'binary' } },
                ]),
              ),
            },
          },
        }
      : {}),
    responses: {
      '2XX': success(e),
      ...(e.body || params.length > 0
        ? { '400': errorResponse('Malformed or schema-invalid') }
        : {}),
      ...(isPublic
        ? {}
        : {
            '401': errorResponse('No token, or an invalid one'),
            '403': errorResponse('Role or organization not allowed'),
          }),
      '404': errorResponse('Not found'),
      '409': errorResponse('Wrong stage, duplicate, already decided'),
      '422': errorResponse('Well-formed but breaks a rule'),
    },
  };
};

/** The document for the route groups given (method and path are unique across them). */
export const openApiDocument = (groups: Record<string, { endpoints: readonly AnyEndpoint[] }>) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [group, { endpoints }] of Object.entries(groups)) {
    for (const e of endpoints) {
      paths[e.path] ??= {};
      (paths[e.path] as Record<string, unknown>)[e.method.toLowerCase()] = operation(group, e);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '公推直选 election workflow — admin API',
      version: '1',
      description:
        'Runs the 公推直选 of a grassroots Party organization. Errors are `{error: {code, message, details}}`; 401 comes before everything else.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'details'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                details: { type: 'array', items: {} },
              },
            },
          },
        },
      },
    },
  };
};

/** Where `npm run openapi` writes the document. */
export const OPENAPI_FILE = new URL('../../functions/api/openapi.json', import.meta.url);

/** The document as the file holds it. */
export const openApiJson = (groups: Parameters<typeof openApiDocument>[0]): string =>
  `${JSON.stringify(openApiDocument(groups), null, 2)}\n`;
