/**
 * Where the code runs, as the deployment says: infra/stack.ts sets `ZX_DEPLOYMENT=aws` on every
 * function; the local stack and the tests set nothing. One way per environment follows from it:
 * on AWS the API trusts only the claims API Gateway's JWT authorizer verified and runs on real
 * days; locally it verifies HS256 tokens itself and lets a request shorten the day.
 */

/** On AWS: the stack said so, or (should the variable ever be lost) the Lambda runtime runs us. */
export const onAws = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.ZX_DEPLOYMENT === 'aws' || Boolean(env.AWS_LAMBDA_FUNCTION_NAME);

/**
 * Whether a request may set the day length (`dayLengthMs`) and `ZX_DAY_MS` counts: always
 * locally; on AWS only on a stack deployed with the test clock (`-c testClock=true` sets
 * `ZX_TEST_CLOCK=1`), so a production election can never run on minutes-long "days".
 */
export const testClockOn = (env: NodeJS.ProcessEnv = process.env): boolean =>
  !onAws(env) || env.ZX_TEST_CLOCK === '1';
