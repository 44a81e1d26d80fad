import { SignJWT } from 'jose';

/** A person's view of the API: HTTP with a bearer token, nothing else. */

export interface Claims {
  sub: string;
  roles: string[];
  orgs: string[];
}

export const localToken = async (claims: Claims, secret: string, hours = 12): Promise<string> =>
  new SignJWT({ roles: claims.roles, orgs: claims.orgs })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(`${hours}h`)
    .sign(new TextEncoder().encode(secret));

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status}: ${JSON.stringify(body)}`);
    this.name = 'ApiFailure';
  }
}

export interface Api {
  call<T = unknown>(method: string, path: string, token?: string, body?: unknown): Promise<T>;
  page(path: string): Promise<string>;
}

export const apiAt = (baseUrl: string): Api => ({
  async call(method, path, token, body) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new ApiFailure(response.status, parsed, `${method} ${path}`);
    return parsed;
  },
  async page(path) {
    const response = await fetch(`${baseUrl}${path}`);
    if (!response.ok) throw new ApiFailure(response.status, await response.text(), `GET ${path}`);
    return response.text();
  },
});
