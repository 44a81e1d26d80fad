// Prints a local HS256 bearer token for the API:
//   npm run token -- --role organizer [--role teller] [--sub id] [--org id|*] [--hours 12]
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import * as z from 'zod';
import { Role } from '../shared/http/auth.ts';

/** The secret infra/local/start.ts signs with when ZX_AUTH_SECRET is unset. */
export const LOCAL_DEV_SECRET = 'zx-local-dev-secret';

const TokenRequest = z.strictObject({
  roles: z.array(Role).min(1, { error: 'give at least one --role' }),
  sub: z.string().min(1),
  orgs: z.array(z.string().min(1)).min(1),
  hours: z
    .number()
    .positive()
    .max(24 * 366),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

/** The command line as a token request: several --role and --org allowed; --org defaults to `*`. */
export const parseTokenArgs = (argv: readonly string[]): TokenRequest => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string', default: 'local-user' },
      org: { type: 'string', multiple: true },
      hours: { type: 'string', default: '12' },
    },
    strict: true,
  });
  return TokenRequest.parse({
    roles: values.role ?? [],
    sub: values.sub,
    orgs: values.org?.length ? values.org : ['*'],
    hours: Number(values.hours),
  });
};

/** Signs the token the API verifies: HS256, `sub`, `roles`, `orgs`, `iat` and `exp`. */
export const signLocalToken = (
  request: TokenRequest,
  secret: string = process.env.ZX_AUTH_SECRET || LOCAL_DEV_SECRET,
  now: Date = new Date(),
): Promise<string> => {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ roles: request.roles, orgs: request.orgs })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + Math.round(request.hours * 3600))
    .sign(new TextEncoder().encode(secret));
};

const isMain = (): boolean => {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};

if (isMain()) {
  try {
    console.log(await signLocalToken(parseTokenArgs(process.argv.slice(2))));
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; ')
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`token: ${message}`);
    console.error(
      'usage: npm run token -- --role organizer [--role teller] [--sub id] [--org id|*] [--hours 12]',
    );
    process.exitCode = 1;
  }
}
