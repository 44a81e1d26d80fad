import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { LOCAL_ACCOUNT_ID, type LocalLambdaHandler, localRegion } from '../lambda-context.ts';
import { close, listen } from '../listen.ts';
import { type EngineOptions, StepFunctionsEngine } from './engine.ts';
import { SfnProtocolError } from './errors.ts';

export interface StepFunctionsLocalOptions extends EngineOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** State machines by ARN: ASL definitions as plain JSON objects. */
  stateMachines?: Record<string, unknown>;
  /** Lambda handlers by function name, for the Task states. */
  lambdaHandlers?: Record<string, LocalLambdaHandler>;
}

export interface StepFunctionsLocal {
  /** For `AWS_ENDPOINT_URL_SFN`. */
  endpoint: string;
  port: number;
  engine: StepFunctionsEngine;
  /** Stops answering and interpreting; RUNNING executions stay RUNNING on disk. */
  stop(): Promise<void>;
}

/** The ARN a state machine named `name` would have in the local account and region. */
export const localStateMachineArn = (name: string): string =>
  `arn:aws:states:${localRegion()}:${LOCAL_ACCOUNT_ID}:stateMachine:${name}`;

type Operation = (input: never) => unknown;

/**
 * A Step Functions endpoint (JSON protocol awsJson1_0: `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Operation>`) that unmodified `@aws-sdk/client-sfn`
 * code reaches through `AWS_ENDPOINT_URL_SFN`.
 */
export async function startStepFunctions(
  options: StepFunctionsLocalOptions = {},
): Promise<StepFunctionsLocal> {
  const engine = new StepFunctionsEngine(options);
  const operations: Record<string, Operation> = {
    StartExecution: (input) => engine.startExecution(input),
    DescribeExecution: (input) => engine.describeExecution(input),
    ListExecutions: (input) => engine.listExecutions(input),
    StopExecution: (input) => engine.stopExecution(input),
    SendTaskSuccess: (input) => engine.sendTaskSuccess(input),
    SendTaskFailure: (input) => engine.sendTaskFailure(input),
    SendTaskHeartbeat: (input) => engine.sendTaskHeartbeat(input),
    DescribeStateMachine: (input) => engine.describeStateMachine(input),
    ListStateMachines: () => engine.listStateMachines(),
  };

  const server = createServer((request, response) => {
    void answer(request, response, operations);
  });
  const port = await listen(server, options.port);

  // Listening first: a resumed execution may call this endpoint straight away.
  engine.registerLambdaHandlers(options.lambdaHandlers ?? {});
  for (const [arn, definition] of Object.entries(options.stateMachines ?? {})) {
    engine.registerStateMachine(arn, definition);
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    engine,
    async stop() {
      await close(server);
      await engine.shutdown();
    },
  };
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  operations: Record<string, Operation>,
): Promise<void> {
  let status = 200;
  let body: unknown;
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AWSStepFunctions.')
      ? operations[target.slice('AWSStepFunctions.'.length)]
      : undefined;
    if (request.method !== 'POST' || !operation) {
      throw new SfnProtocolError('UnknownOperationException', `Unknown operation '${target}'`);
    }
    let input: unknown;
    try {
      const text = await readBody(request);
      input = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new SfnProtocolError('SerializationException', 'Request body is not JSON');
    }
    body = operation(input as never);
  } catch (error) {
    // Protocol errors are the caller's (400); anything else is ours (500, the SDK retries).
    const type = error instanceof SfnProtocolError ? error.type : 'InternalFailure';
    status = error instanceof SfnProtocolError ? 400 : 500;
    body = { __type: type, message: error instanceof Error ? error.message : String(error) };
    response.setHeader('x-amzn-errortype', type);
  }
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': randomUUID(),
  });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
