// The failure rule's decisions (shared/workflow/failed-execution.ts): which election a stopped
// execution ran, whether it was superseded, when to halt, and the reason the organizers read.
import { describe, expect, it } from 'vitest';
import {
  decideStopped,
  ExecutionStatusChange,
  electionOf,
  STOPPED_STATUSES,
  stoppedReason,
  successorToCheck,
} from '../../../shared/workflow/failed-execution.ts';

const detail = {
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:zx-election:e1-start',
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:zx-election',
  name: 'e1-start',
  status: 'FAILED' as const,
  input: '{"electionId":"e1"}',
  error: 'States.Runtime',
  cause: 'The execution reached the maximum number of history events (25000).',
};

describe('a stopped execution', () => {
  it('reads its election from the input, and nothing from an input without one', () => {
    expect(electionOf('{"electionId":"e1"}')).toBe('e1');
    const long = 'x'.repeat(128);
    expect(electionOf(JSON.stringify({ electionId: long }))).toBe(long);
    for (const input of [undefined, null, '', '{', '[]', '{"electionId":7}', '{"electionId":""}']) {
      expect(electionOf(input)).toBeUndefined();
    }
  });

  it('looks for a successor only when the recorded current execution is another', () => {
    expect(successorToCheck('e1-start', 'e1-start-c1')).toBe('e1-start-c1');
    expect(successorToCheck('e1-start-c1', 'e1-start-c1')).toBeUndefined();
    expect(successorToCheck('e1-start', undefined)).toBeUndefined();
  });

  it('halts an election still in a stage that nothing runs', () => {
    for (const stage of ['nomination', 'secretary-approval', 'member-election'] as const) {
      expect(decideStopped({ stage, successorRuns: false })).toEqual({ outcome: 'halted' });
    }
  });

  it('leaves alone a superseded execution, an ended or halted election, a missing one', () => {
    expect(decideStopped({ stage: 'nomination', successorRuns: true })).toEqual({
      outcome: 'ignored',
      why: 'superseded',
    });
    for (const stage of ['completed', 'cancelled', 'halted'] as const) {
      // Ended wins: a halted election is not halted again (nor mailed twice).
      expect(decideStopped({ stage, successorRuns: false })).toEqual({
        outcome: 'ignored',
        why: 'ended',
      });
    }
    expect(decideStopped({ stage: undefined, successorRuns: false })).toEqual({
      outcome: 'ignored',
      why: 'no-election',
    });
  });

  it('gives the status, error, cause and execution as the reason, the cause cut at 500', () => {
    expect(stoppedReason(detail)).toBe(
      `工作流执行异常终止(FAILED,States.Runtime:${detail.cause}),执行 e1-start`,
    );
    expect(stoppedReason({ ...detail, status: 'ABORTED', error: null, cause: null })).toBe(
      '工作流执行异常终止(ABORTED),执行 e1-start',
    );
    const long = stoppedReason({ ...detail, cause: 'x'.repeat(2000) });
    expect(long).toContain(`States.Runtime:${'x'.repeat(500 - 'States.Runtime:'.length)}),`);
  });

  it('accepts the stopped statuses of an EventBridge event only', () => {
    for (const status of STOPPED_STATUSES) {
      expect(ExecutionStatusChange.safeParse({ detail: { ...detail, status } }).success).toBe(true);
    }
    for (const status of ['RUNNING', 'SUCCEEDED']) {
      expect(ExecutionStatusChange.safeParse({ detail: { ...detail, status } }).success).toBe(
        false,
      );
    }
  });
});
