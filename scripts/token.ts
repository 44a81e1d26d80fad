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

/** How long a local token lasts: up to a year. */
export const TokenHours = z
  .number()
  .positive()
  .max(24 * 366);

const TokenRequest = z.strictObject({
  roles: z.array(Role).min(1, { error: 'give at least one --role' }),
  sub: z.string().min(1),
  orgs: z.array(z.string().min(1)).min(1),
  hours: TokenHours,
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

/** Whether the module at `moduleUrl` is the script node was started with (`tsx scripts/x.ts`). */
const isMain = (moduleUrl: string): boolean => {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
};

/**
 * Runs a script's `main` when the module is the one started: prints its lines, or the error
 * (zod issues by path) with the usage, and exits 1. The scripts token.ts and admin.ts share it.
 */
export const runScript = async (
  moduleUrl: string,
  name: string,
  usage: string,
  main: (argv: string[]) => Promise<string[]>,
): Promise<void> => {
  if (!isMain(moduleUrl)) return;
  try {
    for (const line of await main(process.argv.slice(2))) console.log(line);
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; ')
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`${name}: ${message}`);
    console.error(`usage: ${usage}`);
    process.exitCode = 1;
  }
};

await runScript(
  import.meta.url,
  'token',
  'npm run token -- --role organizer [--role teller] [--sub id] [--org id|*] [--hours 12]',
  async (argv) => [await signLocalToken(parseTokenArgs(argv))],
);
