import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One document client per process. The endpoint comes from the SDK's own settings
 * (AWS_ENDPOINT_URL_DYNAMODB locally), so no code path exists only for the local stack.
 */
let client: DynamoDBDocumentClient | undefined;

export const documentClient = (): DynamoDBDocumentClient => {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return client;
};

/** For tests that point a fresh client at another endpoint. */
export const resetDocumentClient = (): void => {
  client = undefined;
};
