// Proves, on the real local stack (local Step Functions), that an election the organizers cancel
// stops: its running execution is ABORTED by StopExecution, the EventBridge-style failure
// handler leaves the election cancelled (not halted), the members and organizers are told, and
// a second cancel with another reason is a 409.
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../scripts/scenario/client.ts';
import { eventually, startElection } from '../../../scripts/scenario/session.ts';
import { getCurrentExecution } from '../../../shared/store/executions.ts';
import { communityElections, useStack } from '../../support/e2e.ts';

const SECRET = 'e2e-cancel-secret';
const stack = useStack(SECRET);

describe('cancelling an election', () => {
  it('stops its workflow, keeps it cancelled, and tells everyone', async () => {
    const session = await startElection(
      communityElections(() => stack, SECRET, 1000)('e2e-cancel'),
    );
    await session.reach('announcement');
    const execution = await eventually(
      'the execution is recorded',
      () => getCurrentExecution(session.electionId),
      10_000,
    );
    const arn = `${process.env.ZX_STATE_MACHINE_ARN?.replace(':stateMachine:', ':execution:')}:${execution.execution}`;
    const sfn = new SFNClient({});
    const status = async () =>
      (await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status;
    expect(await status()).toBe('RUNNING');

    const path = `/v1/elections/${session.electionId}/cancel`;
    const answer = await session.api.call<{ stage: string }>('POST', path, session.organizer, {
      reason: '社区区划调整',
    });
    expect(answer.stage).toBe('cancelled');
    await eventually(
      'the execution is aborted',
      async () => ((await status()) === 'ABORTED' ? true : undefined),
      10_000,
    );
    // The stop's status event reached the failure handler: the election stays cancelled.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await session.view()).stage).toBe('cancelled');
    const notices = (await session.notices()).filter((n) => n.template === 'cancelled');
    expect(notices.length).toBeGreaterThanOrEqual(session.roll.filter((m) => m.email).length);
    const again = await session.api
      .call('POST', path, session.organizer, { reason: '另一个理由' })
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(ApiFailure);
    expect((again as ApiFailure).status).toBe(409);
  }, 60_000);
});
