// The `vi.mock` factory of shared/aws/step-functions.ts for tests that create elections through
// the API but run no workflow:
//   vi.mock('…/shared/aws/step-functions.ts', async (original) =>
//     (await import('…/test/support/workflow-stub.ts')).stubStarts(original, workflow));
// (imported inside the factory: vi.mock is hoisted above the file's imports).
import type * as StepFunctions from '../../shared/aws/step-functions.ts';

export interface StartRecord {
  /** [electionId, attempt] of every start, in order. */
  started: string[][];
  /** When set, a start fails as if Step Functions were unreachable. */
  fail?: boolean;
}

/**
 * The real module, but `startWorkflow` starts nothing (it records the start in `record`); with
 * `quiet`, releasing a task token or the awaiting tasks does nothing either.
 */
export const stubStarts = async (
  importOriginal: <T>() => Promise<T>,
  record: StartRecord = { started: [] },
  { quiet = false } = {},
): Promise<typeof StepFunctions> => ({
  ...(await importOriginal<typeof StepFunctions>()),
  startWorkflow: async (electionId: string, attempt = 'start') => {
    if (record.fail) throw new Error('Step Functions is unreachable');
    record.started.push([electionId, attempt]);
  },
  ...(quiet ? { releaseToken: async () => false, releaseAwaiting: async () => {} } : {}),
});
