import { Duration, Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  CustomState,
  DefinitionBody,
  Errors,
  Fail,
  type IChainable,
  type INextable,
  IntegrationPattern,
  JitterType,
  JsonPath,
  LogLevel,
  type RetryProps,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  type TaskStateBase,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { STAGES, type Stage } from '../shared/rules/stages.ts';
import { CONTINUE_AS_NEW_ERRORS } from '../shared/workflow/continuation.ts';

/** The Lambda task handlers the workflow invokes (entry `functions/tasks/<name>.ts`, export `handler`). */
export const WORKFLOW_TASKS = [
  'load-election',
  'begin-stage',
  'check-deadline',
  'close-stage',
  'await-people',
  'await-deadline',
  'remind',
  'request-approval',
  'expire-approval',
  'advance-stage',
  'halt',
] as const;
export type WorkflowTask = (typeof WORKFLOW_TASKS)[number];

/**
 * Lambda's own transient errors: throttling (the account's concurrency is exhausted, e.g. a
 * batch of 363 elections starting at once) and service faults. Retried on every task, the
 * token tasks included, before the task's own errors (States.TaskFailed would match them too).
 */
export const TRANSIENT_LAMBDA_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
];

/** Step Functions' own transient errors, for the startExecution of a continuation. */
export const TRANSIENT_SFN_ERRORS = [
  'StepFunctions.ThrottlingException',
  'StepFunctions.SdkClientException',
  'StepFunctions.AWSStepFunctionsException',
];

/**
 * How long a throttled task waits before it gives up (and halts the election): 2 s doubling up
 * to 60 s, 20 attempts — at most 2+4+…+32 + 15×60 = 962 s; with FULL jitter each wait is
 * uniform in [0, cap], so ~8 min on average, and under 4 min with a probability below 0.1 %
 * (workflows/README.md: the 363-election batch).
 */
export const TRANSIENT_RETRY: RetryProps = {
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxDelay: Duration.seconds(60),
  maxAttempts: 20,
  jitterStrategy: JitterType.FULL,
};

/** A task's own failure (a bug, a conflict that persists): a few quick tries, then halt. */
export const TASK_RETRY: RetryProps = {
  errors: [Errors.TASKS_FAILED, Errors.TIMEOUT],
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxAttempts: 3,
};

export interface ElectionWorkflowProps {
  functions: Record<WorkflowTask, IFunction>;
}

/**
 * The election state machine (Standard); its design is in workflows/README.md. Input
 * `{electionId}`: the entry reads the election's stage and routes to that stage's fragment, so
 * a run started again after a crash continues where the election is. Every stage is a named
 * fragment of the same shape; which stages run, in which order, is the preset's data
 * (`advance-stage` reads `rules.stages`). No rule is decided here: the tasks decide.
 */
export class ElectionWorkflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ElectionWorkflowProps) {
    super(scope, id);
    const { functions } = props;

    const task = (
      name: string,
      fn: WorkflowTask,
      payload: Record<string, unknown>,
      resultPath: string | typeof JsonPath.DISCARD,
    ) =>
      new LambdaInvoke(this, name, {
        lambdaFunction: functions[fn],
        payload: TaskInput.fromObject({
          electionId: JsonPath.stringAt('$.electionId'),
          ...payload,
        }),
        resultSelector: { 'value.$': '$.Payload' },
        resultPath,
        // Lambda's transient errors get TRANSIENT_RETRY (LambdaInvoke's default retrier
        // misses throttling and has no jitter).
        retryOnServiceExceptions: false,
        taskTimeout: Timeout.duration(Duration.minutes(5)),
      })
        .addRetry({ ...TRANSIENT_RETRY, errors: TRANSIENT_LAMBDA_ERRORS })
        .addRetry(TASK_RETRY);

    const waitForPeople = (
      name: string,
      fn: WorkflowTask,
      payload: Record<string, unknown>,
      timeoutPath: string,
    ) =>
      new LambdaInvoke(this, name, {
        lambdaFunction: functions[fn],
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({
          electionId: JsonPath.stringAt('$.electionId'),
          token: JsonPath.taskToken,
          ...payload,
        }),
        resultPath: JsonPath.DISCARD,
        retryOnServiceExceptions: false,
        // Never unbounded: a reminder (or a fresh approval link) when nobody acts in time.
        taskTimeout: Timeout.at(timeoutPath),
        // Only Lambda's transient errors: a retry invokes the function again, which stores a
        // new token (the old one is dropped with the failed attempt).
      }).addRetry({ ...TRANSIENT_RETRY, errors: TRANSIENT_LAMBDA_ERRORS });

    const done = new Succeed(this, 'Done');
    const haltOnError = task(
      'Halt on error',
      'halt',
      { error: JsonPath.objectAt('$.error') },
      JsonPath.DISCARD,
    );
    // Not even the halt worked: the execution fails visibly, and the failure rule
    // (infra/workflow-events.ts) halts the election and tells the organizers.
    haltOnError.addCatch(
      new Fail(this, 'Halt failed', {
        error: 'HaltFailed',
        causePath: '$.haltError.Cause',
      }),
      { errors: [Errors.ALL], resultPath: '$.haltError' },
    );
    haltOnError.next(done);
    const guarded = <T extends TaskStateBase>(state: T): T => {
      state.addCatch(haltOnError, { errors: [Errors.ALL], resultPath: '$.error' });
      return state;
    };

    // Every result the next states read goes to `$.step`: Load, Advance, check deadline and
    // close answer `steps` (this execution's loop count, see shared/workflow/continuation.ts)
    // and the next of them passes it on; the loops answer `continueAs` when it is time.
    const steps = JsonPath.numberAt('$.step.value.steps');
    const load = guarded(task('Load election', 'load-election', {}, '$.step'));
    const route = new Choice(this, 'Route to the stage');
    const advance = guarded(
      task(
        'Advance',
        'advance-stage',
        { stage: JsonPath.stringAt('$.step.value.stage'), steps },
        '$.step',
      ),
    );
    advance.next(route);
    const halt = guarded(
      task('Halt', 'halt', { reason: JsonPath.stringAt('$.step.value.reason') }, JsonPath.DISCARD),
    ).next(done);

    // Continue-as-new: a fresh execution for the same election (Load → Route finds its stage),
    // under the name the loop task chose (deterministic: a retried start is the same request),
    // then this one ends. The state machine names itself through the context object (its ARN
    // in its own definition would be circular).
    const continueAsNew = new CustomState(this, 'Continue as new', {
      stateJson: {
        Type: 'Task',
        Resource: `arn:${Stack.of(this).partition}:states:::states:startExecution`,
        Parameters: {
          'StateMachineArn.$': '$$.StateMachine.Id',
          'Name.$': '$.step.value.continueAs',
          Input: { 'electionId.$': '$.electionId' },
        },
        ResultPath: null,
      },
    })
      // Already started, and already ended: the continuation ran; nothing to do.
      .addRetry({ errors: CONTINUE_AS_NEW_ERRORS.alreadyStarted, maxAttempts: 0 })
      .addRetry({ ...TRANSIENT_RETRY, errors: TRANSIENT_SFN_ERRORS })
      .addRetry(TASK_RETRY)
      .addCatch(done, {
        errors: CONTINUE_AS_NEW_ERRORS.alreadyStarted,
        resultPath: JsonPath.DISCARD,
      })
      .addCatch(haltOnError, { errors: [Errors.ALL], resultPath: '$.error' });
    continueAsNew.next(done);
    const loopPayload = {
      steps,
      execution: JsonPath.stringAt('$$.Execution.Name'),
      startedAt: JsonPath.stringAt('$$.Execution.StartTime'),
    };

    const fragment = (stage: Stage): IChainable => {
      const payload = { stage };
      const begin = guarded(task(`${stage}: begin`, 'begin-stage', payload, JsonPath.DISCARD));
      const checkDeadline = guarded(
        task(
          `${stage}: check deadline`,
          'check-deadline',
          { ...payload, ...loopPayload },
          '$.step',
        ),
      );
      // Long waits end at the deadline or when an organizer moves it (the API releases the
      // token); the last seconds, an exact timer.
      const awaitDeadline = waitForPeople(
        `${stage}: wait for the deadline or a move`,
        'await-deadline',
        { ...payload, deadline: JsonPath.stringAt('$.step.value.deadline') },
        '$.step.value.timeoutSeconds',
      );
      const wait = new Wait(this, `${stage}: wait for the deadline`, {
        time: WaitTime.timestampPath('$.step.value.waitUntil'),
      });
      const close = guarded(
        task(`${stage}: close`, 'close-stage', { ...payload, ...loopPayload }, '$.step'),
      );
      const reason = JsonPath.stringAt('$.step.value.reason');
      const awaitPeople = waitForPeople(
        `${stage}: wait for people`,
        'await-people',
        { ...payload, reason },
        '$.step.value.remindAfterSeconds',
      );
      const remind = guarded(
        task(`${stage}: remind`, 'remind', { ...payload, reason }, JsonPath.DISCARD),
      );
      const requestApproval = waitForPeople(
        `${stage}: wait for the superior`,
        'request-approval',
        payload,
        '$.step.value.approvalTimeoutSeconds',
      );
      const approvalExpired = guarded(
        task(`${stage}: approval expired`, 'expire-approval', payload, JsonPath.DISCARD),
      );

      awaitDeadline.addCatch(checkDeadline, {
        errors: [Errors.TIMEOUT],
        resultPath: JsonPath.DISCARD,
      });
      awaitDeadline.addCatch(haltOnError, { errors: [Errors.ALL], resultPath: '$.error' });
      awaitPeople.addCatch(remind, { errors: [Errors.TIMEOUT], resultPath: JsonPath.DISCARD });
      awaitPeople.addCatch(haltOnError, { errors: [Errors.ALL], resultPath: '$.error' });
      requestApproval.addCatch(approvalExpired, {
        errors: [Errors.TIMEOUT],
        resultPath: JsonPath.DISCARD,
      });
      requestApproval.addCatch(haltOnError, { errors: [Errors.ALL], resultPath: '$.error' });

      const next = (state: INextable, target: IChainable) => state.next(target);
      next(begin, checkDeadline);
      next(
        checkDeadline,
        new Choice(this, `${stage}: deadline passed?`)
          .when(Condition.isString('$.step.value.continueAs'), continueAsNew)
          .when(Condition.booleanEquals('$.step.value.passed', true), close)
          .when(Condition.booleanEquals('$.step.value.wakeable', true), awaitDeadline)
          .otherwise(wait),
      );
      next(awaitDeadline, checkDeadline);
      next(wait, checkDeadline);
      next(
        close,
        new Choice(this, `${stage}: outcome`)
          .when(Condition.isString('$.step.value.continueAs'), continueAsNew)
          .when(Condition.stringEquals('$.step.value.outcome', 'advance'), advance)
          .when(Condition.stringEquals('$.step.value.outcome', 'await'), awaitPeople)
          .when(Condition.stringEquals('$.step.value.outcome', 'approval'), requestApproval)
          .otherwise(halt),
      );
      next(awaitPeople, close);
      next(remind, close);
      next(requestApproval, close);
      next(approvalExpired, close);
      return begin;
    };

    for (const stage of STAGES) {
      route.when(Condition.stringEquals('$.step.value.stage', stage), fragment(stage));
    }
    route
      .when(
        Condition.or(
          Condition.stringEquals('$.step.value.stage', 'completed'),
          Condition.stringEquals('$.step.value.stage', 'halted'),
          Condition.stringEquals('$.step.value.stage', 'cancelled'),
        ),
        done,
      )
      .otherwise(
        new Fail(this, 'Unknown stage', { error: 'UnknownStage', causePath: '$.step.value.stage' }),
      );

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(load.next(route)),
      // No execution timeout: a Standard execution lasts a year at most, far beyond an election
      // (about a month plus waits for people); the waits inside are all bounded.
      logs: {
        destination: new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_YEAR }),
        level: LogLevel.ERROR,
        // Ballots and names travel in task outputs: keep execution data out of the logs.
        includeExecutionData: false,
      },
      tracingEnabled: true,
    });
    // The continuation starts this state machine. A policy of its own: the role's default
    // policy is a dependency of the state machine, and naming its ARN there is circular.
    new Policy(this, 'ContinueAsNew', {
      roles: [this.stateMachine.role],
      statements: [
        new PolicyStatement({
          actions: ['states:StartExecution'],
          resources: [this.stateMachine.stateMachineArn],
        }),
      ],
    });
  }
}
