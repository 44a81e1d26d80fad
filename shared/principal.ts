import * as z from 'zod';
import { forbidden } from './errors.ts';

/**
 * Who acts: the roles and organizations a verified token grants. The use cases check them
 * without knowing HTTP; `shared/http/auth.ts` reads them from the token.
 */

export const Role = z.enum(['organizer', 'teller', 'scrutineer', 'approver', 'member']);
export type Role = z.infer<typeof Role>;

/** The claims every token carries (SPEC §8): who, in which roles, for which organizations. */
export const Principal = z.object({
  sub: z.string().min(1),
  roles: z.array(Role),
  /** Organization ids the token may act on; `*` for all. */
  orgs: z.array(z.string().min(1)),
});
export type Principal = z.infer<typeof Principal>;

/**
 * An organization grant: `*` (all) or an organization id — no `#`, `/` or spaces (as ids are),
 * and no comma, which separates the grants in Cognito's `custom:orgs`.
 */
export const OrgGrant = z
  .string()
  .max(64)
  .regex(/^(\*|[^#/\s,]+)$/u, { error: 'an organization id has no #, /, comma or spaces' });

/** On AWS a user's organizations are the admin-only attribute `custom:orgs`, comma-separated. */
export const ORGS_ATTRIBUTE = 'custom:orgs';
export const orgsOfAttribute = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((org) => org.trim())
    .filter(Boolean);
export const orgsAttribute = (orgs: readonly string[]): string => [...new Set(orgs)].join(',');

/**
 * The claims the API reads (`roles`, `orgs`, as in a local token) for a Cognito user: the groups
 * that are roles of the product, and the organizations of `custom:orgs`. The pre-token-generation
 * trigger (functions/auth) writes them into both the ID and the access token.
 */
export const claimsOfCognitoUser = (
  groups: readonly string[],
  orgs: string | undefined,
): Pick<Principal, 'roles' | 'orgs'> => ({
  roles: groups.filter((group): group is Role => Role.safeParse(group).success),
  orgs: orgsOfAttribute(orgs),
});

/** Forbidden (403) unless the principal holds one of the roles. */
export const requireRole = (principal: Principal, roles: readonly Role[]): void => {
  if (!principal.roles.some((role) => roles.includes(role))) {
    throw forbidden(`this needs one of the roles ${roles.join(', ')}`);
  }
};

/** Forbidden (403) unless the token may act on the organization. */
export const requireOrg = (principal: Principal, orgId: string): void => {
  if (!principal.orgs.includes('*') && !principal.orgs.includes(orgId)) {
    throw forbidden(`this token may not act on organization ${orgId}`);
  }
};
