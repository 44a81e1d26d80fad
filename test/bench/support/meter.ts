import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { StateMachine } from 'aws-local-stepfunctions';
import type { LocalLambdaHandler } from '../../../infra/local/lambda-context.ts';
import type { LocalApp } from '../../../infra/local/stack.ts';
import { documentClient } from '../../../shared/store/client.ts';

/**
 * Counts what an election costs on AWS, measured on the local stack: Lambda invocations and
 * their duration (every route group and workflow task wrapped), DynamoDB capacity units (a
 * middleware on the product's document client asks each call for its ConsumedCapacity, which
 * DynamoDB Local answers), and Step Functions state transitions (the interpreter's event log,
 * teed). Each DynamoDB call is put in a class by its key — ballots, notices, roll, other — so
 * that what grows with the membership can be scaled.
 */

export type KeyClass = 'ballot' | 'notice' | 'roll' | 'other';

export interface LambdaCount {
  invocations: number;
  ms: number;
}

export interface Meter {
  lambda: Map<string, LambdaCount>;
  /** Capacity units by key class and kind. */
  dynamo: Record<KeyClass, { read: number; write: number; calls: number }>;
  transitions: { entered: number; retried: number; executions: number };
  /** Ballot entry requests (`POST …/ballots`): they grow with the ballots. */
  ballotRequests: number;
}

export const newMeter = (): Meter => ({
  lambda: new Map(),
  dynamo: {
    ballot: { read: 0, write: 0, calls: 0 },
    notice: { read: 0, write: 0, calls: 0 },
    roll: { read: 0, write: 0, calls: 0 },
    other: { read: 0, write: 0, calls: 0 },
  },
  transitions: { entered: 0, retried: 0, executions: 0 },
  ballotRequests: 0,
});

const timed = (meter: Meter, name: string, handler: LocalLambdaHandler): LocalLambdaHandler =>
  (async (event: never, context: never) => {
    const start = performance.now();
    try {
      return await handler(event, context);
    } finally {
      const count = meter.lambda.get(name) ?? { invocations: 0, ms: 0 };
      count.invocations += 1;
      // Billed per started millisecond.
      count.ms += Math.ceil(performance.now() - start);
      meter.lambda.set(name, count);
    }
  }) as LocalLambdaHandler;

/** The app with every route and task handler timed. */
export const meterApp =
  (meter: Meter) =>
  (app: LocalApp): LocalApp => ({
    ...app,
    routes: app.routes.map((route) => {
      const name = route.functionName ?? 'zx-api';
      const handler = timed(meter, name, route.handler as LocalLambdaHandler);
      return {
        ...route,
        handler: (event: APIGatewayProxyEventV2, context) => {
          if (event.routeKey?.endsWith('/ballots')) meter.ballotRequests += 1;
          return handler(event as never, context as never);
        },
      };
    }),
    lambdaHandlers: Object.fromEntries(
      Object.entries(app.lambdaHandlers).map(([name, handler]) => [
        name,
        timed(meter, name, handler),
      ]),
    ),
  });

type Json = Record<string, unknown>;
const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  const wrapped = (value as { S?: unknown } | undefined)?.S;
  return typeof wrapped === 'string' ? wrapped : undefined;
};

/** The first key an input names: its partition key and sort key (or sort-key prefix). */
const keyOf = (input: Json): { pk?: string; sk?: string } => {
  const fromItem = (item: Json | undefined) =>
    item ? { pk: text(item.pk), sk: text(item.sk) } : undefined;
  const transact = (input.TransactItems as Json[] | undefined)?.[0];
  if (transact) {
    const op = Object.values(transact)[0] as Json;
    return fromItem((op.Item ?? op.Key) as Json) ?? {};
  }
  const batch = input.RequestItems as Record<string, Json[]> | undefined;
  if (batch) {
    const first = Object.values(batch)[0]?.[0] as Json | undefined;
    const put = first?.PutRequest as Json | undefined;
    const del = first?.DeleteRequest as Json | undefined;
    const keys = (first?.Keys as Json[] | undefined)?.[0];
    return fromItem((put?.Item ?? del?.Key ?? keys) as Json) ?? {};
  }
  const direct = fromItem((input.Item ?? input.Key) as Json | undefined);
  if (direct) return direct;
  const values = (input.ExpressionAttributeValues ?? {}) as Json;
  const strings = Object.values(values)
    .map(text)
    .filter((v): v is string => v !== undefined);
  return { pk: text(values[':pk']) ?? strings[0], sk: strings.find((v) => v.endsWith('#')) };
};

export const classOf = (input: Json): KeyClass => {
  const { pk = '', sk = '' } = keyOf(input);
  if (pk.startsWith('BALLOTS#')) return 'ballot';
  if (sk.startsWith('NOTICE')) return 'notice';
  if (pk.includes('#ROLL#')) return 'roll';
  return 'other';
};

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
  'GetCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetCommand',
  'TransactGetCommand',
]);

/** Asks every call of the product's document client for its consumed capacity, and adds it up. */
export const meterDynamoDb = (meter: Meter): void => {
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Json;
      input.ReturnConsumedCapacity = 'TOTAL';
      const kind = classOf(input);
      const result = await next(args);
      const consumed = (result.output as Json).ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
        (total: number, c: Json) => total + Number(c.CapacityUnits ?? 0),
        0,
      );
      const bucket = meter.dynamo[kind];
      bucket.calls += 1;
      if (READS.has(String(context.commandName))) bucket.read += units;
      else bucket.write += units;
      return result;
    },
    { step: 'initialize', name: 'zxBenchConsumedCapacity' },
  );
};

/**
 * Tees the Step Functions interpreter's event log: a state entered is a state transition on AWS
 * (retries count too). The local guard in front of each Wait (`X` → `X (local wait)`) is one
 * state on AWS: the renamed Wait is not counted.
 */
export const meterStateMachines = (meter: Meter): void => {
  const run = StateMachine.prototype.run;
  StateMachine.prototype.run = function (this: StateMachine, ...args: Parameters<typeof run>) {
    const execution = run.apply(this, args);
    meter.transitions.executions += 1;
    const events = execution.eventLogs;
    async function* counted() {
      for await (const event of events) {
        if (event.type === 'StateEntered' && !event.state.name.endsWith(' (local wait)')) {
          meter.transitions.entered += 1;
        }
        if (event.type === 'StateRetried') meter.transitions.retried += 1;
        yield event;
      }
    }
    return { ...execution, eventLogs: counted() } as ReturnType<typeof run>;
  };
};
