// Proves the stack makes what goes wrong visible: an alarm, to one SNS topic, on each thing that
// stalls an election or loses mail — failed executions, function errors and throttles, table
// throttles, SES reputation, the oldest unsent notice, halted elections, failed async events —
// and keeps the table backed up; with `encryptionKey` a customer-managed key encrypts them.
import { describe, expect, it } from 'vitest';
import { THRESHOLDS } from '../../../infra/operations.ts';
import { METRIC } from '../../../shared/metrics.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../../shared/service.ts';
import { type Json, useSynth } from '../../support/cdk-synth.ts';

const synth = useSynth('operations');

const plain = synth({ alarmEmail: 'ops@example.org' });
const alarms = plain.ofType('AWS::CloudWatch::Alarm');
const topicId = plain.idOf(plain.stack.operations.topic);

/** The alarm watching one metric, by namespace and name (a plain metric, not math). */
const alarmOn = (namespace: string, metricName: string) =>
  alarms.filter(
    (a) => a.Properties.Namespace === namespace && a.Properties.MetricName === metricName,
  );

describe('operations', () => {
  it('sends every alarm to the alarm topic, which mails the address given', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(String(alarm.Properties.AlarmDescription).length).toBeGreaterThan(10);
    }
    plain.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: topicId },
      // An alarm mail SNS could not deliver is kept in the failed-events queue.
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [plain.idOf(plain.stack.operations.failedEvents), 'Arn'],
        },
      },
    });
  });

  it('alarms on failed and timed-out workflow executions', () => {
    const machine = plain.idOf(plain.stack.workflow.stateMachine);
    const failed = alarms.find((a) =>
      String(JSON.stringify(a.Properties.Metrics)).includes('ExecutionsFailed'),
    );
    const text = JSON.stringify(failed?.Properties.Metrics);
    expect(text).toContain('ExecutionsTimedOut');
    expect(text).toContain(machine);
    expect(failed?.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('alarms on errors and throttles of every function', () => {
    // Every function of the product's; not CDK's own copier of the console's files (its
    // failure fails the deployment itself, in CloudFormation, where nobody can miss it).
    const functions = plain
      .ofType('AWS::Lambda::Function')
      .filter((fn) => !fn.id.startsWith('CustomCDKBucketDeployment')).length;
    expect(alarmOn('AWS/Lambda', 'Errors')).toHaveLength(functions);
    expect(alarmOn('AWS/Lambda', 'Throttles')).toHaveLength(functions);
    const watched = new Set(
      alarmOn('AWS/Lambda', 'Errors').map((a) => JSON.stringify(a.Properties.Dimensions)),
    );
    expect(watched.size).toBe(functions);
  });

  it('alarms on DynamoDB throttles of the operations the code calls', () => {
    const table = plain.idOf(plain.stack.table);
    const throttles = alarms.find((a) =>
      String(JSON.stringify(a.Properties.Metrics)).includes('ThrottledRequests'),
    );
    const text = JSON.stringify(throttles?.Properties.Metrics);
    expect(text).toContain(table);
    for (const operation of ['PutItem', 'UpdateItem', 'Query', 'TransactWriteItems']) {
      expect(text).toContain(operation);
    }
  });

  it('alarms before SES reviews the account for bounces or complaints', () => {
    expect(alarmOn('AWS/SES', 'Reputation.BounceRate')[0]?.Properties.Threshold).toBe(
      THRESHOLDS.sesBounceRate,
    );
    expect(alarmOn('AWS/SES', 'Reputation.ComplaintRate')[0]?.Properties.Threshold).toBe(
      THRESHOLDS.sesComplaintRate,
    );
    expect(THRESHOLDS.sesBounceRate).toBeLessThan(0.05);
    expect(THRESHOLDS.sesComplaintRate).toBeLessThan(0.001);
  });

  // The service's own metrics (EMF, by service): one alarm each, on its own threshold.
  it.each([
    [
      'a notice unsent for an hour, and on a silent outbox sweeper',
      METRIC.oldestUnsentNoticeAge,
      { Threshold: 3600, Statistic: 'Maximum', TreatMissingData: 'breaching' },
    ],
    ['any halted election', METRIC.electionsHalted, { Threshold: 1, Statistic: 'Sum' }],
  ])('alarms on %s', (_, metric, expected) => {
    const [alarm] = alarmOn(METRICS_NAMESPACE, metric);
    expect(alarm?.Properties).toMatchObject({
      ...expected,
      Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
    });
  });

  it('alarms on an asynchronous invocation that failed or expired', () => {
    const queue = plain.idOf(plain.stack.operations.failedEvents);
    const [waiting] = alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    expect(waiting?.Properties.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } },
    ]);
  });

  it('backs the table up daily (35 days) and monthly (a year) into a retained vault', () => {
    const [plan] = plain.ofType('AWS::Backup::BackupPlan');
    const rules = (plan?.Properties.BackupPlan as { BackupPlanRule: Json[] } | undefined)
      ?.BackupPlanRule;
    expect(rules).toBeDefined();
    expect(rules?.map((r) => r.Lifecycle)).toEqual([
      { DeleteAfterDays: 35 },
      { DeleteAfterDays: 365, MoveToColdStorageAfterDays: 30 },
    ]);
    const [selection] = plain.ofType('AWS::Backup::BackupSelection');
    expect(JSON.stringify(selection?.Properties)).toContain(plain.idOf(plain.stack.table));
    expect(plain.ofType('AWS::Backup::BackupVault')[0]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('uses no customer-managed key unless asked, and then for the table, alarms, queue and backups', () => {
    expect(plain.ofType('AWS::KMS::Key')).toHaveLength(0);
    const keyed = synth({ encryptionKey: 'true' });
    const [key] = keyed.ofType('AWS::KMS::Key');
    expect(key).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { EnableKeyRotation: true },
    });
    const keyArn = { 'Fn::GetAtt': [key?.id, 'Arn'] };
    expect(keyed.ofType('AWS::DynamoDB::Table')[0]?.Properties.SSESpecification).toEqual({
      KMSMasterKeyId: keyArn,
      SSEEnabled: true,
      SSEType: 'KMS',
    });
    expect(keyed.ofType('AWS::SNS::Topic')[0]?.Properties.KmsMasterKeyId).toEqual(keyArn);
    expect(keyed.ofType('AWS::SQS::Queue')[0]?.Properties.KmsMasterKeyId).toEqual(keyArn);
    expect(keyed.ofType('AWS::Backup::BackupVault')[0]?.Properties.EncryptionKeyArn).toEqual(
      keyArn,
    );
  }, 60_000);
});
