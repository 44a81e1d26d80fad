import type { UserManager } from 'oidc-client-ts';
import { type ConsoleConfig, consoleConfig } from '../config.ts';

/**
 * Who is signed in: the bearer token the API takes, and its claims for the page to show. The
 * token lives in sessionStorage (gone with the tab; never in a cookie the API would trust).
 * Locally a token comes from the local adapter's sign-in (`POST /local/token`, which exists only
 * there); on AWS from Cognito's managed login, authorization code + PKCE (oidc-client-ts).
 */

const TOKEN_KEY = 'zx.console.token';

export interface Claims {
  sub: string;
  roles: string[];
  orgs: string[];
  name?: string;
  exp?: number;
}

const decodeClaims = (token: string): Claims | null => {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))),
    );
    const list = (value: unknown) =>
      Array.isArray(value)
        ? value.map(String)
        : typeof value === 'string'
          ? value.split(/[\s,]+/)
          : [];
    return {
      sub: String(claims.sub),
      roles: list(claims.roles),
      orgs: list(claims.orgs),
      name: claims.name ?? claims.email ?? claims['cognito:username'],
      exp: claims.exp,
    };
  } catch {
    return null;
  }
};

export const currentToken = (): string | null => {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const claims = token ? decodeClaims(token) : null;
  if (!token || !claims || (claims.exp !== undefined && claims.exp * 1000 < Date.now())) {
    return null;
  }
  return token;
};

export const currentClaims = (): Claims | null => {
  const token = currentToken();
  return token ? decodeClaims(token) : null;
};

export const keepToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);

let manager: Promise<UserManager> | undefined;

/** Cognito's OIDC client, loaded only where Cognito signs people in. */
const cognito = (auth: Extract<ConsoleConfig['auth'], { kind: 'cognito' }>) => {
  manager ??= import('oidc-client-ts').then(
    ({ UserManager, WebStorageStateStore }) =>
      new UserManager({
        authority: auth.authority,
        client_id: auth.clientId,
        redirect_uri: `${window.location.origin}${auth.redirectPath}`,
        response_type: 'code',
        scope: 'openid email profile',
        userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      }),
  );
  return manager;
};

/** Starts signing in: Cognito's page on AWS; locally the console's own sign-in page. */
export const startSignIn = async (returnTo: string): Promise<'local' | 'redirected'> => {
  const { auth } = await consoleConfig();
  if (auth.kind === 'local') return 'local';
  await (await cognito(auth)).signinRedirect({ state: returnTo });
  return 'redirected';
};

/** Completes Cognito's redirect (`/console/callback`): keeps the access token, says where to go. */
export const finishSignIn = async (): Promise<string> => {
  const { auth } = await consoleConfig();
  if (auth.kind !== 'cognito') return '/';
  const user = await (await cognito(auth)).signinRedirectCallback();
  keepToken(user.access_token);
  return typeof user.state === 'string' ? user.state : '/';
};

/** A local token for the chosen roles and organizations (the local adapter signs it). */
export const signInLocally = async (request: {
  sub: string;
  roles: string[];
  orgs: string[];
}): Promise<void> => {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer?.error?.message ?? `HTTP ${response.status}`);
  keepToken(answer.token);
};

export const signOut = async (): Promise<void> => {
  sessionStorage.removeItem(TOKEN_KEY);
  const { auth } = await consoleConfig();
  if (auth.kind === 'cognito') {
    await (await cognito(auth)).removeUser();
    if (auth.logoutUrl) window.location.assign(auth.logoutUrl);
  }
};
