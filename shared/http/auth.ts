import { errors, jwtVerify } from 'jose';
import * as z from 'zod';
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

/**
 * Claims API Gateway's JWT authorizer has already verified (on AWS: Cognito tokens, RS256).
 * Roles are the user's Cognito groups; organizations the admin-only attribute `custom:orgs`
 * (comma-separated). Locally no authorizer runs, so these never appear and cannot be forged.
 */
const fromAuthorizer = (claims: Record<string, unknown>): Principal => {
  const list = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.map(String)
      : String(value ?? '')
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean);
  const principal = TokenClaims.safeParse({
    sub: claims.sub,
    roles: list(claims['cognito:groups']),
    orgs: list(claims['custom:orgs']),
  });
  if (!principal.success) throw unauthorized('the token lacks sub, roles or orgs');
  return principal.data;
};

/** Who is asking: the authorizer's verified claims on AWS, else the bearer token verified here. */
export const principalOf = async (event: {
  headers?: Record<string, string | undefined>;
  requestContext?: unknown;
}): Promise<Principal> => {
  const claims = (
    event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }
  )?.authorizer?.jwt?.claims;
  return claims ? fromAuthorizer(claims) : authenticate(event.headers?.authorization);
};

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
