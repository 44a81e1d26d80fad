import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { WORKFLOW_TASKS, type WorkflowTask } from '../../workflows/election-workflow.ts';
import { CONSOLE_PLACEHOLDER } from '../console.ts';
import { ZxElectionStack } from '../stack.ts';
import { LOCAL_ACCOUNT_ID, localRegion } from './lambda-context.ts';

/**
 * The local stack runs the state machine CDK deploys, not a copy: the stack is synthesized in
 * process (bundling skipped), and the template's `DefinitionString` — an `Fn::Join` of strings
 * and intrinsics — is resolved for the local account and parsed into ASL.
 */

/** The name under which the local Step Functions service finds a task's handler. */
export const localTaskFunctionName = (task: WorkflowTask): string => `zx-task-${task}`;

/** The local Lambda ARN of a function: what `Fn::GetAtt [fn, Arn]` is on the local stack. */
export const localFunctionArn = (name: string): string =>
  `arn:aws:lambda:${localRegion()}:${LOCAL_ACCOUNT_ID}:function:${name}`;

export interface SynthesizedWorkflow {
  /**
   * The ASL as deployed, each task function's ARN swapped for its local one (and a no-op
   * year-long TimeoutSeconds dropped, see `withoutYearTimeout`). Read-only.
   */
  definition: Record<string, unknown>;
  /** Each task's local function name (`zx-task-<task>`). */
  functionNames: Record<WorkflowTask, string>;
  /** The `DefinitionString` as the template has it, intrinsics unresolved (for tests). */
  templateDefinition: unknown;
  /** Logical id of each task's function in the template. */
  logicalIds: Record<WorkflowTask, string>;
}

let cached: SynthesizedWorkflow | undefined;

/** The synthesized election workflow; synthesized once per process (it takes a second or two). */
export function synthesizedWorkflow(): SynthesizedWorkflow {
  cached ??= synthesize();
  return cached;
}

function synthesize(): SynthesizedWorkflow {
  const outdir = mkdtempSync(join(tmpdir(), 'zx-cdk-'));
  try {
    const app = new App({
      outdir,
      // Nothing is deployed from here: no bundling, no template validation (seconds of WASM
      // start-up; `cdk synth` and the stack's tests run it), no construct tree.
      context: { 'aws:cdk:bundling-stacks': [] },
      builtinCloudFormationValidation: false,
      treeMetadata: false,
    });
    const stack = new ZxElectionStack(app, 'ZxElectionStack', {
      mail: {
        domain: 'local.invalid',
        from: 'noreply@local.invalid',
        transport: 'ses',
        ratePerSecond: 1,
      },
      console: { assets: CONSOLE_PLACEHOLDER },
    });
    // (The mail domain only names the SES identity, which the definition never refers to.)
    const template = app.synth().getStackByName(stack.stackName).template as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const logicalIdOf = (element: unknown) => stack.getLogicalId(element as CfnElement);
    const functionNames = {} as Record<WorkflowTask, string>;
    const logicalIds = {} as Record<WorkflowTask, string>;
    const nameById = new Map<string, string>();
    for (const task of WORKFLOW_TASKS) {
      functionNames[task] = localTaskFunctionName(task);
      logicalIds[task] = logicalIdOf(stack.taskFunctions[task].node.defaultChild);
      nameById.set(logicalIds[task], functionNames[task]);
    }
    const machineId = logicalIdOf(stack.workflow.stateMachine.node.defaultChild);
    const templateDefinition = template.Resources[machineId]?.Properties.DefinitionString;
    if (templateDefinition === undefined) {
      throw new Error(`the template has no DefinitionString for ${machineId}`);
    }
    const definition = withoutYearTimeout(
      JSON.parse(resolveIntrinsics(templateDefinition, nameById)),
    );
    return { definition, functionNames, templateDefinition, logicalIds };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Resolves the intrinsics CDK writes into a definition string: `Fn::Join`, the pseudo
 * parameters, and `Fn::GetAtt [fn, Arn]` / `Ref fn` of the task functions (`functionNames`:
 * logical id → local name). Anything else is refused by name rather than run wrong.
 */
export function resolveIntrinsics(
  value: unknown,
  functionNames: ReadonlyMap<string, string>,
): string {
  const resolve = (node: unknown): string => {
    if (typeof node === 'string') return node;
    const entries = node !== null && typeof node === 'object' ? Object.entries(node) : [];
    if (entries.length === 1) {
      const [fn, args] = entries[0] as [string, unknown];
      if (fn === 'Fn::Join' && Array.isArray(args) && Array.isArray(args[1])) {
        return args[1].map(resolve).join(String(args[0]));
      }
      if (fn === 'Ref' && typeof args === 'string') {
        const pseudo = PSEUDO_PARAMETERS[args];
        if (pseudo) return pseudo();
        const name = functionNames.get(args);
        if (name) return name;
      }
      if (fn === 'Fn::GetAtt' && Array.isArray(args) && args[1] === 'Arn') {
        const name = functionNames.get(String(args[0]));
        if (name) return localFunctionArn(name);
      }
    }
    throw new Error(
      `the state machine definition refers to ${JSON.stringify(node)}, which the local stack ` +
        'cannot resolve (only the task functions and pseudo parameters are known)',
    );
  };
  return resolve(value);
}

/** A Standard execution's own limit: one year. */
export const STANDARD_MAX_SECONDS = 365 * 24 * 3600;

/**
 * Drops a state machine `TimeoutSeconds` of a year or more: AWS ends a Standard execution at a
 * year anyway, so it changes nothing there, while the local service cannot time anything past
 * ~24.8 days and would refuse the definition. Nothing else is touched.
 */
export function withoutYearTimeout(definition: Record<string, unknown>): Record<string, unknown> {
  const timeout = definition.TimeoutSeconds;
  if (typeof timeout !== 'number' || timeout < STANDARD_MAX_SECONDS) return definition;
  const { TimeoutSeconds: _noOpOnAws, ...rest } = definition;
  return rest;
}

const PSEUDO_PARAMETERS: Record<string, () => string> = {
  'AWS::Partition': () => 'aws',
  'AWS::Region': localRegion,
  'AWS::AccountId': () => LOCAL_ACCOUNT_ID,
  'AWS::URLSuffix': () => 'amazonaws.com',
};
