import { SignJWT } from 'jose';
import { localRoutes } from '../../functions/api/index.ts';
import { startHttpApi } from '../../infra/local/http-server.ts';
import type { Role } from '../../shared/http/auth.ts';

/** Test support: local tokens, and the API served from its real handlers on 127.0.0.1. */

export const TEST_SECRET = 'zx-test-secret-0123456789abcdef';

export const signToken = async (
  claims: { sub: string; roles: Role[]; orgs: string[] },
  { secret = process.env.ZX_AUTH_SECRET ?? TEST_SECRET, expiresIn = '1h' } = {},
): Promise<string> =>
  new SignJWT({ roles: claims.roles, orgs: claims.orgs })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));

export interface ApiAnswer {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request to the API at `url`: a JSON body sent as JSON, the answer's body parsed if it is. */
export const callApi = async (
  url: string,
  method: string,
  path: string,
  { token, body, headers = {} }: CallOptions = {},
): Promise<ApiAnswer> => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined || typeof body === 'string'
        ? {}
        : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, body: parsed, text, headers: response.headers };
};

export interface TestApi {
  url: string;
  call(method: string, path: string, options?: CallOptions): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

/** Serves every route group on a free port (the store must already point at a table). */
export const startTestApi = async (): Promise<TestApi> => {
  process.env.ZX_AUTH_SECRET ??= TEST_SECRET;
  // As every deployment has one (a test that posts files starts the S3 stand-in with it).
  process.env.ZX_UPLOADS_BUCKET ||= 'zx-test-uploads';
  const api = await startHttpApi({ port: 0, routes: localRoutes() });
  return {
    url: api.url,
    stop: () => api.stop(),
    call: (method, path, options) => callApi(api.url, method, path, options),
  };
};
