// Proves the failure rule on the local stack (workflows/README.md, "A stopped execution is
// noticed"): an election execution that really ends ABORTED (StopExecution) or FAILED (its
// tasks and then its halt fail past their retries) halts the election with the reason and
// mails the organizers, through the same handler EventBridge runs on AWS; a stopped execution
// that no longer runs the election — superseded by the recorded current one, or of an election
// already halted, cancelled or completed — is left alone. Done with a 128-character election
// id, whose execution names are shortened: the rule does not depend on them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as localApp from '../../../infra/local/app.ts';
import type { LocalLambdaHandler } from '../../../infra/local/lambda-context.ts';
import { type LocalStack, startLocalStack } from '../../../infra/local/stack.ts';
import { workflowExecutionName } from '../../../shared/aws/step-functions.ts';
import { launchElection, planElection } from '../../../shared/election/elections/create.ts';
import type { ElectionStage } from '../../../shared/rules/index.ts';
import { getElection, StaleElection, saveElection } from '../../../shared/store/elections.ts';
import { getCurrentExecution } from '../../../shared/store/executions.ts';
import { getOrganization } from '../../../shared/store/organizations.ts';
import type { ElectionRecord } from '../../../shared/store/records.ts';
import type { StoppedDecision } from '../../../shared/workflow/failed-execution.ts';
import { roll } from '../../support/builders.ts';
import { seedOrganization } from '../../support/seed.ts';
import { eventually, sfnClient } from './helpers.ts';

const ORG = 'wf-failed-org';
const ORGANIZERS = ['wf-failed@superior.example.cn'];
/** Elections whose tasks all fail, the halt included: their executions end FAILED. */
const BROKEN = 'broken-';

const dataDir = mkdtempSync(join(tmpdir(), 'zx-wf-failed-'));
let stack: LocalStack;
/** What the failure handler decided, by stopped execution name. */
const decisions = new Map<string, StoppedDecision>();

/** The product's app, but the tasks of a BROKEN election throw, and the handler's answers are kept. */
const testApp = async (): Promise<typeof localApp> => {
  const app = await import('../../../infra/local/app.ts');
  const broken = (handler: LocalLambdaHandler): LocalLambdaHandler =>
    ((event: { electionId?: string }, context) => {
      if (event.electionId?.startsWith(BROKEN)) throw new Error('this task is broken (test)');
      return handler(event as never, context);
    }) as LocalLambdaHandler;
  return {
    ...app,
    lambdaHandlers: Object.fromEntries(
      Object.entries(app.lambdaHandlers).map(([name, handler]) => [name, broken(handler)]),
    ),
    executionStopped: (async (event: { detail: { name: string } }, context) => {
      const decision = (await app.executionStopped(event as never, context)) as StoppedDecision;
      decisions.set(event.detail.name, decision);
      return decision;
    }) as LocalLambdaHandler,
  };
};

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, dataDir, loadApp: testApp, log: () => {} });
  await seedOrganization(
    {
      id: ORG,
      name: '测试社区党委',
      level: 'branch',
      superior: { name: '测试街道党工委', emails: ORGANIZERS },
    },
    roll(12, 'wf'),
  );
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const sfn = () => sfnClient(stack.stepFunctions.endpoint);
const machine = localApp.ELECTION_STATE_MACHINE_ARN;
const arnOf = (name: string) => `${machine.replace(':stateMachine:', ':execution:')}:${name}`;

/** An election of ORG through the product's own start (recorded, then started); far ahead. */
const launch = async (id: string, dayLengthMs = 86_400_000): Promise<ElectionRecord> => {
  const org = await getOrganization(ORG);
  if (!org) throw new Error('no organization');
  const plan = planElection(
    {
      orgId: ORG,
      preset: 'community',
      seats: { secretary: 1, deputies: 0, members: 2 },
      startsAt: new Date(Date.now() + 10_000 * dayLengthMs).toISOString(),
      dayLengthMs,
    },
    org,
    'test',
    { id },
  );
  return launchElection(plan, 'test');
};

const status = async (name: string) =>
  (await sfn().send(new DescribeExecutionCommand({ executionArn: arnOf(name) }))).status;

const running = (name: string) =>
  eventually(async () => ((await status(name)) === 'RUNNING' ? name : undefined), 15_000);

const stop = (name: string) =>
  sfn().send(new StopExecutionCommand({ executionArn: arnOf(name), cause: 'operator (test)' }));

const decided = (name: string) => eventually(() => decisions.get(name), 30_000);

/** A second execution of the election, as a duplicate start would make one. */
const stray = async (electionId: string, name: string) => {
  await sfn().send(
    new StartExecutionCommand({
      stateMachineArn: machine,
      name,
      input: JSON.stringify({ electionId }),
    }),
  );
  return running(name);
};

const haltedMail = async (electionId: string) =>
  (await stack.ses.listMail()).filter(
    (m) => m.subject.includes('选举已暂停') && (m.text ?? '').includes(electionId.slice(0, 20)),
  );

/** Moves the election to an end stage, as a cancellation or the last stage would. */
const endElection = async (id: string, stage: ElectionStage) => {
  for (;;) {
    const election = (await getElection(id)) as ElectionRecord;
    try {
      return await saveElection(
        { ...election, stage },
        { scope: `ELECTION#${id}`, actor: 'test', action: 'test-ended', data: { stage } },
      );
    } catch (error) {
      if (!(error instanceof StaleElection)) throw error;
    }
  }
};

describe.concurrent('a stopped workflow execution', () => {
  it('128-character id: a stray stopped execution is superseded while the recorded one runs (through continuations); stopping that one halts the election and mails the organizers; a later stop changes nothing', async () => {
    const id = `long-${'0123456789abcdef'.repeat(8)}`.slice(0, 128);
    expect(id).toHaveLength(128);
    // 30 calendar days are 12 s: the execution soon continues as new, under a shortened name
    // (and the test's steps are done well within the next 12 s).
    await launch(id, 400);
    const start = workflowExecutionName(id, 'start');
    expect(start.startsWith(`${id}-`)).toBe(false);
    const current = await eventually(async () => {
      const recorded = (await getCurrentExecution(id))?.execution;
      return recorded && recorded !== start && (await status(recorded)) === 'RUNNING'
        ? recorded
        : undefined;
    }, 30_000);
    expect(await status(start)).toBe('SUCCEEDED');
    expect(current.length).toBeLessThanOrEqual(80);

    // A stray execution of the election stops: the recorded one runs, so nothing is halted.
    const first = await stray(id, 'stray-long-1');
    await stop(first);
    expect(await decided(first)).toMatchObject({ outcome: 'ignored', why: 'superseded' });
    expect((await getElection(id))?.stage).toBe('announcement');

    // The execution that runs the election stops: halted, with the reason; the organizers told.
    const second = await stray(id, 'stray-long-2');
    const now = (await getCurrentExecution(id))?.execution as string;
    await stop(now);
    expect(await decided(now)).toMatchObject({ outcome: 'halted' });
    const halted = await getElection(id);
    expect(halted?.stage).toBe('halted');
    expect(halted?.haltReason).toBe(`工作流执行异常终止(ABORTED,operator (test)),执行 ${now}`);
    const mail = await eventually(async () => {
      const sent = await haltedMail(id);
      return sent.length > 0 ? sent : undefined;
    });
    expect(mail.map((m) => m.to)).toEqual([ORGANIZERS]);
    expect(mail[0]?.text).toContain('ABORTED');

    // Another stop of the halted election's execution: left alone, nobody mailed again.
    await stop(second);
    expect(await decided(second)).toMatchObject({ outcome: 'ignored', why: 'ended' });
    expect((await getElection(id))?.haltReason).toBe(halted?.haltReason);
    expect(await haltedMail(id)).toHaveLength(1);
  }, 90_000);

  it('FAILED: tasks and the halt failing past their retries fail the execution; the rule halts the election with the error and mails the organizers', async () => {
    const id = `${BROKEN}0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
    await launch(id);
    const name = workflowExecutionName(id, 'start');
    const failed = await eventually(async () => {
      const execution = await sfn().send(
        new DescribeExecutionCommand({ executionArn: arnOf(name) }),
      );
      return execution.status === 'RUNNING' ? undefined : execution;
    }, 60_000);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe('HaltFailed');
    expect(await decided(name)).toMatchObject({ outcome: 'halted' });
    const election = await getElection(id);
    expect(election?.stage).toBe('halted');
    expect(election?.haltReason).toContain('工作流执行异常终止(FAILED,HaltFailed');
    expect(election?.haltReason).toContain('this task is broken (test)');
    expect(election?.haltReason).toContain(`执行 ${name}`);
    const mail = await eventually(async () => {
      const sent = await haltedMail(id);
      return sent.length > 0 ? sent : undefined;
    });
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to).toEqual(ORGANIZERS);
  }, 90_000);

  it('leaves alone the stopped execution of a cancelled or completed election', async () => {
    for (const stage of ['cancelled', 'completed'] as const) {
      const id = `ended-${stage}-7c0d8e4a-2f61-4b3e-9a55-0e3b1f2c4d5e`;
      await launch(id);
      const name = await running(workflowExecutionName(id, 'start'));
      await endElection(id, stage);
      await stop(name);
      expect(await decided(name)).toMatchObject({ outcome: 'ignored', why: 'ended' });
      expect((await getElection(id))?.stage).toBe(stage);
      expect(await haltedMail(id)).toEqual([]);
    }
  }, 60_000);
});
