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
