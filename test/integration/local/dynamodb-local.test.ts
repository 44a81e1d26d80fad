// Proves the embedded DynamoDB is the real DynamoDB Local: a TransactWriteItems whose
// condition fails is rejected whole (nothing written), every client sees one database
// (sharedDb), data under a data dir survives a restart, and stop() leaves no Java behind.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDynamoDb } from '../../../infra/local/dynamodb-local.ts';
import { sharedDynamoDb } from '../shared-stand-ins.ts';
import { dummyAws } from './helpers.ts';

const table = `t${Date.now()}`;
const documents = (endpoint: string, region = dummyAws.region, accessKeyId = 'test') =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey: 'x' } }),
  );
const createTable = (endpoint: string, TableName: string) =>
  documents(endpoint).send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );

let endpoint: string;
beforeAll(async () => {
  endpoint = await sharedDynamoDb();
  await createTable(endpoint, table);
});

it('rejects a whole TransactWriteItems when one condition fails', async () => {
  const db = documents(endpoint);
  await db.send(new PutCommand({ TableName: table, Item: { pk: 'ballot#1', counted: true } }));
  const transaction = db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table, Item: { pk: 'tally#1', votes: 1 } } },
        {
          Put: {
            TableName: table,
            Item: { pk: 'ballot#1', counted: true },
            ConditionExpression: 'attribute_not_exists(pk)', // already counted: fails
          },
        },
      ],
    }),
  );
  await expect(transaction).rejects.toBeInstanceOf(TransactionCanceledException);
  await expect(transaction).rejects.toMatchObject({
    CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
  });
  const tally = await db.send(new GetCommand({ TableName: table, Key: { pk: 'tally#1' } }));
  expect(tally.Item).toBeUndefined();
});

it('shows one database to every client, whatever its region and key (sharedDb)', async () => {
  await documents(endpoint).send(new PutCommand({ TableName: table, Item: { pk: 'shared' } }));
  // (DynamoDB Local only accepts letters and digits in an access key id.)
  const other = documents(endpoint, 'cn-north-1', 'someoneElse');
  expect(
    (await other.send(new GetCommand({ TableName: table, Key: { pk: 'shared' } }))).Item,
  ).toEqual({
    pk: 'shared',
  });
});

const dataDir = mkdtempSync(join(tmpdir(), 'zx-ddb-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('keeps the data of a data dir across a restart, and stops its Java', async () => {
  const first = await startDynamoDb({ dataDir });
  await createTable(first.endpoint, 'durable');
  await documents(first.endpoint).send(
    new PutCommand({ TableName: 'durable', Item: { pk: 'kept', n: 7 } }),
  );
  await first.stop();
  expect(existsSync(`/proc/${first.pid}`)).toBe(false);

  const second = await startDynamoDb({ dataDir });
  try {
    const read = await documents(second.endpoint).send(
      new GetCommand({ TableName: 'durable', Key: { pk: 'kept' } }),
    );
    expect(read.Item).toEqual({ pk: 'kept', n: 7 });
  } finally {
    await second.stop();
  }
  expect(existsSync(`/proc/${second.pid}`)).toBe(false);
}, 60_000);
