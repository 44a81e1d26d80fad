import type { Context } from 'aws-lambda';
import * as objectionDigests from './objection-digests.ts';
import * as sendNotices from './send-notices.ts';
import * as startWorkflows from './start-workflows.ts';

/**
 * The functions EventBridge runs on a schedule (entry `functions/scheduled/<name>.ts`): the
 * sweepers that finish what a request or task recorded but could not finish in its time.
 * CDK and the local stack both read this table.
 */
export const scheduledFunctions: Record<
  string,
  {
    SCHEDULE: { everyMinutes: number; timeoutSeconds: number };
    handler: (event: never, context: Context) => unknown;
  }
> = {
  'objection-digests': objectionDigests,
  'send-notices': sendNotices,
  'start-workflows': startWorkflows,
};
