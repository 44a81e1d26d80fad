import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from './table.ts';

/** Creates the table where CDK does not (the local stack); an existing table is left as it is. */
export const ensureTable = async (): Promise<void> => {
  try {
    await new DynamoDBClient({}).send(new CreateTableCommand(tableDefinition()));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
};
