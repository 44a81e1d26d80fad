import {
  type CfnElement,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { apiGroups } from '../functions/api/index.ts';
import { scheduledFunctions } from '../functions/scheduled/index.ts';
import { tableDefinition } from '../shared/store/table.ts';
import {
  ElectionWorkflow,
  WORKFLOW_TASKS,
  type WorkflowTask,
} from '../workflows/election-workflow.ts';
import { accessOf } from './access.ts';
import { ElectionApi, type RouteGroups } from './api.ts';
import { ElectionUserPool } from './auth.ts';
import { zxFunction } from './functions.ts';
import { WORKFLOW_FAILED_ENTRY, WorkflowEvents } from './workflow-events.ts';

export interface ZxElectionStackProps extends StackProps {
  /** The domain notices are sent from: an SES domain identity (publish its DKIM records). */
  mailDomain: string;
  /** The sender address (ZX_MAIL_FROM); default `noreply@<mailDomain>`. */
  mailFrom?: string;
  /** The API's route groups; default functions/api/index.ts `apiGroups`. */
  routeGroups?: RouteGroups;
}

/** `load-election` → `LoadElection`: construct ids. */
const pascal = (name: string) =>
  name.replace(/(^|-)([a-z0-9])/g, (_, _dash, letter: string) => letter.toUpperCase());

/**
 * The whole product on AWS: the table, one function per API route group and per workflow
 * task, the election state machine, the HTTP API behind a Cognito user pool, and SES.
 */
export class ZxElectionStack extends Stack {
  readonly table: Table;
  readonly taskFunctions: Record<WorkflowTask, NodejsFunction>;
  readonly apiFunctions: Record<string, NodejsFunction>;
  /** The sweepers EventBridge runs (functions/scheduled/index.ts), by name. */
  readonly scheduledFunctions: Record<string, NodejsFunction>;
  readonly workflow: ElectionWorkflow;
  readonly workflowEvents: WorkflowEvents;
  readonly api: ElectionApi;
  readonly users: ElectionUserPool;

  constructor(scope: Construct, id: string, props: ZxElectionStackProps) {
    super(scope, id, props);
    const groups = props.routeGroups ?? apiGroups;
    const mailFrom = props.mailFrom ?? `noreply@${props.mailDomain}`;

    this.table = electionTable(this);
    const mail = new EmailIdentity(this, 'MailIdentity', {
      identity: Identity.domain(props.mailDomain),
    });
    const environment = { ZX_TABLE: this.table.tableName, ZX_MAIL_FROM: mailFrom };

    const entries = new Map<NodejsFunction, string>();
    const define = (
      id: string,
      entry: string,
      description: string,
      timeout: Duration,
      reservedConcurrency?: number,
    ) => {
      const fn = zxFunction(this, id, {
        entry,
        description,
        timeout,
        environment,
        reservedConcurrency,
      });
      entries.set(fn, entry);
      return fn;
    };
    this.taskFunctions = Object.fromEntries(
      WORKFLOW_TASKS.map((task) => [
        task,
        define(
          `Task${pascal(task)}`,
          `functions/tasks/${task}.ts`,
          `workflow task ${task}`,
          Duration.minutes(5),
        ),
      ]),
    ) as Record<WorkflowTask, NodejsFunction>;
    this.apiFunctions = Object.fromEntries(
      Object.keys(groups).map((group) => [
        group,
        define(
          `Api${pascal(group)}`,
          `functions/api/${group}.ts`,
          `API route group ${group}`,
          // API Gateway answers 503 after 30 s whatever the function does.
          Duration.seconds(29),
        ),
      ]),
    );

    // One run of each sweeper at a time (a run may outlast the minute between two).
    this.scheduledFunctions = Object.fromEntries(
      Object.entries(scheduledFunctions).map(([name, { SCHEDULE }]) => {
        const fn = define(
          `Scheduled${pascal(name)}`,
          `functions/scheduled/${name}.ts`,
          `sweeper ${name}, every ${SCHEDULE.everyMinutes} min`,
          Duration.seconds(SCHEDULE.timeoutSeconds),
          1,
        );
        new Rule(this, `Scheduled${pascal(name)}Rule`, {
          description: `runs the sweeper ${name}`,
          schedule: Schedule.rate(Duration.minutes(SCHEDULE.everyMinutes)),
          // A missed run is not retried: the next one comes within the minute.
          targets: [new LambdaFunction(fn, { retryAttempts: 0 })],
        });
        return [name, fn];
      }),
    );

    this.workflow = new ElectionWorkflow(this, 'Workflow', { functions: this.taskFunctions });
    const stateMachine = this.workflow.stateMachine;
    this.workflowEvents = new WorkflowEvents(this, 'WorkflowEvents', {
      stateMachine,
      handler: define(
        'WorkflowFailed',
        WORKFLOW_FAILED_ENTRY,
        'halts a stopped workflow',
        Duration.minutes(1),
      ),
    });

    this.users = new ElectionUserPool(this, 'Users');
    this.api = new ElectionApi(this, 'Api', {
      groups,
      functions: this.apiFunctions,
      userPool: this.users.userPool,
      userPoolClient: this.users.client,
    });

    // Each function gets what its code calls, on these resources only (infra/access.ts).
    const taskFunctions = new Set<NodejsFunction>(Object.values(this.taskFunctions));
    const indexNames = (tableDefinition().GlobalSecondaryIndexes ?? []).map((i) => i.IndexName);
    for (const [fn, entry] of entries) {
      const access = accessOf(entry);
      const role = fn.role;
      if (!role) throw new Error(`${entry}: its function has no role`);
      if (access.table.length > 0) {
        role.addToPrincipalPolicy(
          new PolicyStatement({ actions: access.table, resources: [this.table.tableArn] }),
        );
      }
      if (access.index.length > 0) {
        role.addToPrincipalPolicy(
          new PolicyStatement({
            actions: access.index,
            resources: indexNames.map((name) => `${this.table.tableArn}/index/${name}`),
          }),
        );
      }
      if (access.mail.length > 0) {
        role.addToPrincipalPolicy(
          new PolicyStatement({
            actions: access.mail,
            resources: [mail.emailIdentityArn],
            conditions: { StringEquals: { 'ses:FromAddress': mailFrom } },
          }),
        );
      }
      if (access.workflow.length > 0) {
        if (access.workflow.includes('states:StartExecution')) {
          // The state machine invokes the task functions: they cannot also name it.
          if (taskFunctions.has(fn)) {
            throw new Error(`${entry}: a workflow task may not start executions (circular)`);
          }
          fn.addEnvironment('ZX_STATE_MACHINE_ARN', stateMachine.stateMachineArn);
        }
        // A policy of its own, not the role's default one: the function does not wait for it,
        // so a task function may answer its own task token (SendTaskSuccess) without the
        // cycle function → policy → state machine → function. SendTask* are authorized
        // against the state machine of the token's execution (as CDK's grantTaskResponse).
        new Policy(this, `${fn.node.id}Workflow`, {
          roles: [role],
          statements: [
            new PolicyStatement({
              actions: access.workflow,
              resources: [stateMachine.stateMachineArn],
            }),
          ],
        });
      }
      fn.addEnvironment('ZX_PUBLIC_URL', this.api.url);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'MailFrom', { value: mailFrom });

    this.acknowledgeWorkflowFindings();
  }

  /** cdk-nag findings on the state machine (built by workflows/election-workflow.ts). */
  private acknowledgeWorkflowFindings(): void {
    const stateMachine = this.workflow.stateMachine;
    for (const fn of Object.values(this.taskFunctions)) {
      const logicalId = this.getLogicalId(fn.node.defaultChild as CfnElement);
      Validations.of(stateMachine.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason:
          "CDK's LambdaInvoke grants lambda:InvokeFunction on the task function and its " +
          'versions/aliases (`<arn>:*`), and only those.',
      });
    }
    Validations.of(stateMachine.role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Log delivery (logs:*LogDelivery*) and X-Ray (xray:PutTraceSegments …) take no resource ' +
        'ARNs: AWS requires `*` for the state machine to log and trace.',
    });
    // The workflow logs errors only, without execution data (inputs carry member ids).
    Validations.of(stateMachine).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SF1',
      reason:
        'Errors are logged; execution history (90 days) and the audit chain in DynamoDB record ' +
        'every step, and logging ALL would copy member data into CloudWatch.',
    });
  }
}

const ATTRIBUTE_TYPES: Record<string, AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};

/** The one table, from the same definition the local stack creates (shared/store/table.ts). */
function electionTable(scope: Construct): Table {
  const definition = tableDefinition();
  const attribute = (name: string | undefined) => {
    const found = definition.AttributeDefinitions?.find((a) => a.AttributeName === name);
    const type = found?.AttributeType && ATTRIBUTE_TYPES[found.AttributeType];
    if (!name || !type) throw new Error(`table attribute '${name}' has no known type`);
    return { name, type };
  };
  const keyOf = (schema: typeof definition.KeySchema, keyType: 'HASH' | 'RANGE') => {
    const key = schema?.find((k) => k.KeyType === keyType);
    return key ? attribute(key.AttributeName) : undefined;
  };
  const partitionKey = keyOf(definition.KeySchema, 'HASH');
  if (!partitionKey) throw new Error('the table definition has no partition key');
  const table = new Table(scope, 'Table', {
    partitionKey,
    sortKey: keyOf(definition.KeySchema, 'RANGE'),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    // The election record and its audit chain outlive the stack.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    const partition = keyOf(index.KeySchema, 'HASH');
    if (!index.IndexName || !partition) throw new Error('a GSI without a name or partition key');
    if (index.Projection?.ProjectionType !== 'ALL') {
      throw new Error(`GSI ${index.IndexName}: only ProjectionType ALL is mapped`);
    }
    table.addGlobalSecondaryIndex({
      indexName: index.IndexName,
      partitionKey: partition,
      sortKey: keyOf(index.KeySchema, 'RANGE'),
    });
  }
  return table;
}
