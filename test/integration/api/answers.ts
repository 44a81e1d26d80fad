import { expect } from 'vitest';
import { apiGroups } from '../../../functions/api/index.ts';
import type { ApiAnswer } from '../../support/api.ts';

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

/** Asserts an answer is an HTML page (200) that says each of the texts. */
export const expectPage = (page: ApiAnswer, texts: readonly string[]): void => {
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  for (const text of texts) expect(page.text).toContain(text);
};
