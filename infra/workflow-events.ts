import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { STOPPED_STATUSES } from '../shared/workflow/failed-execution.ts';

/** The entry of the function the rule targets. */
export const WORKFLOW_FAILED_ENTRY = 'functions/events/workflow-failed.ts';

/** EventBridge's pattern for the election workflow's stopped executions. */
export const stoppedExecutionPattern = (stateMachineArn: string) => ({
  source: ['aws.states'],
  detailType: ['Step Functions Execution Status Change'],
  detail: { status: [...STOPPED_STATUSES], stateMachineArn: [stateMachineArn] },
});

export interface WorkflowEventsProps {
  stateMachine: IStateMachine;
  /** functions/events/workflow-failed.ts, defined by the stack (its IAM from infra/access.ts). */
  handler: IFunction;
  /** Where an event EventBridge could not deliver after its retries is kept. */
  deadLetterQueue: IQueue;
}

/**
 * Never stall unseen: an execution that ends FAILED, TIMED_OUT or ABORTED — including the
 * uncatchable ones (the history quota, a States.Runtime) — halts its election and mails the
 * organizers, who may resume it (shared/workflow/failed-execution.ts).
 */
export class WorkflowEvents extends Construct {
  readonly rule: Rule;
  readonly handler: IFunction;

  constructor(scope: Construct, id: string, props: WorkflowEventsProps) {
    super(scope, id);
    this.handler = props.handler;
    this.rule = new Rule(this, 'StoppedExecution', {
      description: 'halts the election of a failed, timed-out or aborted workflow execution',
      eventPattern: stoppedExecutionPattern(props.stateMachine.stateMachineArn),
      targets: [
        // The handler is idempotent (a halted election is left alone): retried for a while.
        new LambdaFunction(props.handler, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: props.deadLetterQueue,
        }),
      ],
    });
  }
}
