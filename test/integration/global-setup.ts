// Vitest globalSetup: one DynamoDB Local (in memory) for the whole run, started only when a
// test asks for it (unit-only runs never start Java). Tests call `sharedDynamoDb()`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDb } from '../../infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the broker below; see `shared-stand-ins.ts`. */
    standInsBroker: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let dynamoDb: Promise<DynamoDbLocal> | undefined;
  // Test files run in workers; this small server in the main process hands them the one
  // instance, started on first request.
  const broker = createServer((request, response) => {
    if (request.url !== '/dynamodb') {
      response.writeHead(404).end();
      return;
    }
    dynamoDb ??= startDynamoDb();
    dynamoDb.then(
      (it) => response.end(JSON.stringify({ endpoint: it.endpoint })),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((done) => broker.listen(0, '127.0.0.1', done));
  project.provide('standInsBroker', `http://127.0.0.1:${(broker.address() as AddressInfo).port}`);
  return async () => {
    broker.close();
    await dynamoDb?.then(
      (it) => it.stop(),
      () => {},
    );
  };
}
