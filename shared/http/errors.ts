import { DomainError, type RefusalKind } from '../errors.ts';

/**
 * Every refusal the API gives, in the shape of SPEC §8:
 * `{ "error": { "code", "message", "details" } }`. Refusals only HTTP knows (401, 413, 503) are
 * thrown as one; the use cases throw a `DomainError`, which `asApiError` maps. The error
 * middleware answers either; anything else thrown is a 500 that names no internals.
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

/** A request body over the limit every route shares (see `MAX_BODY_BYTES`). */
export const payloadTooLarge = (size: number, limit: number) =>
  new ApiError(413, 'payload-too-large', `the body is ${size} bytes, over the limit of ${limit}`, [
    { path: ['body'], size, limit },
  ]);

export const unauthorized = (message = 'a valid bearer token is required') =>
  new ApiError(401, 'unauthorized', message);

export const errorBody = (error: ApiError) => ({
  error: { code: error.code, message: error.message, details: error.details },
});

/** `Retry-After` (seconds) on a refusal that says when to come back (a rate limit's 429). */
export const refusalHeaders = (error: ApiError): Record<string, string> => {
  const retry = error.details.find(
    (d): d is { retryAfterSeconds: number } =>
      typeof (d as { retryAfterSeconds?: unknown })?.retryAfterSeconds === 'number',
  );
  return retry ? { 'retry-after': String(retry.retryAfterSeconds) } : {};
};

const STATUS: Record<RefusalKind, number> = {
  'invalid-input': 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
  'too-many-requests': 429,
};

/** The HTTP refusal of an error: an ApiError as is, a DomainError by its kind, else undefined (a 500). */
export const asApiError = (error: unknown): ApiError | undefined => {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) {
    return new ApiError(STATUS[error.kind], error.code, error.message, error.details);
  }
  return undefined;
};
