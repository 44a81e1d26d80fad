import type * as z from 'zod';
import type { Violation } from './rules/index.ts';

/** What kind of refusal it is; `shared/http/errors.ts` gives each kind its status. */
export type RefusalKind =
  | 'invalid-input'
  | 'not-found'
  | 'forbidden'
  | 'conflict'
  | 'unprocessable'
  | 'too-many-requests';

/**
 * A refusal in the domain's words: the use cases throw it without knowing HTTP, so a task or a
 * script can call them too. The API answers it in the shape of SPEC §8 (`asApiError`).
 */
export class DomainError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A schema refusal: each zod issue with the path of the field it concerns. */
export const invalidInput = (where: 'body' | 'path' | 'query', error: z.ZodError) =>
  new DomainError(
    'invalid-input',
    'invalid-input',
    `${where} is invalid: ${error.issues.map((i) => `${[where, ...i.path].join('.')}: ${i.message}`).join('; ')}`,
    error.issues.map((issue) => ({
      path: [where, ...issue.path],
      code: issue.code,
      message: issue.message,
    })),
  );

export const forbidden = (message: string) => new DomainError('forbidden', 'forbidden', message);

export const notFound = (what: string, details: unknown[] = []) =>
  new DomainError('not-found', 'not-found', `${what} not found`, details);

export const conflict = (code: string, message: string, details: unknown[] = []) =>
  new DomainError('conflict', code, message, details);

export const unprocessable = (code: string, message: string, details: unknown[] = []) =>
  new DomainError('unprocessable', code, message, details);

/** Over a rate limit: `retryAfterSeconds` says when to come back (HTTP `Retry-After`). */
export const tooManyRequests = (code: string, message: string, retryAfterSeconds: number) =>
  new DomainError('too-many-requests', code, message, [{ retryAfterSeconds }]);

/** Broken rules from the rules engine: a conflict when one clashes with what is recorded. */
export const fromViolations = (violations: readonly Violation[]): DomainError => {
  const first = violations.find((v) => v.conflict) ?? violations[0];
  return new DomainError(
    violations.some((v) => v.conflict) ? 'conflict' : 'unprocessable',
    first?.rule ?? 'rule-violated',
    violations.map((v) => v.message).join('; '),
    violations.map(({ rule, message, path }) => ({ rule, message, ...(path ? { path } : {}) })),
  );
};
