import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  type IChainable,
  type INextable,
  IntegrationPattern,
  JsonPath,
  LogLevel,
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

/** The Lambda task handlers the workflow invokes (entry `functions/tasks/<name>.ts`, export `handler`). */
export const WORKFLOW_TASKS = [
  'load-election',
  'begin-stage',
  'check-deadline',
  'close-stage',
  'await-people',
  'remind',
  'request-approval',
  'expire-approval',
  'advance-stage',
  'halt',
] as const;
export type WorkflowTask = (typeof WORKFLOW_TASKS)[number];

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
        // Lambda's own transient errors are retried by LambdaInvoke; these are the task's.
        taskTimeout: Timeout.duration(Duration.minutes(5)),
      }).addRetry({
        errors: [Errors.TASKS_FAILED, Errors.TIMEOUT],
        interval: Duration.seconds(1),
        backoffRate: 2,
        maxAttempts: 3,
      });

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
        // Never unbounded: a reminder (or a fresh approval link) when nobody acts in time.
        taskTimeout: Timeout.at(timeoutPath),
      });

    const done = new Succeed(this, 'Done');
    const haltOnError = task(
      'Halt on error',
      'halt',
      { error: JsonPath.objectAt('$.error') },
      JsonPath.DISCARD,
    ).next(done);
    const guarded = <T extends TaskStateBase>(state: T): T => {
      state.addCatch(haltOnError, { errors: [Errors.ALL], resultPath: '$.error' });
      return state;
    };

    const load = guarded(task('Load election', 'load-election', {}, '$.load'));
    const route = new Choice(this, 'Route to the stage');
    const advance = guarded(
      task(
        'Advance',
        'advance-stage',
        { stage: JsonPath.stringAt('$.load.value.stage') },
        '$.load',
      ),
    );
    advance.next(route);
    const halt = guarded(
      task('Halt', 'halt', { reason: JsonPath.stringAt('$.close.value.reason') }, JsonPath.DISCARD),
    ).next(done);

    const fragment = (stage: Stage): IChainable => {
      const payload = { stage };
      const begin = guarded(task(`${stage}: begin`, 'begin-stage', payload, JsonPath.DISCARD));
      const checkDeadline = guarded(
        task(`${stage}: check deadline`, 'check-deadline', payload, '$.deadline'),
      );
      const wait = new Wait(this, `${stage}: wait for the deadline`, {
        time: WaitTime.timestampPath('$.deadline.value.waitUntil'),
      });
      const close = guarded(task(`${stage}: close`, 'close-stage', payload, '$.close'));
      const awaitPeople = waitForPeople(
        `${stage}: wait for people`,
        'await-people',
        { ...payload, reason: JsonPath.stringAt('$.close.value.reason') },
        '$.close.value.remindAfterSeconds',
      );
      const remind = guarded(
        task(
          `${stage}: remind`,
          'remind',
          { ...payload, reason: JsonPath.stringAt('$.close.value.reason') },
          JsonPath.DISCARD,
        ),
      );
      const requestApproval = waitForPeople(
        `${stage}: wait for the superior`,
        'request-approval',
        payload,
        '$.close.value.approvalTimeoutSeconds',
      );
      const approvalExpired = guarded(
        task(`${stage}: approval expired`, 'expire-approval', payload, JsonPath.DISCARD),
      );

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
          .when(Condition.booleanEquals('$.deadline.value.passed', true), close)
          .otherwise(wait),
      );
      next(wait, checkDeadline);
      next(
        close,
        new Choice(this, `${stage}: outcome`)
          .when(Condition.stringEquals('$.close.value.outcome', 'advance'), advance)
          .when(Condition.stringEquals('$.close.value.outcome', 'await'), awaitPeople)
          .when(Condition.stringEquals('$.close.value.outcome', 'approval'), requestApproval)
          .otherwise(halt),
      );
      next(awaitPeople, close);
      next(remind, close);
      next(requestApproval, close);
      next(approvalExpired, close);
      return begin;
    };

    for (const stage of STAGES) {
      route.when(Condition.stringEquals('$.load.value.stage', stage), fragment(stage));
    }
    route
      .when(
        Condition.or(
          Condition.stringEquals('$.load.value.stage', 'completed'),
          Condition.stringEquals('$.load.value.stage', 'halted'),
          Condition.stringEquals('$.load.value.stage', 'cancelled'),
        ),
        done,
      )
      .otherwise(
        new Fail(this, 'Unknown stage', { error: 'UnknownStage', causePath: '$.load.value.stage' }),
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
  }
}
