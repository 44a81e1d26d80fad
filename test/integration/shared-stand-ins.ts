import { inject } from 'vitest';

/** The endpoint of the run's shared in-memory DynamoDB Local (started on first call). */
export async function sharedDynamoDb(): Promise<string> {
  const response = await fetch(`${inject('standInsBroker')}/dynamodb`);
  if (!response.ok) throw new Error(`DynamoDB Local did not start: ${await response.text()}`);
  return ((await response.json()) as { endpoint: string }).endpoint;
}
