// Proves each function's grants are read from its code: every AWS SDK command it can reach
// maps to the IAM actions it needs (a presigned POST as the PutObject S3 checks it as), code
// it cannot reach grants nothing, and an unknown command stops the synth instead of failing
// on AWS.
import { describe, expect, it } from 'vitest';
import { accessFromCode, accessOf, noAccess } from '../../../infra/access.ts';

describe('accessFromCode', () => {
  it('maps a transaction to the item actions IAM checks it by', () => {
    expect(accessFromCode('await c.send(new TransactWriteCommand({}));', 'x')).toEqual({
      table: [
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ],
      index: [],
      mail: [],
      workflow: [],
      secrets: [],
      uploads: [],
      uploadsBucket: [],
    });
  });

  it('lets queries (also through a paginator) read the GSI, and nothing else', () => {
    expect(accessFromCode('for await (const p of paginateQuery({ client }, {})) {}', 'x')).toEqual({
      table: ['dynamodb:Query'],
      index: ['dynamodb:Query'],
      mail: [],
      workflow: [],
      secrets: [],
      uploads: [],
      uploadsBucket: [],
    });
    expect(accessFromCode('new GetCommand2({})', 'x').index).toEqual([]);
  });

  it('maps mail and the workflow calls, also through a namespace import', () => {
    const access = accessFromCode(
      'new sdk.SendEmailCommand({}); new StartExecutionCommand({}); new SendTaskSuccessCommand({})',
      'x',
    );
    expect(access.mail).toEqual(['ses:SendEmail']);
    expect(access.workflow).toEqual(['states:SendTaskSuccess', 'states:StartExecution']);
  });

  it('lets a presigned POST put, and a HeadObject list the bucket so a missing upload is a 404', () => {
    expect(accessFromCode('await createPresignedPost2(client, {})', 'x')).toMatchObject({
      uploads: ['s3:PutObject'],
      uploadsBucket: [],
    });
    expect(accessFromCode('new HeadObjectCommand({})', 'x')).toMatchObject({
      uploads: ['s3:GetObject'],
      uploadsBucket: ['s3:ListBucket'],
    });
    expect(
      accessFromCode('new GetObjectCommand({}); new DeleteObjectCommand({})', 'x'),
    ).toMatchObject({ uploads: ['s3:DeleteObject', 's3:GetObject'], uploadsBucket: [] });
  });

  it('refuses a command it has no IAM actions for, naming the code and the command', () => {
    expect(() => accessFromCode('new DeleteStateMachineCommand({})', 'functions/api/x.ts')).toThrow(
      /functions\/api\/x\.ts calls DeleteStateMachineCommand/,
    );
  });
});

describe('accessOf', () => {
  it('finds nothing in the rules: the domain never touches AWS', () => {
    expect(accessOf('shared/rules/index.ts')).toEqual(noAccess());
  });

  it('finds every call of a module whose exports are all reachable', () => {
    const access = accessOf('shared/aws/step-functions.ts');
    expect(access.workflow).toEqual([
      'states:ListExecutions',
      'states:SendTaskSuccess',
      'states:StartExecution',
      'states:StopExecution',
    ]);
  });

  it('finds every S3 call of the uploads module, and no other service', () => {
    expect(accessOf('shared/uploads/bucket.ts')).toEqual({
      table: [],
      index: [],
      mail: [],
      workflow: [],
      secrets: [],
      uploads: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      uploadsBucket: ['s3:ListBucket'],
    });
  });

  it('grants only what the entry reaches: releasing a token starts no execution', () => {
    expect(accessOf('test/unit/infra/fixtures/releases-a-token.ts')).toEqual({
      table: [],
      index: [],
      mail: [],
      workflow: ['states:SendTaskSuccess'],
      secrets: [],
      uploads: [],
      uploadsBucket: [],
    });
  });

  it('names the entry when it cannot be bundled', () => {
    expect(() => accessOf('functions/api/no-such-group.ts')).toThrow(
      /functions\/api\/no-such-group\.ts: cannot bundle it/,
    );
  });
});
