import type * as z from 'zod';
import type { Violation } from '../rules/index.ts';

/**
 * Every refusal the API gives, in the shape of SPEC §8:
 * `{ "error": { "code", "message", "details" } }`. A handler throws one; the error middleware
 * answers it. Anything else thrown is a 500 that names no internals.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, details: unknown[] = []) =>
  new ApiError(400, 'bad-request', message, details);

/** A schema refusal: each zod issue with the path of the field it concerns. */
export const invalidInput = (where: 'body' | 'path' | 'query', error: z.ZodError) =>
  new ApiError(
    400,
    'invalid-input',
    `${where} is invalid: ${error.issues.map((i) => `${[where, ...i.path].join('.')}: ${i.message}`).join('; ')}`,
    error.issues.map((issue) => ({
      path: [where, ...issue.path],
      code: issue.code,
      message: issue.message,
    })),
  );

/** A request body over the limit every route shares (see `MAX_BODY_BYTES`). */
export const payloadTooLarge = (size: number, limit: number) =>
  new ApiError(413, 'payload-too-large', `the body is ${size} bytes, over the limit of ${limit}`, [
    { path: ['body'], size, limit },
  ]);

export const unauthorized = (message = 'a valid bearer token is required') =>
  new ApiError(401, 'unauthorized', message);

export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);

export const notFound = (what: string) => new ApiError(404, 'not-found', `${what} not found`);

export const conflict = (code: string, message: string, details: unknown[] = []) =>
  new ApiError(409, code, message, details);

export const unprocessable = (code: string, message: string, details: unknown[] = []) =>
  new ApiError(422, code, message, details);

/** Broken rules from the rules engine: 409 when one clashes with what is recorded, else 422. */
export const fromViolations = (violations: readonly Violation[]): ApiError => {
  const first = violations.find((v) => v.conflict) ?? violations[0];
  const status = violations.some((v) => v.conflict) ? 409 : 422;
  return new ApiError(
    status,
    first?.rule ?? 'rule-violated',
    violations.map((v) => v.message).join('; '),
    violations.map(({ rule, message, path }) => ({ rule, message, ...(path ? { path } : {}) })),
  );
};

export const errorBody = (error: ApiError) => ({
  error: { code: error.code, message: error.message, details: error.details },
});
