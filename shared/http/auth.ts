import { errors, jwtVerify } from 'jose';
import * as z from 'zod';
import { onAws } from '../deployment.ts';
import { Principal, Role } from '../principal.ts';
import { unauthorized } from './errors.ts';

// Who acts is the domain's (shared/principal.ts); the routes, infra and scripts read it here too.
export { Principal, Role, requireOrg, requireRole } from '../principal.ts';

/**
 * A verified token's claims as signed: role names the product does not know are dropped, not
 * refused — such a token is valid and holds no role, so every protected route answers 403
 * (SPEC §9), while one without a list of roles at all stays malformed (401).
 */
const TokenClaims = Principal.extend({
  roles: z
    .array(z.string())
    .transform((roles) => roles.filter((role): role is Role => Role.safeParse(role).success)),
});

const secret = (): Uint8Array => {
  const value = process.env.ZX_AUTH_SECRET;
  if (!value) throw new Error('ZX_AUTH_SECRET is not set');
  return new TextEncoder().encode(value);
};

/** The claims API Gateway's JWT authorizer verified, as payload 2.0 carries them. */
type AuthorizerEvent = {
  requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};

/**
 * A list claim as the authorizer passes it: API Gateway flattens a JSON array to the text
 * `[a b]`; a plain list (a unit test, or a future authorizer) is taken as it is.
 */
const listClaim = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map(String)
    : String(value)
        .replace(/^\[|\]$/g, '')
        .split(/[\s,]+/)
        .filter(Boolean);

/**
 * On AWS: the claims API Gateway's JWT authorizer verified (Cognito RS256, audience the app
 * client) — an ID token or an access token, both accepted, because the pre-token-generation
 * trigger (functions/auth) puts the same `roles` and `orgs` into both. Nothing here is read
 * from the request itself. A token without them (issued before the trigger ran) is a 401.
 */
export const fromAuthorizer = (event: AuthorizerEvent): Principal => {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) throw unauthorized('no verified token (the API Gateway authorizer passed none)');
  const tokenUse = claims.token_use;
  if (tokenUse !== 'id' && tokenUse !== 'access') {
    throw unauthorized('the token is neither an ID nor an access token');
  }
  if (claims.roles === undefined || claims.orgs === undefined) {
    throw unauthorized('the token lacks roles or orgs: sign in again');
  }
  const principal = TokenClaims.safeParse({
    sub: claims.sub,
    roles: listClaim(claims.roles),
    orgs: listClaim(claims.orgs),
  });
  if (!principal.success) throw unauthorized('the token lacks sub, roles or orgs');
  return principal.data;
};

/**
 * Who is asking, one way per environment (shared/deployment.ts): on AWS the authorizer's
 * verified claims only (a bearer token is never verified here: no secret exists there); locally
 * the HS256 bearer token only (claims in the event are never trusted: no authorizer ran).
 */
export const principalOf = async (
  event: AuthorizerEvent & { headers?: Record<string, string | undefined> },
): Promise<Principal> =>
  onAws() ? fromAuthorizer(event) : authenticate(event.headers?.authorization);

/**
 * Verifies `Authorization: Bearer <JWT>`: HS256 only (`alg: none` and every other algorithm
 * refused), `exp` required, 60 s of clock skew. Throws 401 on anything else.
 */
export const authenticate = async (authorization: string | undefined): Promise<Principal> => {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) throw unauthorized();
  try {
    const { payload } = await jwtVerify(match[1], secret(), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      clockTolerance: 60,
    });
    const claims = TokenClaims.safeParse(payload);
    if (!claims.success) throw unauthorized('the token lacks sub, roles or orgs');
    return claims.data;
  } catch (error) {
    if (error instanceof errors.JOSEError) throw unauthorized(`invalid token: ${error.code}`);
    throw error;
  }
};
