// Proves that unmodified @aws-sdk/client-sfn code drives the local Step Functions: Wait,
// Lambda tasks (with a Lambda-like context, Retry and Catch), `.waitForTaskToken` resumed by
// SendTaskSuccess / SendTaskFailure, TimeoutSeconds and HeartbeatSeconds raising a catchable
// States.Timeout, the protocol's errors as the SDK's exception classes, and loud refusals of
// what cannot run locally (delays past Node's timer limit, non-Lambda resources).
import {
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  localStateMachineArn,
  type StepFunctionsLocal,
  startStepFunctions,
} from '../../../infra/local/sfn/service.ts';
import { eventually, finished, sfnClient } from './helpers.ts';

const flowArn = localStateMachineArn('flow');
const retryArn = localStateMachineArn('retry');
const timeoutArn = localStateMachineArn('timeouts');
const heartbeatArn = localStateMachineArn('heartbeat');
const guardArn = localStateMachineArn('long-wait');

const lambda = (FunctionName: string, payload: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName, Payload: payload },
});
const awaitToken = (FunctionName: string, payload: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName, Payload: { 'token.$': '$$.Task.Token', ...payload } },
});

const stateMachines = {
  [flowArn]: {
    StartAt: 'Pause',
    States: {
      Pause: { Type: 'Wait', Seconds: 1, Next: 'Compute' },
      Compute: {
        ...lambda('compute', { 'a.$': '$.a', 'b.$': '$.b' }),
        ResultSelector: { 'sum.$': '$.Payload.sum', 'seenBy.$': '$.Payload.seenBy' },
        ResultPath: '$.computed',
        Next: 'Approve',
      },
      Approve: {
        // A function ARN, as CDK writes it, finds the handler registered by name.
        ...awaitToken('arn:aws:lambda:us-east-1:000000000000:function:request-approval', {
          'sum.$': '$.computed.sum',
        }),
        TimeoutSeconds: 30,
        ResultPath: '$.decision',
        Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.rejection', Next: 'Rejected' }],
        Next: 'Approved',
      },
      Approved: { Type: 'Succeed' },
      Rejected: { Type: 'Pass', End: true },
    },
  },
  [retryArn]: {
    StartAt: 'Flaky',
    States: {
      Flaky: {
        ...lambda('flaky', {}),
        Retry: [{ ErrorEquals: ['FlakyError'], IntervalSeconds: 1, MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'GaveUp' }],
        End: true,
      },
      GaveUp: { Type: 'Pass', End: true },
    },
  },
  [timeoutArn]: {
    StartAt: 'Choose',
    States: {
      Choose: {
        Type: 'Choice',
        Choices: [{ Variable: '$.kind', StringEquals: 'lambda', Next: 'SlowLambda' }],
        Default: 'NoAnswer',
      },
      NoAnswer: {
        ...awaitToken('park'),
        TimeoutSeconds: 1,
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'TimedOut' }],
        Next: 'Answered',
      },
      SlowLambda: {
        ...lambda('sleep', { 'ms.$': '$.sleepMs' }),
        // Read from the state input (as on AWS), not from the Parameters output.
        TimeoutSecondsPath: '$.limitSeconds',
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'TimedOut' }],
        Next: 'Answered',
      },
      Answered: { Type: 'Succeed' },
      TimedOut: { Type: 'Pass', End: true },
    },
  },
  [heartbeatArn]: {
    StartAt: 'Beating',
    States: {
      Beating: {
        ...awaitToken('park'),
        TimeoutSeconds: 20,
        HeartbeatSeconds: 2,
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Silent' }],
        End: true,
      },
      Silent: { Type: 'Pass', End: true },
    },
  },
  [guardArn]: {
    StartAt: 'Branch',
    States: {
      Branch: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Sleep',
            States: { Sleep: { Type: 'Wait', SecondsPath: '$.seconds', End: true } },
          },
        ],
        // Even States.ALL must not hide the refusal.
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  },
};

class FlakyError extends Error {
  override name = 'FlakyError';
}

const tokens = new Map<string, string>(); // approval tokens by `sum-<sum>`
const parked: string[] = []; // tokens nobody answers
let computeContext: Context | undefined;
let flakyCalls = 0;

const lambdaHandlers = {
  compute: async (event: { a: number; b: number }, context: Context) => {
    computeContext = context;
    return { sum: event.a + event.b, seenBy: context.functionName };
  },
  'request-approval': async (event: { token: string; sum: number }) => {
    tokens.set(`sum-${event.sum}`, event.token);
  },
  park: async (event: { token: string }) => {
    parked.push(event.token);
  },
  sleep: async (event: { ms: number }) => new Promise((done) => setTimeout(done, event.ms)),
  flaky: async () => {
    flakyCalls += 1;
    throw new FlakyError('the ballot box is jammed');
  },
};

let sfn: StepFunctionsLocal;
let client: ReturnType<typeof sfnClient>;

beforeAll(async () => {
  sfn = await startStepFunctions({ stateMachines, lambdaHandlers, log: () => {} });
  client = sfnClient(sfn.endpoint);
});
afterAll(async () => {
  client.destroy();
  await sfn.stop();
});

const start = async (stateMachineArn: string, input: unknown, name?: string) =>
  (
    await client.send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
    )
  ).executionArn as string;

describe('a Wait, a Lambda task and a waitForTaskToken task', () => {
  it('resumes on SendTaskSuccess with the token the task handed out', async () => {
    const startedAt = Date.now();
    const arn = await start(flowArn, { a: 2, b: 3 });
    const token = await eventually(() => tokens.get('sum-5'));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000); // the Wait waited
    await client.send(
      new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }),
    );

    const execution = await finished(client, arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output as string)).toEqual({
      a: 2,
      b: 3,
      computed: { sum: 5, seenBy: 'compute' },
      decision: { approved: true },
    });
    expect(computeContext?.functionName).toBe('compute');
    expect(computeContext?.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(computeContext?.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('routes SendTaskFailure to the Catch with its error and cause', async () => {
    const arn = await start(flowArn, { a: 10, b: 1 });
    const token = await eventually(() => tokens.get('sum-11'));
    await client.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'too few votes' }),
    );
    const execution = await finished(client, arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output as string).rejection).toEqual({
      Error: 'Rejected',
      Cause: 'too few votes',
    });
    // A used token is gone.
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
  });

  it('retries a throwing handler, then catches it as the Lambda error document', async () => {
    const arn = await start(retryArn, {});
    const execution = await finished(client, arn);
    expect(flakyCalls).toBe(2);
    const { error } = JSON.parse(execution.output as string);
    expect(error.Error).toBe('FlakyError');
    expect(JSON.parse(error.Cause)).toMatchObject({
      errorType: 'FlakyError',
      errorMessage: 'the ballot box is jammed',
    });
  });
});

describe('timeouts', () => {
  it('raises States.Timeout when no answer comes within TimeoutSeconds; the token then times out', async () => {
    const arn = await start(timeoutArn, { kind: 'token' });
    const execution = await finished(client, arn);
    expect(JSON.parse(execution.output as string).timeout).toEqual({
      Error: 'States.Timeout',
      Cause: 'States.Timeout',
    });
    const token = parked.at(-1) as string;
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('times a Lambda task out from TimeoutSecondsPath on the state input', async () => {
    const startedAt = Date.now();
    const arn = await start(timeoutArn, { kind: 'lambda', limitSeconds: 1, sleepMs: 5_000 });
    const execution = await finished(client, arn);
    expect(JSON.parse(execution.output as string).timeout.Error).toBe('States.Timeout');
    expect(Date.now() - startedAt).toBeLessThan(4_000);
  });

  it('keeps a task alive while heartbeats come, and times it out when they stop', async () => {
    const before = parked.length;
    const beating = await start(heartbeatArn, {}, 'beating');
    const token = await eventually(() => parked[before]);
    for (let i = 0; i < 3; i++) {
      await new Promise((done) => setTimeout(done, 700)); // 2.1 s in all, beating every 0.7 s
      await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    }
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '"alive"' }));
    expect((await finished(client, beating)).output).toBe('"alive"');

    const silent = await start(heartbeatArn, {}, 'silent');
    const execution = await finished(client, silent);
    const { timeout } = JSON.parse(execution.output as string);
    expect(timeout.Error).toBe('States.Timeout');
    expect(timeout.Cause).toMatch(/HeartbeatTimeout/);
  });
});

describe('the protocol', () => {
  it('answers with the SDK exception classes', async () => {
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toBeInstanceOf(InvalidToken);
    await expect(
      client.send(
        new SendTaskSuccessCommand({ taskToken: `zxtt1.${'A'.repeat(43)}`, output: '{}' }),
      ),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(
      client.send(
        new StopExecutionCommand({
          executionArn: `${flowArn.replace('stateMachine', 'execution')}:nope`,
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(start(localStateMachineArn('missing'), {})).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
  });

  it('treats a repeated StartExecution as the same one, and a clashing one as ExecutionAlreadyExists', async () => {
    const first = await start(flowArn, { a: 100, b: 0 }, 'election-42');
    expect(await start(flowArn, { a: 100, b: 0 }, 'election-42')).toBe(first);
    await expect(start(flowArn, { a: 1, b: 0 }, 'election-42')).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );

    const token = await eventually(() => tokens.get('sum-100'));
    await client.send(new StopExecutionCommand({ executionArn: first, error: 'Cancelled' }));
    const stopped = await finished(client, first);
    expect(stopped.status).toBe('ABORTED');
    expect(stopped.error).toBe('Cancelled');
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
    // Closed: the name cannot be used again.
    await expect(start(flowArn, { a: 100, b: 0 }, 'election-42')).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );

    const aborted = await client.send(
      new ListExecutionsCommand({ stateMachineArn: flowArn, statusFilter: 'ABORTED' }),
    );
    expect(aborted.executions?.map((e) => e.name)).toEqual(['election-42']);
    const machine = await client.send(
      new DescribeStateMachineCommand({ stateMachineArn: flowArn }),
    );
    expect(JSON.parse(machine.definition as string)).toEqual(stateMachines[flowArn]);
  });
});

describe('what cannot run locally is refused loudly', () => {
  it('refuses static delays over Node’s timer limit, and resources other than Lambda', () => {
    const wait = (Seconds: number) => ({
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds, End: true } },
    });
    expect(() =>
      sfn.engine.registerStateMachine(localStateMachineArn('w'), wait(30 * 86_400)),
    ).toThrow(/24\.8 days/);
    expect(() =>
      sfn.engine.registerStateMachine(localStateMachineArn('ddb'), {
        StartAt: 'Put',
        States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } },
      }),
    ).toThrow(/not supported locally/);
    sfn.engine.registerStateMachine(localStateMachineArn('w'), wait(21 * 86_400)); // fits
  });

  it('fails the execution (uncatchable States.Runtime) when a Wait path asks for too long', async () => {
    const tooLong = await start(guardArn, { seconds: 40 * 86_400 });
    const execution = await finished(client, tooLong);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.Runtime');
    expect(execution.cause).toMatch(/Wait 'Sleep'.*24\.8 days/);

    const short = await finished(client, await start(guardArn, { seconds: 0 }));
    expect(short.status).toBe('SUCCEEDED');
    expect(JSON.parse(short.output as string)).toEqual([{ seconds: 0 }]);
  });
});
