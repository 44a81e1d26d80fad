// Proves, on the synthesized stack (cdk-nag on, as `cdk synth` runs), issue 13's workflow
// points: every task retries Lambda's (and Step Functions') transient errors with backoff, a
// maximum delay and full jitter, for long enough; the workflow continues as new by starting
// itself; the Halt on error path has a Catch; and a rule sends the state machine's FAILED /
// TIMED_OUT / ABORTED status changes to the handler that halts the election.
import { describe, expect, it } from 'vitest';
import {
  TRANSIENT_LAMBDA_ERRORS,
  TRANSIENT_SFN_ERRORS,
} from '../../../workflows/election-workflow.ts';
import { type Json, useSynth } from '../../support/cdk-synth.ts';

const { stack, resources, idOf } = useSynth('workflow')();
const machineId = idOf(stack.workflow.stateMachine as never);

/** The ASL with every intrinsic replaced by a placeholder: only the structure is checked here. */
const definition = (() => {
  const parts = (
    (resources[machineId] as { Properties: Json }).Properties.DefinitionString as {
      'Fn::Join': [string, unknown[]];
    }
  )['Fn::Join'][1];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'X')).join('')) as {
    States: Record<string, Json>;
  };
})();
const tasks = Object.entries(definition.States).filter(([, s]) => s.Type === 'Task');
const retriersOf = (state: Json) => (state.Retry ?? []) as Json[];

/** The sum of a retrier's waits, each capped at MaxDelaySeconds (FULL jitter: a random share). */
const longestWait = (r: Json) => {
  let total = 0;
  for (let attempt = 0; attempt < (r.MaxAttempts as number); attempt++) {
    total += Math.min(
      (r.IntervalSeconds as number) * (r.BackoffRate as number) ** attempt,
      r.MaxDelaySeconds as number,
    );
  }
  return total;
};

describe('the election workflow on AWS', () => {
  it('has Lambda tasks, token tasks and the continuation among its tasks', () => {
    const resources = tasks.map(([, s]) => String(s.Resource));
    expect(resources.some((r) => r.endsWith(':lambda:invoke'))).toBe(true);
    expect(resources.some((r) => r.endsWith(':lambda:invoke.waitForTaskToken'))).toBe(true);
    expect(resources.filter((r) => r.endsWith(':states:startExecution'))).toHaveLength(1);
  });

  it('retries transient errors on every task first, with backoff, MaxDelaySeconds and FULL jitter, for minutes', () => {
    for (const [name, state] of tasks) {
      const transient = String(state.Resource).endsWith(':states:startExecution')
        ? TRANSIENT_SFN_ERRORS
        : TRANSIENT_LAMBDA_ERRORS;
      const retriers = retriersOf(state);
      const index = retriers.findIndex(
        (r) => JSON.stringify(r.ErrorEquals) === JSON.stringify(transient),
      );
      expect(index, name).toBeGreaterThanOrEqual(0);
      const retrier = retriers[index] as Json;
      expect(retrier, name).toMatchObject({
        JitterStrategy: 'FULL',
        MaxDelaySeconds: 60,
        BackoffRate: 2,
      });
      // ~16 min of capped waits (~8 min on average with full jitter): a 363-election batch on an
      // account of 10 concurrent functions drains its first tasks in about 5 min.
      expect(longestWait(retrier), name).toBeGreaterThanOrEqual(900);
      // Before any retrier that would match them too (States.TaskFailed, States.ALL).
      const wildcard = retriers.findIndex((r) =>
        (r.ErrorEquals as string[]).some((e) => e === 'States.TaskFailed' || e === 'States.ALL'),
      );
      if (wildcard >= 0) expect(index, name).toBeLessThan(wildcard);
      expect(
        transient.filter((e) => !(e.startsWith('Lambda.') || e.startsWith('StepFunctions.'))),
      ).toEqual([]);
    }
  });

  it('retries Lambda throttling explicitly (LambdaInvoke’s default retrier does not)', () => {
    expect(TRANSIENT_LAMBDA_ERRORS).toEqual(
      expect.arrayContaining([
        'Lambda.TooManyRequestsException',
        'Lambda.ServiceException',
        'Lambda.AWSLambdaException',
        'Lambda.SdkClientException',
      ]),
    );
    expect(TRANSIENT_SFN_ERRORS).toContain('StepFunctions.ThrottlingException');
  });

  it('continues as new by starting itself, named by the loop task, for the same election', () => {
    const [, state] =
      tasks.find(([, s]) => String(s.Resource).endsWith(':states:startExecution')) ?? [];
    expect(state?.Parameters).toEqual({
      'StateMachineArn.$': '$$.StateMachine.Id',
      'Name.$': '$.step.value.continueAs',
      Input: { 'electionId.$': '$.electionId' },
    });
    expect(state?.Next).toBe('Done');
    const catches = (state?.Catch ?? []) as Json[];
    expect(catches[0]).toMatchObject({
      ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'],
      Next: 'Done',
    });
    expect(catches.at(-1)).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'Halt on error' });
    // Both loops lead to it.
    const choices = Object.entries(definition.States).filter(
      ([name, s]) =>
        s.Type === 'Choice' &&
        JSON.stringify(s.Choices).includes('"Next":"Continue as new"') &&
        name,
    );
    expect(choices.length).toBeGreaterThanOrEqual(2);
  });

  it('catches a failing Halt on error in a Fail state, so the failure rule sees FAILED', () => {
    const halt = definition.States['Halt on error'] as Json;
    expect(halt.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.haltError', Next: 'Halt failed' },
    ]);
    expect(definition.States['Halt failed']).toMatchObject({ Type: 'Fail', Error: 'HaltFailed' });
  });

  it('sends FAILED, TIMED_OUT and ABORTED executions of the state machine to the halting handler', () => {
    const rules = Object.values(resources).filter(
      (r) =>
        r.Type === 'AWS::Events::Rule' &&
        JSON.stringify(r.Properties.EventPattern ?? null).includes('aws.states'),
    );
    expect(rules).toHaveLength(1);
    const handlerId = idOf(stack.workflowEvents.handler as never);
    expect(rules[0]?.Properties).toMatchObject({
      State: 'ENABLED',
      EventPattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: {
          status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
          stateMachineArn: [{ Ref: machineId }],
        },
      },
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [handlerId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21_600 },
          // What EventBridge still cannot deliver is kept, and alarmed on (infra/operations.ts).
          DeadLetterConfig: {
            Arn: { 'Fn::GetAtt': [idOf(stack.operations.failedEvents as never), 'Arn'] },
          },
        },
      ],
    });
    const handler = resources[handlerId];
    expect(JSON.stringify(handler?.Properties.Description)).toContain('halts');
    // EventBridge may invoke it; its code may list the state machine's executions.
    const permission = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::Lambda::Permission' &&
        JSON.stringify(r.Properties.FunctionName).includes(handlerId) &&
        r.Properties.Principal === 'events.amazonaws.com',
    );
    expect(permission).toBeDefined();
    const policies = Object.values(resources).filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties).includes('states:ListExecutions'),
    );
    expect(JSON.stringify(policies.map((p) => p.Properties.PolicyDocument))).toContain(
      JSON.stringify({ Ref: machineId }),
    );
  });
});
