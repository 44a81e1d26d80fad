// Proves the local Step Functions service counts an execution's history the way AWS does (per
// state type) and enforces AWS's 25 000-event quota exactly: event 25 000 may be
// ExecutionSucceeded; anything else fails the execution with States.Runtime, past any Catch.
// Also: the states:startExecution integration, and the status changes the local stack turns
// into EventBridge events.
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ExecutionStatusChange,
  StepFunctionsEngine,
} from '../../../../../infra/local/sfn/engine.ts';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:history-test';
let engine: StepFunctionsEngine | undefined;
afterEach(async () => {
  await engine?.shutdown();
  engine = undefined;
});

const start = (definition: unknown, input: unknown = {}, name?: string) => {
  engine ??= new StepFunctionsEngine({ log: () => {} });
  engine.registerStateMachine(ARN, definition);
  return engine.startExecution({ stateMachineArn: ARN, input: JSON.stringify(input), name })
    .executionArn as string;
};

const ended = async (executionArn: string) => {
  for (;;) {
    const execution = engine?.describeExecution({ executionArn }) as Record<string, unknown>;
    if (execution.status !== 'RUNNING') return execution;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** A counter loop: Count (Pass, 2 events) → More? (Choice, 2) per turn; then Done (Succeed, 2). */
const loop = (turns: number) => ({
  StartAt: 'Count',
  States: {
    Count: {
      Type: 'Pass',
      Parameters: { 'n.$': 'States.MathAdd($.n, 1)' },
      Next: 'More?',
    },
    'More?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericLessThan: turns, Next: 'Count' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
});

describe('the history quota of the local Step Functions service', () => {
  it('lets an execution whose event 25 000 is ExecutionSucceeded succeed', async () => {
    // ExecutionStarted + 4 per turn + SucceedStateEntered/Exited + ExecutionSucceeded.
    const arn = start(loop(6249), { n: 0 });
    const execution = await ended(arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(engine?.historyEventCount(arn)).toBe(1 + 4 * 6249 + 2 + 1);
    expect(engine?.historyEventCount(arn)).toBe(25_000);
  }, 120_000);

  it('fails a runaway loop at event 25 000 with States.Runtime, as AWS does', async () => {
    const arn = start(loop(Number.MAX_SAFE_INTEGER), { n: 0 });
    const execution = await ended(arn);
    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The execution reached the maximum number of history events (25000).',
      historyEventCount: 25_000,
    });
  }, 120_000);

  it('counts Task states as AWS does: entered, scheduled, started, failed, retried, succeeded, exited', async () => {
    let calls = 0;
    engine = new StepFunctionsEngine({ log: () => {} });
    engine.registerLambdaHandlers({
      flaky: async () => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('busy'), { name: 'Busy' });
        return { ok: true };
      },
    });
    const arn = start({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'flaky', Payload: {} },
          Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1, MaxAttempts: 2 }],
          Next: 'Wait',
        },
        Wait: { Type: 'Wait', Seconds: 0, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    });
    expect((await ended(arn)).status).toBe('SUCCEEDED');
    // ExecutionStarted 1; Task: Entered+Scheduled+Started 3, Failed 1, Scheduled+Started 2,
    // Succeeded+Exited 2; Wait 2; Succeed 2; ExecutionSucceeded 1.
    expect(engine.historyEventCount(arn)).toBe(1 + 3 + 1 + 2 + 2 + 2 + 2 + 1);
  });

  it('honours a lower quota given in the options (for tests of long calendars)', async () => {
    engine = new StepFunctionsEngine({ log: () => {}, historyLimit: 50 });
    const arn = start(loop(1000), { n: 0 });
    expect(await ended(arn)).toMatchObject({
      status: 'FAILED',
      cause: 'The execution reached the maximum number of history events (50).',
    });
  });
});

describe('the states:startExecution integration and status changes', () => {
  it('starts an execution, idempotently under the same name, and reports each status change', async () => {
    engine = new StepFunctionsEngine({ log: () => {} });
    const changes: ExecutionStatusChange[] = [];
    engine.onStatusChange((change) => changes.push(change));
    const child = {
      StartAt: 'Fail',
      States: { Fail: { Type: 'Fail', Error: 'Boom', Cause: 'child failed' } },
    };
    const startChild = {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution',
      Parameters: {
        'StateMachineArn.$': '$$.StateMachine.Id',
        Name: 'the-child',
        Input: { child: true },
      },
    };
    const parent = {
      StartAt: 'Start',
      States: {
        Start: { ...startChild, ResultPath: '$.started', Next: 'Again' },
        Again: {
          ...startChild,
          ResultPath: null,
          Catch: [
            {
              ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'],
              ResultPath: '$.again',
              Next: 'Done',
            },
          ],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    const definition = {
      StartAt: 'Which',
      States: {
        Which: {
          Type: 'Choice',
          Choices: [{ Variable: '$.child', IsPresent: true, Next: 'Child' }],
          Default: 'Parent',
        },
        Child: { Type: 'Parallel', Branches: [child], Next: 'Ok' },
        Parent: { Type: 'Parallel', Branches: [parent], Next: 'Ok' },
        Ok: { Type: 'Succeed' },
      },
    };
    const arn = start(definition, {}, 'the-parent');
    const parentEnd = await ended(arn);
    expect(parentEnd.status).toBe('SUCCEEDED');
    const childArn = `${ARN.replace(':stateMachine:', ':execution:')}:the-child`;
    const childEnd = await ended(childArn);
    expect(childEnd).toMatchObject({ status: 'FAILED', error: 'Boom', input: '{"child":true}' });
    const output = JSON.parse(String(parentEnd.output))[0];
    expect(output.started).toMatchObject({ ExecutionArn: childArn });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(changes.map((c) => `${c.name} ${c.status}`).sort()).toEqual(
      [
        'the-child FAILED',
        'the-child RUNNING',
        'the-parent RUNNING',
        'the-parent SUCCEEDED',
      ].sort(),
    );
    expect(changes.find((c) => c.status === 'FAILED')).toMatchObject({
      executionArn: childArn,
      stateMachineArn: ARN,
      error: 'Boom',
      cause: 'child failed',
    });
  });
});
