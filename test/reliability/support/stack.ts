import { resetDocumentClient } from '../../../shared/store/client.ts';
import { type BenchStack, startBenchStack } from '../../bench/support/stack.ts';
import { type FaultPlan, type FaultProxy, startFaultProxy } from './fault-proxy.ts';

/**
 * The local stack in this process with a fault proxy in front of DynamoDB Local and one in
 * front of SES: the product's SDK clients (and this test's store calls) go through them.
 */
export interface FaultyStack extends BenchStack {
  dynamoDb: FaultProxy;
  ses: FaultProxy;
  /** Faults on (plans) or off (null) for both. */
  faults(plans: { dynamoDb: FaultPlan | null; ses: FaultPlan | null }): void;
}

export const startFaultyStack = async (dayLengthMs: number): Promise<FaultyStack> => {
  const proxies: { dynamoDb?: FaultProxy; ses?: FaultProxy } = {};
  const bench = await startBenchStack({
    dayLengthMs,
    // Runs once the stand-ins are up and the SDK points at them, before the app is served.
    wrapApp: async (app) => {
      proxies.dynamoDb = await startFaultProxy(
        'dynamodb',
        process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
      );
      proxies.ses = await startFaultProxy('ses', process.env.AWS_ENDPOINT_URL_SES ?? '');
      process.env.AWS_ENDPOINT_URL_DYNAMODB = proxies.dynamoDb.url;
      process.env.AWS_ENDPOINT_URL_SES = proxies.ses.url;
      process.env.AWS_ENDPOINT_URL_SESV2 = proxies.ses.url;
      resetDocumentClient();
      return app;
    },
  });
  const dynamoDb = proxies.dynamoDb as FaultProxy;
  const ses = proxies.ses as FaultProxy;
  return {
    ...bench,
    dynamoDb,
    ses,
    faults(plans) {
      dynamoDb.setPlan(plans.dynamoDb);
      ses.setPlan(plans.ses);
    },
    async stop() {
      await bench.stop();
      await dynamoDb.stop();
      await ses.stop();
    },
  };
};
