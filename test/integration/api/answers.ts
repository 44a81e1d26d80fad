import { expect } from 'vitest';
import { apiGroups } from '../../../functions/api/index.ts';

const endpoints = Object.values(apiGroups).flatMap((group) => group.endpoints);

/**
 * Asserts a real 2xx answer is of the response schema its endpoint declares (the one the
 * OpenAPI document shows), listing the issues when it is not.
 */
export const expectDeclaredAnswer = (routeKey: string, body: unknown): void => {
  const schema = endpoints.find((e) => `${e.method} ${e.path}` === routeKey)?.response;
  expect(schema, `${routeKey} declares a response schema`).toBeDefined();
  const parsed = schema?.safeParse(body);
  expect(parsed?.success ? [] : parsed?.error.issues, routeKey).toEqual([]);
};
