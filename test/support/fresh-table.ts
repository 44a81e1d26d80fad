import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resetDocumentClient } from '../../shared/store/client.ts';
import { tableDefinition } from '../../shared/store/table.ts';
import { sharedDynamoDb } from '../integration/shared-stand-ins.ts';

/** Points the store at the run's DynamoDB Local, through the SDK's own settings, on a new table. */
export const freshTable = async (): Promise<string> => {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = await sharedDynamoDb();
  process.env.AWS_REGION = 'local';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  const name = `zx-test-${randomUUID().slice(0, 8)}`;
  process.env.ZX_TABLE = name;
  resetDocumentClient();
  await new DynamoDBClient({}).send(new CreateTableCommand(tableDefinition(name)));
  return name;
};
