import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** Where the local stand-ins pretend to live: any region works, the account is a dummy. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const localRegion = (): string => process.env.AWS_REGION ?? 'us-east-1';

/** A handler as the local stack calls it: Node 24 Lambda style, async, no callback. */
export type LocalLambdaHandler = (event: never, context: Context) => unknown;

/** What the Lambda runtime would hand a function: enough for middy, Powertools and logging. */
export function createLambdaContext(functionName: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = () => {
    throw new Error('callback-style Lambda context methods are not supported (Node 24 runtime)');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${localRegion()}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** Calls a handler the way the Lambda runtime does: awaits whatever it returns. */
export async function invokeLocalLambda(
  handler: LocalLambdaHandler,
  functionName: string,
  event: unknown,
  timeoutMs?: number,
): Promise<unknown> {
  return await handler(event as never, createLambdaContext(functionName, timeoutMs));
}
