// Proves the synthesized ZxElectionStack: the table as shared/store defines it, the uploads
// bucket private and transient, every function on Node 24/ARM, a route per endpoint with the
// JWT authorizer on exactly the non-public ones, IAM scoped to the table, the sender, the state
// machine and the uploads bucket, and a clean cdk-nag report.
import { describe, expect, it } from 'vitest';
import { apiGroups } from '../../../functions/api/index.ts';
import { accessOf } from '../../../infra/access.ts';
import { Role } from '../../../shared/http/auth.ts';
import { tableDefinition } from '../../../shared/store/table.ts';
import { WORKFLOW_TASKS } from '../../../workflows/election-workflow.ts';
import { type Json, PRIVATE_BUCKET, useSynth } from '../../support/cdk-synth.ts';

/** Actions AWS grants only on `*`: what a state machine needs to deliver logs and traces. */
const RESOURCELESS_ACTIONS = new Set([
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
]);

// Synthesized once, with the cdk-nag plugin registered: an unacknowledged finding throws here.
const { stack, template, resources, ofType, idOf, nagReport } = useSynth('stack')();

const tableId = idOf(stack.table);
const uploadsId = idOf(stack.uploads);
const machineId = idOf(stack.workflow.stateMachine);
const failedEventsId = idOf(stack.operations.failedEvents);
const functions = [
  ...WORKFLOW_TASKS.map((task) => ({
    fn: stack.taskFunctions[task],
    entry: `functions/tasks/${task}.ts`,
    isTask: true,
  })),
  ...Object.keys(apiGroups).map((group) => ({
    fn: stack.apiFunctions[group] as (typeof stack.apiFunctions)[string],
    entry: `functions/api/${group}.ts`,
    isTask: false,
  })),
  {
    fn: stack.workflowEvents.handler as (typeof stack.apiFunctions)[string],
    entry: 'functions/events/workflow-failed.ts',
    isTask: false,
  },
  ...Object.entries(stack.scheduledFunctions).map(([name, fn]) => ({
    fn,
    entry: `functions/scheduled/${name}.ts`,
    isTask: false,
  })),
  {
    fn: stack.node.findChild('MailFeedback') as (typeof stack.apiFunctions)[string],
    entry: 'functions/events/mail-feedback.ts',
    isTask: false,
  },
];

/** Every statement of every IAM policy attached to a role, by role logical id. */
const statementsByRole = new Map<string, Json[]>();
for (const policy of ofType('AWS::IAM::Policy')) {
  for (const role of policy.Properties.Roles as { Ref: string }[]) {
    const statements = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement;
    statementsByRole.set(role.Ref, [...(statementsByRole.get(role.Ref) ?? []), ...statements]);
  }
}
const actionsOf = (statement: Json) => [statement.Action].flat() as string[];
const resourcesOf = (statement: Json) => [statement.Resource].flat();
const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
const uploadsArn = { 'Fn::GetAtt': [uploadsId, 'Arn'] };
/** Acknowledged findings but the console's (CloudFront, its deployment): console.test.ts. */
const notConsole = (findings: unknown) =>
  (findings as { ruleName: string; reason: string }[]).filter(
    (finding) => !/\/Console\/|CDKBucketDeployment/.test(JSON.stringify(finding)),
  );

describe('ZxElectionStack', () => {
  it("passes cdk-nag's AWS Solutions checks, acknowledging only the findings argued in the code", () => {
    const nag = nagReport('AwsSolutions');
    expect(nag).toMatchObject({ conclusion: 'success', violations: [] });
    const acknowledged = notConsole(nag.suppressedViolations);
    for (const finding of acknowledged) {
      expect(finding.ruleName).toMatch(
        /^AwsSolutions-(APIG4|COG8|SF1|SNS2|SQS3|IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/service-role\/AWSBackupServiceRolePolicyForBackup\]|IAM5\[Resource::\*\]|IAM5\[Resource::<Task\w+\.Arn>:\*\]|IAM5\[Resource::<Uploads\w+\.Arn>\/\*\]|IAM5\[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<WorkflowStateMachine\w+\.Name>:\*\])$/,
      );
      expect(finding.reason.length).toBeGreaterThan(20);
    }
    // APIG4 (no authorizer) is acknowledged once per public endpoint, and nowhere else.
    const publicEndpoints = Object.values(apiGroups).flatMap((g) =>
      g.endpoints.filter((e) => e.auth === 'public'),
    );
    expect(acknowledged.filter((f) => f.ruleName === 'AwsSolutions-APIG4')).toHaveLength(
      publicEndpoints.length,
    );
  });

  it("passes cdk-nag's Serverless checks: no dead-letter queue only where none could receive", () => {
    const nag = nagReport('Serverless');
    expect(nag).toMatchObject({ conclusion: 'success', violations: [] });
    const acknowledged = notConsole(nag.suppressedViolations);
    expect(new Set(acknowledged.map((f) => f.ruleName))).toEqual(
      new Set(['Serverless-LambdaDLQ', 'Serverless-SQSRedrivePolicy']),
    );
  });

  describe('the table', () => {
    const definition = tableDefinition();
    const [table] = ofType('AWS::DynamoDB::Table');

    it('has the keys and GSI of shared/store/table.ts', () => {
      expect(table?.Properties.KeySchema).toEqual(definition.KeySchema);
      expect(table?.Properties.GlobalSecondaryIndexes).toEqual(definition.GlobalSecondaryIndexes);
      const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
        String(a.AttributeName).localeCompare(String(b.AttributeName));
      expect([...((table?.Properties.AttributeDefinitions ?? []) as [])].sort(byName)).toEqual(
        [...(definition.AttributeDefinitions ?? [])].sort(byName),
      );
    });

    it('is on demand, recoverable to the second, protected from deletion and retained', () => {
      expect(table?.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
      expect(table?.DeletionPolicy).toBe('Retain');
    });
  });

  describe('the uploads bucket', () => {
    const bucket = resources[uploadsId];
    const distributionId = idOf(stack.console.distribution);

    it('blocks all public access, encrypts with S3-managed keys and logs its accesses', () => {
      expect(bucket?.Type).toBe('AWS::S3::Bucket');
      expect(bucket?.Properties).toMatchObject({
        ...PRIVATE_BUCKET,
        LoggingConfiguration: {
          DestinationBucketName: { Ref: idOf(stack.console.accessLogs) },
          LogFilePrefix: 's3-uploads/',
        },
      });
      expect(bucket?.DeletionPolicy).toBe('Retain');
    });

    it('refuses requests without TLS', () => {
      const policy = ofType('AWS::S3::BucketPolicy').find(
        (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: uploadsId }),
      );
      const document = policy?.Properties.PolicyDocument as { Statement: Json[] } | undefined;
      const statements = document?.Statement ?? [];
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    });

    it('expires every object after 7 days and abandoned multipart parts after 1', () => {
      expect(bucket?.Properties.LifecycleConfiguration).toEqual({
        Rules: [
          {
            Id: 'uploads-are-transient',
            Status: 'Enabled',
            ExpirationInDays: 7,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
        ],
      });
    });

    it("takes POSTs from the console's origin only, and the console's CSP lets its pages post", () => {
      expect(bucket?.Properties.CorsConfiguration).toEqual({
        CorsRules: [
          {
            AllowedMethods: ['POST'],
            AllowedOrigins: [
              {
                'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]],
              },
            ],
            AllowedHeaders: ['*'],
            MaxAge: 3600,
          },
        ],
      });
      const [headers] = ofType('AWS::CloudFront::ResponseHeadersPolicy');
      const csp = JSON.stringify(headers?.Properties);
      expect(csp).toMatch(/connect-src 'self' [^;]*https:\/\/\*\.s3\./);
    });

    it('is named in the outputs (and to every function, above)', () => {
      expect(template.toJSON().Outputs.UploadsBucketName.Value).toEqual({ Ref: uploadsId });
    });
  });

  describe('the functions', () => {
    // The Cognito trigger is no API, task or sweeper: test/unit/infra/auth.test.ts checks it.
    // Nor is CDK's handler that copies the console's build (console.test.ts).
    const others = [idOf(stack.users.tokenClaims), idOf(stack.console.deploymentHandler)];
    const lambdas = ofType('AWS::Lambda::Function').filter(({ id }) => !others.includes(id));

    it('reserve no concurrency: stack creation would fail on an account with a low quota', () => {
      const all = ofType('AWS::Lambda::Function');
      expect(all.length).toBeGreaterThan(20);
      for (const fn of all) {
        expect(fn.Properties).not.toHaveProperty('ReservedConcurrentExecutions');
      }
    });

    it('are one per API route group, one per workflow task and one per sweeper', () => {
      expect(lambdas.map(({ id }) => id).sort()).toEqual(
        functions.map(({ fn }) => idOf(fn)).sort(),
      );
    });

    it('run Node 24 on ARM (ESM bundle, handler `handler`)', () => {
      for (const { id, ...fn } of lambdas) {
        expect(fn.Properties, id).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
        });
      }
    });

    it('know the table, the uploads bucket, the sender, the public URL and source maps', () => {
      const apiId = ofType('AWS::ApiGatewayV2::Api')[0]?.id;
      for (const { id, ...fn } of lambdas) {
        expect((fn.Properties.Environment as Json).Variables, id).toMatchObject({
          ZX_TABLE: { Ref: tableId },
          ZX_UPLOADS_BUCKET: { Ref: uploadsId },
          ZX_MAIL_FROM: 'noreply@mail.example.org',
          ZX_PUBLIC_URL: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] },
          NODE_OPTIONS: '--enable-source-maps',
        });
      }
    });

    it('know the state machine exactly when they start executions, and never as a task', () => {
      for (const { fn, entry, isTask } of functions) {
        const environment = resources[idOf(fn)]?.Properties.Environment as Json | undefined;
        const variables = (environment?.Variables ?? {}) as Json;
        const starts = accessOf(entry).workflow.includes('states:StartExecution');
        expect(variables.ZX_STATE_MACHINE_ARN, entry).toEqual(
          starts && !isTask ? { Ref: machineId } : undefined,
        );
      }
      // Creating an election starts its workflow (SPEC §8 POST /v1/elections).
      expect(accessOf('functions/api/elections.ts').workflow).toContain('states:StartExecution');
    });

    it('have roles without AWS managed policies, each writing only its own log group', () => {
      for (const { fn, entry } of functions) {
        const roleId = idOf(fn.role as never);
        expect(resources[roleId]?.Properties.ManagedPolicyArns, entry).toBeUndefined();
        const logs = statementsByRole
          .get(roleId)
          ?.filter((s) => actionsOf(s)[0]?.startsWith('logs:'));
        expect(logs, entry).toHaveLength(1);
        expect(JSON.stringify(logs?.[0]?.Resource)).toContain(`"Ref":"${idOf(fn.logGroup)}"`);
      }
    });
  });

  it('runs each sweeper every minute, never retried, stale runs dropped to the failed-events queue', () => {
    const rules = ofType('AWS::Events::Rule').filter((r) => r.Properties.ScheduleExpression);
    const sweepers = Object.values(stack.scheduledFunctions);
    expect(sweepers).toHaveLength(3);
    expect(rules).toHaveLength(sweepers.length);
    for (const fn of sweepers) {
      const rule = rules.find((r) =>
        JSON.stringify(r.Properties.Targets).includes(`"${idOf(fn)}"`),
      );
      expect(rule?.Properties).toMatchObject({
        ScheduleExpression: 'rate(1 minute)',
        State: 'ENABLED',
        Targets: [
          {
            Arn: { 'Fn::GetAtt': [idOf(fn), 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [failedEventsId, 'Arn'] } },
          },
        ],
      });
      // One run at a time is a lease in the table (sweeper.ts), not reserved concurrency.
      expect(resources[idOf(fn)]?.Properties).toMatchObject({ Timeout: 120 });
      const invokeConfig = ofType('AWS::Lambda::EventInvokeConfig').find(
        (c) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify({ Ref: idOf(fn) }),
      );
      expect(invokeConfig?.Properties).toMatchObject({
        MaximumEventAgeInSeconds: 60,
        MaximumRetryAttempts: 0,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [failedEventsId, 'Arn'] } },
        },
      });
    }
    expect(accessOf('functions/scheduled/send-notices.ts')).toMatchObject({
      index: ['dynamodb:Query'],
      mail: ['ses:SendEmail'],
      workflow: [],
    });
    expect(accessOf('functions/scheduled/objection-digests.ts')).toMatchObject({
      index: ['dynamodb:Query'],
      mail: ['ses:SendEmail'],
      workflow: [],
    });
    expect(accessOf('functions/scheduled/objection-digests.ts').table).toContain(
      'dynamodb:DeleteItem',
    );
    expect(accessOf('functions/scheduled/start-workflows.ts').workflow).toEqual([
      'states:StartExecution',
    ]);
  });

  describe('IAM', () => {
    it('grants each function the DynamoDB, SES, Step Functions and S3 actions its code calls, no more', () => {
      for (const { fn, entry } of functions) {
        const statements = statementsByRole.get(idOf(fn.role as never)) ?? [];
        const granted = (prefix: string) =>
          [...new Set(statements.flatMap(actionsOf).filter((a) => a.startsWith(prefix)))].sort();
        const access = accessOf(entry);
        expect(granted('dynamodb:'), entry).toEqual(
          [...new Set([...access.table, ...access.index])].sort(),
        );
        expect(granted('ses:'), entry).toEqual(access.mail);
        expect(granted('states:'), entry).toEqual(access.workflow);
        expect(granted('s3:'), entry).toEqual(
          [...new Set([...access.uploads, ...access.uploadsBucket])].sort(),
        );
      }
    });

    it('scopes DynamoDB to the table and its GSI, SES to the sender, Step Functions to the machine, S3 to the uploads bucket, SQS to the failed-events queue', () => {
      const indexArns = (tableDefinition().GlobalSecondaryIndexes ?? []).map((index) => ({
        'Fn::Join': ['', [tableArn, `/index/${index.IndexName}`]],
      }));
      let checked = 0;
      for (const { fn } of functions) {
        for (const statement of statementsByRole.get(idOf(fn.role as never)) ?? []) {
          const [action = ''] = actionsOf(statement);
          if (action.startsWith('dynamodb:')) {
            for (const resource of resourcesOf(statement)) {
              expect([tableArn, ...indexArns]).toContainEqual(resource);
            }
          } else if (action.startsWith('ses:')) {
            expect(JSON.stringify(statement.Resource)).toContain(':identity/');
            expect(statement.Condition).toEqual({
              StringEquals: { 'ses:FromAddress': 'noreply@mail.example.org' },
            });
          } else if (action === 'states:StopExecution') {
            // A cancel stops the executions of the election machine, and nothing else.
            expect(actionsOf(statement)).toEqual(['states:StopExecution']);
            expect(JSON.stringify(statement.Resource)).toContain(`:execution:`);
            expect(JSON.stringify(statement.Resource)).toContain(`"${machineId}","Name"`);
          } else if (action.startsWith('states:')) {
            expect(statement.Resource).toEqual({ Ref: machineId });
          } else if (action.startsWith('xray:')) {
            expect(statement.Resource).toBe('*');
          } else if (action === 's3:ListBucket') {
            expect(actionsOf(statement)).toEqual(['s3:ListBucket']);
            expect(statement.Resource).toEqual(uploadsArn);
          } else if (action.startsWith('s3:')) {
            // Objects of the uploads bucket only; never the bucket's configuration.
            expect(actionsOf(statement).every((a) => /^s3:(Get|Put|Delete)Object$/.test(a))).toBe(
              true,
            );
            expect(statement.Resource).toEqual({ 'Fn::Join': ['', [uploadsArn, '/*']] });
          } else if (action.startsWith('sqs:')) {
            // A sweeper's failed or stale invocation goes to the failed-events queue, only.
            expect(statement.Resource).toEqual({ 'Fn::GetAtt': [failedEventsId, 'Arn'] });
          } else {
            expect(action).toMatch(/^logs:/);
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(functions.length);
    });

    it('grants nothing on every resource (`*`) but the log delivery and X-Ray AWS requires so', () => {
      for (const { id, ...policy } of ofType('AWS::IAM::Policy')) {
        for (const statement of (policy.Properties.PolicyDocument as { Statement: Json[] })
          .Statement) {
          if (actionsOf(statement).every((action) => RESOURCELESS_ACTIONS.has(action))) continue;
          expect(resourcesOf(statement), id).not.toContain('*');
        }
      }
    });

    it('lets the state machine invoke the task functions, start itself (continue-as-new), log and trace, and nothing else', () => {
      const machineRole = idOf(stack.workflow.stateMachine.role as never);
      const statements = statementsByRole.get(machineRole) ?? [];
      const actions = new Set(statements.flatMap(actionsOf));
      expect(actions).toContain('lambda:InvokeFunction');
      for (const action of actions) {
        const allowed =
          action === 'lambda:InvokeFunction' ||
          action === 'states:StartExecution' ||
          RESOURCELESS_ACTIONS.has(action);
        expect(allowed, action).toBe(true);
      }
      const machineId = idOf(stack.workflow.stateMachine as never);
      for (const statement of statements.filter((s) =>
        actionsOf(s).includes('states:StartExecution'),
      )) {
        expect(resourcesOf(statement)).toEqual([{ Ref: machineId }]);
      }
      const invoked = JSON.stringify(statements.map((s) => s.Resource));
      for (const task of WORKFLOW_TASKS) {
        expect(invoked).toContain(`"${idOf(stack.taskFunctions[task])}"`);
      }
      for (const group of Object.keys(apiGroups)) {
        expect(invoked).not.toContain(`"${idOf(stack.apiFunctions[group] as never)}"`);
      }
    });
  });

  it('runs one Standard state machine that invokes every workflow task function', () => {
    const machines = ofType('AWS::StepFunctions::StateMachine');
    expect(machines).toHaveLength(1);
    expect(machines[0]?.Properties.StateMachineType).toBe('STANDARD');
    const definition = JSON.stringify(machines[0]?.Properties.DefinitionString);
    for (const task of WORKFLOW_TASKS) {
      expect(definition, task).toContain(
        JSON.stringify({ 'Fn::GetAtt': [idOf(stack.taskFunctions[task]), 'Arn'] }),
      );
    }
  });

  describe('the HTTP API', () => {
    const routes = new Map(
      ofType('AWS::ApiGatewayV2::Route').map((r) => [String(r.Properties.RouteKey), r]),
    );
    const endpoints = Object.entries(apiGroups).flatMap(([group, { endpoints }]) =>
      endpoints.map((e) => ({
        group,
        key: `${e.method} ${e.path}`,
        isPublic: e.auth === 'public',
      })),
    );

    it('has a route for every endpoint of every group, and no other', () => {
      expect([...routes.keys()].sort()).toEqual(endpoints.map((e) => e.key).sort());
    });

    it("requires a Cognito JWT on exactly the endpoints that are not 'public'", () => {
      const [authorizer] = ofType('AWS::ApiGatewayV2::Authorizer');
      expect(authorizer?.Properties.AuthorizerType).toBe('JWT');
      expect(JSON.stringify(authorizer?.Properties.JwtConfiguration)).toContain(
        idOf(stack.users.userPool),
      );
      for (const endpoint of endpoints) {
        const route = routes.get(endpoint.key)?.Properties;
        if (endpoint.isPublic) {
          expect(route?.AuthorizationType, endpoint.key).toBe('NONE');
        } else {
          expect(route, endpoint.key).toMatchObject({
            AuthorizationType: 'JWT',
            AuthorizerId: { Ref: authorizer?.id },
          });
        }
      }
    });

    it('keeps the approval links, the board, objections and the OpenAPI document public', () => {
      for (const key of [
        'GET /approve/{approvalId}',
        'POST /approve/{approvalId}',
        'GET /public/elections/{id}',
        'GET /openapi.json',
      ]) {
        expect(routes.get(key)?.Properties.AuthorizationType, key).toBe('NONE');
      }
    });
  });

  describe('the user pool', () => {
    it('has one group per API role and admin-created accounts with MFA', () => {
      const groups = ofType('AWS::Cognito::UserPoolGroup').map((g) => g.Properties.GroupName);
      expect(groups.sort()).toEqual([...Role.options].sort());
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
      });
    });

    it('does not let users write their own organizations (custom:orgs)', () => {
      const [client] = ofType('AWS::Cognito::UserPoolClient');
      const writable = client?.Properties.WriteAttributes as string[];
      expect(writable.length).toBeGreaterThan(0);
      expect(writable).not.toContain('custom:orgs');
      expect(client?.Properties.ReadAttributes).toContain('custom:orgs');
    });
  });

  it('verifies the sender domain with SES and outputs what a client needs', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mail.example.org',
    });
    const outputs = Object.keys(template.toJSON().Outputs);
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'StateMachineArn']) {
      expect(outputs).toContain(name);
    }
  });
});
