// Proves the local stack runs the state machine CDK deploys: the ASL it registers is the
// template's DefinitionString with only the task functions' ARNs made local, every Lambda task
// reaches the real handler of its functions/tasks module, and the local service accepts it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as closeStage from '../../../functions/tasks/close-stage.ts';
import * as loadElection from '../../../functions/tasks/load-election.ts';
import {
  ELECTION_STATE_MACHINE_ARN,
  lambdaHandlers,
  setup,
  stateMachines,
} from '../../../infra/local/app.ts';
import { LOCAL_ACCOUNT_ID, localRegion } from '../../../infra/local/lambda-context.ts';
import { prepareDefinition } from '../../../infra/local/sfn/definition.ts';
import { localStateMachineArn } from '../../../infra/local/sfn/service.ts';
import {
  localTaskFunctionName,
  resolveIntrinsics,
  STANDARD_MAX_SECONDS,
  synthesizedWorkflow,
} from '../../../infra/local/synthesized-workflow.ts';
import { WORKFLOW_TASKS } from '../../../workflows/election-workflow.ts';

vi.mock('../../../shared/store/ensure-table.ts', () => ({ ensureTable: async () => {} }));

type Json = Record<string, unknown>;

const workflow = synthesizedWorkflow();
const registered = stateMachines[ELECTION_STATE_MACHINE_ARN] as Json;

/** Every Task state, nested ones (Parallel branches, Map processors) included. */
const taskStates = (states: Record<string, Json>): Json[] =>
  Object.values(states).flatMap((state) => [
    ...(state.Type === 'Task' ? [state] : []),
    ...((state.Branches as Json[] | undefined) ?? []).flatMap((b) =>
      taskStates(b.States as Record<string, Json>),
    ),
    ...[(state.ItemProcessor ?? state.Iterator) as Json | undefined].flatMap((p) =>
      p ? taskStates(p.States as Record<string, Json>) : [],
    ),
  ]);

describe('the local election workflow', () => {
  it('is registered under the local ARN of zx-election, and is the only state machine', () => {
    expect(ELECTION_STATE_MACHINE_ARN).toBe(localStateMachineArn('zx-election'));
    expect(Object.keys(stateMachines)).toEqual([ELECTION_STATE_MACHINE_ARN]);
    expect(registered).toBe(workflow.definition);
  });

  it("is the template's DefinitionString with each task function's ARN made local", () => {
    // Resolved here by hand, part by part, independently of resolveIntrinsics.
    const [separator, parts] = (workflow.templateDefinition as { 'Fn::Join': [string, unknown[]] })[
      'Fn::Join'
    ];
    const taskByLogicalId = new Map(WORKFLOW_TASKS.map((t) => [workflow.logicalIds[t], t]));
    const text = parts
      .map((part) => {
        if (typeof part === 'string') return part;
        if (JSON.stringify(part) === '{"Ref":"AWS::Partition"}') return 'aws';
        const [id, attribute] = (part as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
        const task = taskByLogicalId.get(id);
        expect(attribute).toBe('Arn');
        expect(task, `${id} is a task function`).toBeDefined();
        return `arn:aws:lambda:${localRegion()}:${LOCAL_ACCOUNT_ID}:function:zx-task-${task}`;
      })
      .join(separator);
    const deployed = JSON.parse(text) as Json;
    // The one difference allowed: a year-long execution timeout, which AWS applies anyway.
    if (Number(deployed.TimeoutSeconds) >= STANDARD_MAX_SECONDS) delete deployed.TimeoutSeconds;
    expect(registered).toEqual(deployed);
  });

  it('has a local handler for every Lambda function a Task state names', () => {
    const tasks = taskStates(registered.States as Record<string, Json>);
    expect(tasks.length).toBeGreaterThan(0);
    // (The continuation's states:startExecution is the service itself, not a function.)
    for (const task of tasks.filter(
      (t) => !String(t.Resource).endsWith(':states:startExecution'),
    )) {
      const target = String((task.Parameters as Json | undefined)?.FunctionName ?? task.Resource);
      const name = /:function:([^:]+)$/.exec(target)?.[1] ?? target;
      expect(lambdaHandlers, target).toHaveProperty([name]);
    }
  });

  it('runs the handler each functions/tasks module exports, under zx-task-<task>', () => {
    expect(Object.keys(lambdaHandlers).sort()).toEqual(
      WORKFLOW_TASKS.map(localTaskFunctionName).sort(),
    );
    expect(workflow.functionNames['load-election']).toBe('zx-task-load-election');
    expect(lambdaHandlers['zx-task-load-election']).toBe(loadElection.handler);
    expect(lambdaHandlers['zx-task-close-stage']).toBe(closeStage.handler);
  });

  it('is accepted by the local Step Functions service', () => {
    expect(() => prepareDefinition(registered)).not.toThrow();
  });

  it('is synthesized once per process', () => {
    expect(synthesizedWorkflow()).toBe(workflow);
  });
});

describe('setup', () => {
  const saved = process.env.ZX_STATE_MACHINE_ARN;
  afterEach(() => {
    if (saved === undefined) delete process.env.ZX_STATE_MACHINE_ARN;
    else process.env.ZX_STATE_MACHINE_ARN = saved;
  });

  it('points the API at the local election workflow when nothing else is configured', async () => {
    delete process.env.ZX_STATE_MACHINE_ARN;
    await setup();
    expect(process.env.ZX_STATE_MACHINE_ARN).toBe(ELECTION_STATE_MACHINE_ARN);
  });

  it('keeps a state machine ARN that is already configured', async () => {
    process.env.ZX_STATE_MACHINE_ARN = localStateMachineArn('elsewhere');
    await setup();
    expect(process.env.ZX_STATE_MACHINE_ARN).toBe(localStateMachineArn('elsewhere'));
  });
});

describe('resolveIntrinsics', () => {
  const names = new Map([['TaskHaltABC', 'zx-task-halt']]);

  it('resolves joins, pseudo parameters and the task functions', () => {
    expect(
      resolveIntrinsics(
        {
          'Fn::Join': [
            '',
            ['"', { Ref: 'AWS::Partition' }, '|', { 'Fn::GetAtt': ['TaskHaltABC', 'Arn'] }, '|'],
          ],
        },
        names,
      ),
    ).toBe(`"aws|arn:aws:lambda:${localRegion()}:${LOCAL_ACCOUNT_ID}:function:zx-task-halt|`);
    expect(resolveIntrinsics({ Ref: 'TaskHaltABC' }, names)).toBe('zx-task-halt');
  });

  it('refuses a reference the local stack cannot know, naming it', () => {
    expect(() => resolveIntrinsics({ 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] }, names)).toThrow(
      /TableCD117FA1/,
    );
    expect(() => resolveIntrinsics({ 'Fn::Sub': 'x' }, names)).toThrow(/Fn::Sub/);
  });
});
