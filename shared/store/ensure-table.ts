import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from './table.ts';

/**
 * Creates the table where CDK does not (the local stack). An existing table keeps its items
 * and gets the indexes it lacks (a data directory made before an index was added), one at a
 * time as DynamoDB allows.
 */
export const ensureTable = async (): Promise<void> => {
  const client = new DynamoDBClient({});
  const definition = tableDefinition();
  try {
    await client.send(new CreateTableCommand(definition));
    return;
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const { Table } = await client.send(
    new DescribeTableCommand({ TableName: definition.TableName }),
  );
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: definition.TableName,
        AttributeDefinitions: definition.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.IndexName,
              KeySchema: index.KeySchema,
              Projection: index.Projection,
            },
          },
        ],
      }),
    );
  }
};
