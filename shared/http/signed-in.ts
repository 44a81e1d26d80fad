import type { Principal } from './auth.ts';
import { unauthorized } from './errors.ts';

/** The caller of a protected route (the pipeline has verified the token; null only on public ones). */
export const signedIn = (principal: Principal | null): Principal => {
  if (!principal) throw unauthorized();
  return principal;
};
