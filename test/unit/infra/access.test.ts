// Proves each function's grants are read from its code: every AWS SDK command it can reach
// maps to the IAM actions it needs, code it cannot reach grants nothing, and an unknown
// command stops the synth instead of failing on AWS.
import { describe, expect, it } from 'vitest';
import { accessFromCode, accessOf } from '../../../infra/access.ts';

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
    });
  });

  it('lets queries (also through a paginator) read the GSI, and nothing else', () => {
    expect(accessFromCode('for await (const p of paginateQuery({ client }, {})) {}', 'x')).toEqual({
      table: ['dynamodb:Query'],
      index: ['dynamodb:Query'],
      mail: [],
      workflow: [],
      secrets: [],
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

  it('refuses a command it has no IAM actions for, naming the code and the command', () => {
    expect(() => accessFromCode('new DeleteStateMachineCommand({})', 'functions/api/x.ts')).toThrow(
      /functions\/api\/x\.ts calls DeleteStateMachineCommand/,
    );
  });
});

describe('accessOf', () => {
  it('finds nothing in the rules: the domain never touches AWS', () => {
    expect(accessOf('shared/rules/index.ts')).toEqual({
      table: [],
      index: [],
      mail: [],
      workflow: [],
      secrets: [],
    });
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

  it('grants only what the entry reaches: releasing a token starts no execution', () => {
    expect(accessOf('test/unit/infra/fixtures/releases-a-token.ts')).toEqual({
      table: [],
      index: [],
      mail: [],
      workflow: ['states:SendTaskSuccess'],
      secrets: [],
    });
  });

  it('names the entry when it cannot be bundled', () => {
    expect(() => accessOf('functions/api/no-such-group.ts')).toThrow(
      /functions\/api\/no-such-group\.ts: cannot bundle it/,
    );
  });
});
