// Proves starting an election's workflow is idempotent against the local Step Functions: a
// second start of the same election — while its execution runs, or after it ended — starts
// nothing new and is no error (a sweeper may repeat a start a request already made).
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  localStateMachineArn,
  type StepFunctionsLocal,
  startStepFunctions,
} from '../../../infra/local/sfn/service.ts';
import { startWorkflow } from '../../../shared/aws/step-functions.ts';
import { eventually, sfnClient } from '../local/helpers.ts';

const machineArn = localStateMachineArn('zx-client-test');
let sfn: StepFunctionsLocal;
let release: () => void = () => {};

beforeAll(async () => {
  sfn = await startStepFunctions({
    stateMachines: {
      [machineArn]: {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'work', 'Payload.$': '$' },
            End: true,
          },
        },
      },
    },
    lambdaHandlers: {
      work: () =>
        new Promise<void>((done) => {
          release = done;
        }),
    },
    log: () => {},
  });
  vi.stubEnv('AWS_ENDPOINT_URL_SFN', sfn.endpoint);
  vi.stubEnv('ZX_STATE_MACHINE_ARN', machineArn);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await sfn?.stop();
});

const executions = async () => {
  const { executions = [] } = await sfnClient(sfn.endpoint).send(
    new ListExecutionsCommand({ stateMachineArn: machineArn }),
  );
  return executions.map((e) => [e.name, e.status]);
};

describe('startWorkflow', () => {
  it('starts one execution per election however often it is asked, running or ended', async () => {
    await startWorkflow('el-1');
    await startWorkflow('el-1'); // while it runs
    expect(await executions()).toEqual([['el-1-start', 'RUNNING']]);
    release();
    await eventually(async () => ((await executions())[0]?.[1] === 'SUCCEEDED' ? true : undefined));
    await startWorkflow('el-1'); // after it ended
    expect(await executions()).toEqual([['el-1-start', 'SUCCEEDED']]);
  });

  it('still refuses what Step Functions refuses for another reason', async () => {
    vi.stubEnv('ZX_STATE_MACHINE_ARN', localStateMachineArn('no-such-machine'));
    await expect(startWorkflow('el-2')).rejects.toThrow(/State Machine Does Not Exist/i);
    vi.stubEnv('ZX_STATE_MACHINE_ARN', machineArn);
  });
});
