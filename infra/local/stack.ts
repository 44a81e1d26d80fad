import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { STOPPED_STATUSES } from '../../shared/workflow/failed-execution.ts';
import { CONSOLE_DIST } from '../console-build.ts';
import { clockFromEnv, clockRoute, type VirtualClock } from './clock.ts';
import { consoleSite } from './console-site.ts';
import { type DynamoDbLocal, startDynamoDb } from './dynamodb-local.ts';
import { type HttpApi, type Route, startHttpApi } from './http-server.ts';
import { invokeLocalLambda, type LocalLambdaHandler } from './lambda-context.ts';
import { LOCAL_S3_KEY, type S3Local, startS3 } from './s3-local.ts';
import { type LocalSchedule, runSchedules } from './schedules.ts';
import { type SesLocal, startSes } from './ses-local.ts';
import { type StepFunctionsLocal, startStepFunctions } from './sfn/service.ts';

/** What the stack serves: see `app.ts`. */
export interface LocalApp {
  routes: readonly Route[];
  stateMachines: Record<string, unknown>;
  lambdaHandlers: Record<string, LocalLambdaHandler>;
  /** Runs before anything is served, e.g. to create the DynamoDB table CDK creates on AWS. */
  setup?: () => Promise<void>;
  /** Handlers EventBridge runs on a schedule on AWS; here a timer runs them (see schedules.ts). */
  schedules?: readonly LocalSchedule[];
  /** SES's bounces and complaints go here (EventBridge → functions/events/mail-feedback.ts). */
  mailFeedback?: LocalLambdaHandler;
  /**
   * What EventBridge runs for an execution of these state machines that ends FAILED,
   * TIMED_OUT or ABORTED (infra/workflow-events.ts); here the Step Functions service reports it.
   */
  executionStopped?: LocalLambdaHandler;
}

export interface LocalStackConfig {
  /** The HTTP API port on 127.0.0.1 (0: a free one). */
  port: number;
  /** Everything durable lives here: `dynamodb/`, `sfn/`, `ses/`, `s3/`, `clock.json` (virtual clock). */
  dataDir: string;
  /** Fixed ports for the stand-ins; free ones when omitted. */
  ports?: { dynamoDb?: number; ses?: number; stepFunctions?: number; s3?: number };
  /** Loads the app once the SDK environment is set (default: `./app.ts`). */
  loadApp?: () => Promise<LocalApp>;
  log?: (line: string) => void;
  /** The console's built files (default console/dist; `npm start` builds it when stale). */
  consoleDir?: string;
  /** Default `ZX_CLOCK` of the environment: 'virtual' fakes `Date` (see clock.ts); else real. */
  clock?: 'virtual' | 'real';
}

export interface LocalStack {
  url: string;
  dynamoDb: DynamoDbLocal;
  ses: SesLocal;
  stepFunctions: StepFunctionsLocal;
  /** The uploads bucket's S3 (`ZX_UPLOADS_BUCKET`, created before anything is served). */
  s3: S3Local;
  http: HttpApi;
  /** The virtual clock, when the stack runs on one (`ZX_CLOCK=virtual`). */
  clock?: VirtualClock;
  /** Stops the HTTP API, then Step Functions, SES, S3 and DynamoDB (Java gone when it resolves). */
  stop(): Promise<void>;
}

/** The uploads bucket's name locally, unless `ZX_UPLOADS_BUCKET` names another. */
export const LOCAL_UPLOADS_BUCKET = 'zx-uploads';

/**
 * Starts DynamoDB Local, SES, Step Functions and S3, points the AWS SDK at them through the
 * environment, then loads the app (so module-level SDK clients see the local endpoints),
 * registers its state machines (resuming their RUNNING executions) and serves its routes.
 */
export async function startLocalStack(config: LocalStackConfig): Promise<LocalStack> {
  // CloudWatch reads the functions' metrics from their logs on AWS; here they would be noise.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  // CDK names the bucket on AWS; here the stand-in creates it at start (s3-local.ts says why).
  process.env.ZX_UPLOADS_BUCKET ||= LOCAL_UPLOADS_BUCKET;
  const uploadsBucket = process.env.ZX_UPLOADS_BUCKET;
  const dataDir = resolve(config.dataDir);
  const started: Partial<Omit<LocalStack, 'url' | 'stop'>> = {};
  let schedules: { stop(): Promise<void> } | undefined;
  let clock: VirtualClock | undefined;
  // Front to back: no request or task may reach a store that is already gone.
  const stop = async () => {
    const { http, stepFunctions, ses, s3, dynamoDb } = started;
    for (const part of [schedules, http, stepFunctions, ses, s3, dynamoDb]) await part?.stop();
    clock?.uninstall();
  };
  try {
    clock = clockFromEnv(dataDir, { ZX_CLOCK: config.clock ?? process.env.ZX_CLOCK });
    // allSettled: if one fails, the others have finished starting and can be stopped.
    const starting = await Promise.allSettled([
      startDynamoDb({ port: config.ports?.dynamoDb, dataDir: `${dataDir}/dynamodb` }).then((it) => {
        started.dynamoDb = it;
      }),
      startSes({ port: config.ports?.ses, dataDir: `${dataDir}/ses` }).then((it) => {
        started.ses = it;
      }),
      startS3({ port: config.ports?.s3, dataDir: `${dataDir}/s3`, buckets: [uploadsBucket] }).then(
        (it) => {
          started.s3 = it;
        },
      ),
      startStepFunctions({
        port: config.ports?.stepFunctions,
        dataDir: `${dataDir}/sfn`,
        log: config.log,
        ...(clock ? { clock } : {}),
      }).then((it) => {
        started.stepFunctions = it;
      }),
    ]);
    for (const result of starting) if (result.status === 'rejected') throw result.reason;
    const { dynamoDb, ses, stepFunctions, s3 } = started as Required<typeof started>;
    // `Date` turns virtual once the stand-ins are up (their start-up waits in real time), before
    // the app loads and any execution resumes.
    clock?.install();
    pointSdkAt({
      dynamoDb: dynamoDb.endpoint,
      ses: ses.endpoint,
      sfn: stepFunctions.endpoint,
      s3: s3.endpoint,
    });

    const app = await (config.loadApp ?? (() => import('./app.ts')))();
    await app.setup?.();
    const { mailFeedback } = app;
    if (mailFeedback) {
      ses.onFeedback((event) => {
        const delivery = invokeLocalLambda(mailFeedback, 'zx-mail-feedback', event);
        return clock ? clock.track(delivery) : delivery;
      });
    }
    stepFunctions.engine.registerLambdaHandlers(app.lambdaHandlers);
    routeStoppedExecutions(stepFunctions, app, config.log, clock);
    for (const [arn, definition] of Object.entries(app.stateMachines)) {
      stepFunctions.engine.registerStateMachine(arn, definition);
    }
    const http = await startHttpApi({
      port: config.port,
      routes: app.routes,
      listMail: ses.listMail,
      localPages: [
        clockRoute(clock),
        // The console's pages post uploads straight to S3, another origin (CSP connect-src).
        consoleSite(config.consoleDir ?? CONSOLE_DIST, { connectOrigins: [s3.endpoint] }),
      ],
    });
    started.http = http;
    clock?.watch(() => http.inFlight() > 0);
    schedules = runSchedules(app.schedules ?? [], config.log, process.env, clock);
    return {
      url: http.url,
      dynamoDb,
      ses,
      stepFunctions,
      s3,
      http,
      ...(clock ? { clock } : {}),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * As the EventBridge rule on AWS: a stopped execution of one of the app's state machines is
 * handed to `executionStopped` as a "Step Functions Execution Status Change" event, with a
 * few retries like EventBridge's (the handler is idempotent).
 */
function routeStoppedExecutions(
  stepFunctions: StepFunctionsLocal,
  app: LocalApp,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  clock?: VirtualClock,
): void {
  const handler = app.executionStopped;
  if (!handler) return;
  const stopped: readonly string[] = STOPPED_STATUSES;
  stepFunctions.engine.onStatusChange((detail) => {
    if (!stopped.includes(detail.status) || !(detail.stateMachineArn in app.stateMachines)) return;
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      time: new Date().toISOString(),
      resources: [detail.executionArn],
      detail,
    };
    const delivery = (async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          await invokeLocalLambda(handler, 'zx-workflow-failed', event);
          return;
        } catch (error) {
          log(`[events] workflow-failed (attempt ${attempt}) for ${detail.name}: ${String(error)}`);
          await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
        }
      }
    })();
    void clock?.track(delivery);
  });
}

/** Every SDK client created from now on talks to the stand-ins, with dummy credentials. */
export function pointSdkAt(endpoints: {
  dynamoDb: string;
  ses: string;
  sfn: string;
  s3: string;
}): void {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoints.dynamoDb;
  process.env.AWS_ENDPOINT_URL_SES = endpoints.ses;
  process.env.AWS_ENDPOINT_URL_SESV2 = endpoints.ses;
  process.env.AWS_ENDPOINT_URL_SFN = endpoints.sfn;
  process.env.AWS_ENDPOINT_URL_S3 = endpoints.s3;
  process.env.AWS_REGION ??= 'us-east-1';
  // Never real credentials: nothing may reach AWS. The stand-ins accept anything but S3, which
  // checks signatures against this one key pair (s3-local.ts).
  process.env.AWS_ACCESS_KEY_ID = LOCAL_S3_KEY.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_S3_KEY.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}
