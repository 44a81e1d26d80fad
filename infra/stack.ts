import {
  ArnFormat,
  type CfnElement,
  CfnOutput,
  Duration,
  Lazy,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { apiGroups } from '../functions/api/index.ts';
import { scheduledFunctions } from '../functions/scheduled/index.ts';
import { DEFAULT_QUOTAS, type Quotas } from '../shared/rules/pace.ts';
import { TTL_ATTRIBUTE, tableDefinition } from '../shared/store/table.ts';
import {
  ElectionWorkflow,
  WORKFLOW_TASKS,
  type WorkflowTask,
} from '../workflows/election-workflow.ts';
import { accessOf } from './access.ts';
import { ElectionApi, type RouteGroups } from './api.ts';
import { ElectionUserPool, type SignInSettings } from './auth.ts';
import { type ConsoleSettings, ElectionConsole } from './console.ts';
import type { ApiDomainProps } from './edge.ts';
import { invokedSynchronously, zxFunction } from './functions.ts';
import { ElectionMail, type MailSettings } from './mail.ts';
import { Operations } from './operations.ts';
import { createUploadsBucket, grantUploads, uploadsConnectSource } from './uploads.ts';
import { WORKFLOW_FAILED_ENTRY, WorkflowEvents } from './workflow-events.ts';

export interface ZxElectionStackProps extends StackProps {
  /** The sender domain and address, transport, send rate, SMTP (infra/mail.ts `mailSettings`). */
  mail: MailSettings;
  /** A customer-managed KMS key (rotated, retained) for the table, alarms and backups. */
  encryptionKey?: boolean;
  /** An address the alarm topic mails (the subscription must be confirmed). */
  alarmEmail?: string;
  /** Cognito's managed login (context authDomainPrefix, authCallbackUrls…); none: SRP only. */
  signIn?: SignInSettings;
  /** Lets requests set `dayLengthMs` (ZX_TEST_CLOCK=1): test stacks only (context testClock). */
  testClock?: boolean;
  /** A custom domain for the API and the links in mail (ZX_PUBLIC_URL); infra/edge.ts. */
  apiDomain?: ApiDomainProps;
  /** The organizer console's build, and its domain and web ACL (infra/console.ts). */
  console: ConsoleSettings;
  /** The API's route groups; default functions/api/index.ts `apiGroups`. */
  routeGroups?: RouteGroups;
  /** The account's quotas a batch paces its starts by (context `quotas`, infra/app.ts). */
  quotas?: Partial<Quotas>;
}

/** `load-election` → `LoadElection`: construct ids. */
const pascal = (name: string) =>
  name.replace(/(^|-)([a-z0-9])/g, (_, _dash, letter: string) => letter.toUpperCase());

/**
 * The whole product on AWS: the table, the uploads bucket, one function per API route group and
 * per workflow task, the election state machine, the HTTP API behind a Cognito user pool, and SES.
 */
export class ZxElectionStack extends Stack {
  readonly table: Table;
  /** Files organizers upload from the browser (infra/uploads.ts). */
  readonly uploads: Bucket;
  readonly taskFunctions: Record<WorkflowTask, NodejsFunction>;
  readonly apiFunctions: Record<string, NodejsFunction>;
  /** The sweepers EventBridge runs (functions/scheduled/index.ts), by name. */
  readonly scheduledFunctions: Record<string, NodejsFunction>;
  readonly workflow: ElectionWorkflow;
  readonly workflowEvents: WorkflowEvents;
  readonly api: ElectionApi;
  readonly users: ElectionUserPool;
  readonly console: ElectionConsole;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: ZxElectionStackProps) {
    super(scope, id, props);
    const groups = props.routeGroups ?? apiGroups;
    const mailFrom = props.mail.from;

    const encryptionKey = props.encryptionKey
      ? new Key(this, 'DataKey', {
          description: '公推直选: the table, the alarm topic, the failed-events queue, backups',
          enableKeyRotation: true,
          removalPolicy: RemovalPolicy.RETAIN,
        })
      : undefined;
    this.table = electionTable(this, encryptionKey);
    this.operations = new Operations(this, 'Operations', {
      table: this.table,
      encryptionKey,
      alarmEmail: props.alarmEmail,
    });
    const mail = new ElectionMail(this, 'Mail', props.mail);
    const environment: Record<string, string> = {
      ZX_TABLE: this.table.tableName,
      ...mail.environment,
      // shared/deployment.ts: Cognito's verified claims, real days unless the test clock is on.
      ZX_DEPLOYMENT: 'aws',
      ...(props.testClock ? { ZX_TEST_CLOCK: '1' } : {}),
      // Batches pace their starts by these (shared/rules/pace.ts); SES's rate is the mail's.
      ZX_QUOTAS: JSON.stringify({
        ...DEFAULT_QUOTAS,
        mailsPerSecond: props.mail.ratePerSecond,
        ...props.quotas,
      }),
    };

    const entries = new Map<NodejsFunction, string>();
    const define = (id: string, entry: string, description: string, timeout: Duration) => {
      const fn = zxFunction(this, id, {
        entry,
        description,
        timeout,
        environment,
        withSmtp: props.mail.transport === 'smtp',
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
    for (const fn of Object.values(this.taskFunctions)) {
      invokedSynchronously(fn, 'the state machine (a Task state that retries and catches)');
    }
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
    for (const fn of Object.values(this.apiFunctions)) invokedSynchronously(fn, 'API Gateway');

    // One run of each sweeper at a time: a lease in the table (functions/scheduled/sweeper.ts).
    this.scheduledFunctions = Object.fromEntries(
      Object.entries(scheduledFunctions).map(([name, { SCHEDULE }]) => {
        const fn = define(
          `Scheduled${pascal(name)}`,
          `functions/scheduled/${name}.ts`,
          `sweeper ${name}, every ${SCHEDULE.everyMinutes} min`,
          Duration.seconds(SCHEDULE.timeoutSeconds),
        );
        // A missed or stale run is not retried: the next one comes within the minute.
        const staleAfter = Duration.seconds(60 * SCHEDULE.everyMinutes);
        this.operations.asynchronous(fn, staleAfter);
        new Rule(this, `Scheduled${pascal(name)}Rule`, {
          description: `runs the sweeper ${name}`,
          schedule: Schedule.rate(Duration.minutes(SCHEDULE.everyMinutes)),
          targets: [
            new LambdaFunction(fn, {
              retryAttempts: 0,
              maxEventAge: staleAfter,
              deadLetterQueue: this.operations.failedEvents,
            }),
          ],
        });
        return [name, fn];
      }),
    );

    if (mail.configurationSet) {
      const feedback = define(
        'MailFeedback',
        'functions/events/mail-feedback.ts',
        'SES bounces and complaints: marks addresses undeliverable',
        Duration.seconds(30),
      );
      // A bounce is still worth marking hours later; Lambda keeps an event at most 6 h.
      this.operations.asynchronous(feedback, Duration.hours(6));
      mail.deliverFeedbackTo(feedback, this.operations.failedEvents);
    }

    this.workflow = new ElectionWorkflow(this, 'Workflow', { functions: this.taskFunctions });
    const stateMachine = this.workflow.stateMachine;
    const workflowFailed = define(
      'WorkflowFailed',
      WORKFLOW_FAILED_ENTRY,
      'halts a stopped workflow',
      Duration.minutes(1),
    );
    // A stopped election must be halted even hours late (6 h: the most Lambda keeps an event).
    this.operations.asynchronous(workflowFailed, Duration.hours(6));
    this.workflowEvents = new WorkflowEvents(this, 'WorkflowEvents', {
      stateMachine,
      handler: workflowFailed,
      deadLetterQueue: this.operations.failedEvents,
    });

    // The console is built after the pool and the API it needs; the pool's client takes its URL
    // lazily (client → distribution; the distribution never waits for Cognito).
    this.users = new ElectionUserPool(this, 'Users', {
      mailFrom,
      signIn: props.signIn,
      consoleUrl: Lazy.string({ produce: () => this.console.url }),
    });
    this.api = new ElectionApi(this, 'Api', {
      groups,
      functions: this.apiFunctions,
      userPool: this.users.userPool,
      userPoolClient: this.users.client,
      domain: props.apiDomain,
    });
    this.console = new ElectionConsole(this, 'Console', {
      ...props.console,
      api: this.api.httpApi,
      users: this.users,
      connectOrigins: [uploadsConnectSource(this)],
    });
    // After the console: its pages are the one origin that may post here, its log bucket logs it.
    this.uploads = createUploadsBucket(this, {
      consoleOrigin: this.console.origin,
      accessLogs: this.console.accessLogs,
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
      mail.grantSend(role, access);
      grantUploads(role, access, this.uploads);
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
        const stops = access.workflow.includes('states:StopExecution');
        const onMachine = access.workflow.filter((a) => a !== 'states:StopExecution');
        const policy = new Policy(this, `${fn.node.id}Workflow`, {
          roles: [role],
          statements: [
            new PolicyStatement({ actions: onMachine, resources: [stateMachine.stateMachineArn] }),
            // StopExecution is authorized against the execution (a cancelled election's).
            ...(stops
              ? [
                  new PolicyStatement({
                    actions: ['states:StopExecution'],
                    resources: [
                      Stack.of(this).formatArn({
                        service: 'states',
                        resource: 'execution',
                        resourceName: `${stateMachine.stateMachineName}:*`,
                        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                      }),
                    ],
                  }),
                ]
              : []),
          ],
        });
        if (stops) {
          const machine = this.getLogicalId(stateMachine.node.defaultChild as CfnElement);
          Validations.of(policy).acknowledge({
            id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<${machine}.Name>:*]`,
            reason:
              'An execution is named per election and start: stopping a cancelled election needs its executions, of this state machine only.',
          });
        }
      }
      fn.addEnvironment('ZX_PUBLIC_URL', this.api.url);
      // Every function that knows the table: the bucket's name (shared/uploads/bucket.ts).
      fn.addEnvironment('ZX_UPLOADS_BUCKET', this.uploads.bucketName);
    }

    this.operations.watch({
      stateMachine,
      functions: Object.fromEntries(
        [...entries.keys(), this.users.tokenClaims].map((fn) => [fn.node.id, fn]),
      ),
      sesReputation: true,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'ConsoleUrl', { value: this.console.url });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topicArn });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId });
    if (this.users.domain) {
      new CfnOutput(this, 'SignInUrl', { value: this.users.domain.baseUrl() });
    }
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UploadsBucketName', { value: this.uploads.bucketName });
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
function electionTable(scope: Construct, encryptionKey?: IKey): Table {
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
    // Rate-limit counts expire (shared/store/rate-limits.ts); items without `ttl` never do.
    timeToLiveAttribute: TTL_ATTRIBUTE,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    ...(encryptionKey ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey } : {}),
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
