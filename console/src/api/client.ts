import { ApiError } from '../../../shared/http/errors.ts';
import { currentToken } from '../auth/session.ts';
import type { AnswerOf, BodyOf, ParamsOf, QueryOf, RouteKey } from './routes.ts';

/** One detail of a refusal (SPEC §8): a zod issue with its path, or a broken rule. */
export interface ErrorDetail {
  path?: (string | number)[];
  message?: string;
  rule?: string;
  [key: string]: unknown;
}

/**
 * A refusal as the API gave it (SPEC §8: status, code, message, details) is thrown as the
 * API's own class (shared/http/errors.ts): the console reads what the server wrote.
 */
export { ApiError };

/** Signals the app to show the sign-in page (no token, or it expired). */
export const SIGNED_OUT_EVENT = 'zx:signed-out';

/** A part the route declares is required; one it does not (undefined, or unknown) is not. */
type Part<Name extends string, T> = [T] extends [undefined]
  ? { [P in Name]?: undefined }
  : unknown extends T
    ? { [P in Name]?: undefined }
    : { [P in Name]: T };

/** What a call takes: the route's params and body when it has them, a query when it wants. */
export type CallInput<K extends RouteKey> = Part<'params', ParamsOf<K>> &
  Part<'body', BodyOf<K>> & { query?: QueryOf<K> };

const urlOf = (key: RouteKey, params: Record<string, unknown> = {}, query?: object): string => {
  const template = key.slice(key.indexOf(' ') + 1);
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name] ?? '')),
  );
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

const refusalOf = async (response: Response): Promise<ApiError> => {
  const answer = await response.json().catch(() => null);
  const error = answer?.error;
  if (response.status === 401) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  return new ApiError(
    response.status,
    error?.code ?? 'http',
    error?.message ?? `请求失败(HTTP ${response.status})`,
    Array.isArray(error?.details) ? error.details : [],
  );
};

const send = async (key: RouteKey, url: string, init: RequestInit): Promise<Response> => {
  const token = currentToken();
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  headers.set('accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(url, { ...init, method: key.slice(0, key.indexOf(' ')), headers });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器:请检查网络后重试(已填写的内容仍保留)');
  }
  if (!response.ok) throw await refusalOf(response);
  return response;
};

/** Calls one route, typed by its key from the endpoint declarations; a refusal throws. */
export const call = async <K extends RouteKey>(
  key: K,
  input: CallInput<K>,
): Promise<AnswerOf<K>> => {
  const { params, query, body } = input as { params?: object; query?: object; body?: unknown };
  const response = await send(key, urlOf(key, params as Record<string, unknown>, query), {
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return (response.status === 204 ? undefined : await response.json()) as AnswerOf<K>;
};

/** Sends a file as the body of a route that takes one (the roll as .xlsx or CSV). */
export const upload = async <K extends RouteKey>(
  key: K,
  input: { params: ParamsOf<K>; query?: QueryOf<K> },
  file: Blob,
  contentType: string,
): Promise<AnswerOf<K>> => {
  const url = urlOf(key, input.params as Record<string, unknown>, input.query as object);
  const response = await send(key, url, { body: file, headers: { 'content-type': contentType } });
  return (await response.json()) as AnswerOf<K>;
};

/** Fetches a route's binary answer (a template file) as a Blob. */
export const download = async <K extends RouteKey>(
  key: K,
  input: { params?: ParamsOf<K> },
): Promise<Blob> => {
  const response = await send(key, urlOf(key, (input.params ?? {}) as Record<string, unknown>), {});
  return response.blob();
};
