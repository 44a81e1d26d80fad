import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRIC } from '../shared/metrics.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../shared/service.ts';

export interface OperationsProps {
  table: Table;
  /** Encrypts the alarm topic and the failed-events queue; none: see the topic's note. */
  encryptionKey?: IKey;
  /** Subscribed to the alarm topic (it must confirm the subscription mail). */
  alarmEmail?: string;
}

/** What the alarms watch, given once every function exists. */
export interface Watched {
  stateMachine: StateMachine;
  /** Every function, by a name for the alarm (`TaskCloseStage`, `ApiElections` …). */
  functions: Record<string, IFunction>;
  /** Whether mail goes through SES (its reputation metrics exist only then). */
  sesReputation: boolean;
}

/** The operations' thresholds, with why, in one place (docs/deploy.md lists them). */
export const THRESHOLDS = {
  /** SES reviews an account at 5 % bounces and pauses it at 10 %: warn well before. */
  sesBounceRate: 0.04,
  /** SES reviews at 0.1 % complaints: warn at half. */
  sesComplaintRate: 0.0005,
  /** A notice the sweeper (every minute) has not sent in an hour is stuck, not slow. */
  oldestUnsentNoticeSeconds: 3600,
} as const;

/**
 * Operating the product: the alarm topic and its alarms, the queue where failed asynchronous
 * invocations land, and the table's backup plan. Nothing here changes what the product does;
 * it makes what goes wrong visible (issue 13: never stall unseen).
 */
export class Operations extends Construct {
  readonly topic: Topic;
  /** Where an asynchronous invocation (a sweep, an event) that failed or expired is kept. */
  readonly failedEvents: Queue;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const key = props.encryptionKey;
    this.topic = new Topic(this, 'Alarms', {
      displayName: '公推直选 alarms',
      enforceSSL: true,
      masterKey: key,
    });
    if (key) {
      // CloudWatch publishes to an encrypted topic only with the key's use granted to it.
      key.grant(
        new ServicePrincipal('cloudwatch.amazonaws.com'),
        'kms:Decrypt',
        'kms:GenerateDataKey*',
      );
    } else {
      Validations.of(this.topic).acknowledge({
        id: 'AwsSolutions::AwsSolutions-SNS2',
        reason:
          'Alarm notices carry alarm names and numbers, no member data; CloudWatch cannot publish ' +
          'to a topic under the AWS-managed SNS key. Deploy with -c encryptionKey=true to use a ' +
          'customer-managed key for it.',
      });
    }

    this.failedEvents = new Queue(this, 'FailedEvents', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      ...(key
        ? { encryption: QueueEncryption.KMS, encryptionMasterKey: key }
        : { encryption: QueueEncryption.SQS_MANAGED }),
    });
    Validations.of(this.failedEvents).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the asynchronous invocations.',
    });
    Validations.of(this.failedEvents).acknowledge({
      id: 'Serverless::Serverless-SQSRedrivePolicy',
      reason: 'This queue is itself the dead-letter destination of the asynchronous invocations.',
    });
    if (props.alarmEmail) {
      // An alarm mail SNS could not deliver is kept, not dropped.
      this.topic.addSubscription(
        new EmailSubscription(props.alarmEmail, { deadLetterQueue: this.failedEvents }),
      );
    }
    this.alarm(
      'FailedEventsWaiting',
      'an asynchronous invocation (a sweep, an event) failed or expired',
      this.failedEvents.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      1,
    );

    // The table is the record of every election: a daily backup kept 35 days and a monthly one
    // kept a year, beside point-in-time recovery (35 days) — a deleted table is still restorable.
    const vault = new BackupVault(this, 'Vault', {
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new BackupPlan(this, 'Backup', { backupVault: vault });
    plan.addRule(BackupPlanRule.daily());
    plan.addRule(BackupPlanRule.monthly1Year());
    const selection = plan.addSelection('Table', {
      resources: [BackupResource.fromDynamoDbTable(props.table)],
    });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        "AWS Backup's own service-role policy, which AWS keeps in step with what a backup of each " +
        'resource type needs; the selection names the one table.',
    });

    const throttles = props.table.metricThrottledRequestsForOperations({
      operations: TABLE_OPERATIONS,
      period: Duration.minutes(5),
    });
    this.alarm('TableThrottles', 'DynamoDB throttled requests to the table', throttles, 1);
  }

  /**
   * Asynchronous invocations of `fn` (EventBridge, SNS): none retried by Lambda, none older
   * than `maxEventAge` run, and a failed or expired one kept in `failedEvents`.
   */
  asynchronous(fn: IFunction, maxEventAge: Duration): void {
    fn.configureAsyncInvoke({
      maxEventAge,
      retryAttempts: 0,
      onFailure: new SqsDestination(this.failedEvents),
    });
    Validations.of(fn).acknowledge({
      id: 'Serverless::Serverless-LambdaDLQ',
      reason:
        'Its asynchronous failures go to an on-failure destination (the failed-events queue), ' +
        'which records the error and the event, more than a dead-letter queue would.',
    });
    if (this.failedEvents.encryptionMasterKey && fn.role) {
      for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
        Validations.of(fn.role).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
          reason:
            'Sending to the failed-events queue under the customer-managed key: CDK grants these ' +
            'KMS actions on that one key only.',
        });
      }
    }
  }

  /** The alarms on what exists once the stack is built. */
  watch(watched: Watched): void {
    const period = Duration.minutes(5);
    const { stateMachine } = watched;
    this.alarm(
      'ExecutionsFailed',
      'an election workflow execution failed or timed out (the failure rule halts the election)',
      new MathExpression({
        expression: 'failed + timedOut',
        usingMetrics: {
          failed: stateMachine.metricFailed({ period }),
          timedOut: stateMachine.metricTimedOut({ period }),
        },
        period,
      }),
      1,
    );
    for (const [name, fn] of Object.entries(watched.functions)) {
      this.alarm(
        `${name}Errors`,
        `function ${name} failed (an unhandled error or a timeout)`,
        fn.metricErrors({ period }),
        1,
      );
      this.alarm(
        `${name}Throttles`,
        `function ${name} was throttled (account concurrency)`,
        fn.metricThrottles({ period }),
        1,
      );
    }
    if (watched.sesReputation) {
      this.alarm(
        'SesBounceRate',
        'the SES bounce rate nears the level where SES reviews the account',
        new Metric({
          namespace: 'AWS/SES',
          metricName: 'Reputation.BounceRate',
          statistic: 'Maximum',
          period: Duration.hours(1),
        }),
        THRESHOLDS.sesBounceRate,
      );
      this.alarm(
        'SesComplaintRate',
        'the SES complaint rate nears the level where SES reviews the account',
        new Metric({
          namespace: 'AWS/SES',
          metricName: 'Reputation.ComplaintRate',
          statistic: 'Maximum',
          period: Duration.hours(1),
        }),
        THRESHOLDS.sesComplaintRate,
      );
    }
    this.alarm(
      'OldestUnsentNotice',
      'a notice has waited over an hour to be sent (or the outbox sweeper reports nothing)',
      productMetric(METRIC.oldestUnsentNoticeAge, 'Maximum', period),
      THRESHOLDS.oldestUnsentNoticeSeconds,
      // The sweeper reports every minute: silence means it does not run.
      TreatMissingData.BREACHING,
    );
    this.alarm(
      'ElectionsHalted',
      'an election halted: an organizer must read its haltReason and resume it',
      productMetric(METRIC.electionsHalted, 'Sum', period),
      1,
    );
  }

  private alarm(
    id: string,
    description: string,
    metric: IMetric,
    threshold: number,
    treatMissingData = TreatMissingData.NOT_BREACHING,
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

/** The operations the product's code calls on the table (≤ 10: an alarm's metric limit). */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.SCAN,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

const productMetric = (metricName: string, statistic: string, period: Duration) =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: SERVICE_NAME },
    statistic,
    period,
  });
