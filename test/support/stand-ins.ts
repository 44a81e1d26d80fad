// Stand-ins the API tests start beside DynamoDB Local and SES Local.
import { createServer } from 'node:http';
import { close, listen } from '../../infra/local/listen.ts';
import { type SesLocal, startSes } from '../../infra/local/ses-local.ts';
import { startTestApi, type TestApi } from './api.ts';
import { freshTable } from './fresh-table.ts';

export interface Released {
  token: string;
  output: unknown;
}

export interface FakeStepFunctions {
  endpoint: string;
  /** The input of every StartExecution, in order. */
  started: unknown[];
  /** Every SendTaskSuccess, in order: its token and output. */
  released: Released[];
  stop(): Promise<void>;
}

/**
 * A Step Functions endpoint that only records StartExecution and SendTaskSuccess and answers
 * `{}`, so that releaseToken and startWorkflow run for real against it.
 */
export const fakeStepFunctions = async (): Promise<FakeStepFunctions> => {
  const started: unknown[] = [];
  const released: Released[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const target = String(request.headers['x-amz-target']);
      if (target.endsWith('SendTaskSuccess')) {
        const { taskToken, output } = JSON.parse(body) as { taskToken: string; output: string };
        released.push({ token: taskToken, output: JSON.parse(output) });
      } else if (target.endsWith('StartExecution')) {
        started.push(JSON.parse((JSON.parse(body) as { input: string }).input));
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
  });
  const port = await listen(server);
  return { endpoint: `http://127.0.0.1:${port}`, started, released, stop: () => close(server) };
};

export interface ApiStandIns {
  api: TestApi;
  ses: SesLocal;
  sfn: FakeStepFunctions;
  stop(): Promise<void>;
}

/**
 * A fresh table, SES Local and the fake Step Functions endpoint (the API's SDK clients pointed at
 * them), then the API; `seed` runs on the table before the API starts.
 */
export const startApiStandIns = async (seed?: () => Promise<void>): Promise<ApiStandIns> => {
  await freshTable();
  const ses = await startSes();
  const sfn = await fakeStepFunctions();
  process.env.AWS_ENDPOINT_URL_SES = ses.endpoint;
  process.env.AWS_ENDPOINT_URL_SFN = sfn.endpoint;
  await seed?.();
  const api = await startTestApi();
  return {
    api,
    ses,
    sfn,
    stop: async () => {
      await api.stop();
      await ses.stop();
      await sfn.stop();
    },
  };
};
