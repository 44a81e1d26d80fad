import type { Principal } from '../http/auth.ts';
import { unauthorized } from '../http/errors.ts';

/** The caller of a protected route (the pipeline has verified the token; null only on public ones). */
export const signedIn = (principal: Principal | null): Principal => {
  if (!principal) throw unauthorized();
  return principal;
};
