// Proves the workflow's deadline wait against DynamoDB Local: a far deadline is one wakeable
// wait (no polling), its token stored where the API finds it; an organizer's move of the
// current stage's deadline releases it, and a move made before the token was stored is caught
// by the wait itself.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { electionScope } from '../../../shared/election/access.ts';
import { moveDeadline } from '../../../shared/election/elections/deadline.ts';
import type { Principal } from '../../../shared/principal.ts';
import { getDeadlineWait, putNewElection, saveElection } from '../../../shared/store/elections.ts';
import { commit } from '../../../shared/store/transact.ts';
import { awaitDeadline, checkDeadline } from '../../../shared/workflow/stage-tasks.ts';
import { electionRecord } from '../../support/builders.ts';
import { freshTable } from '../../support/fresh-table.ts';

const released = vi.hoisted(() => [] as string[]);
vi.mock('../../../shared/aws/step-functions.ts', async (original) => ({
  ...(await original<typeof import('../../../shared/aws/step-functions.ts')>()),
  releaseToken: async (token: string) => {
    released.push(token);
    return true;
  },
}));

beforeAll(freshTable);

const DAY = 86_400_000;
const organizer: Principal = { sub: 'organizer-1', roles: ['organizer'], orgs: ['org-wait'] };

/** An election in its announcement, which began now and ends 8 days from now. */
const announcing = async (id: string) => {
  const election = electionRecord({
    id,
    orgId: 'org-wait',
    rollId: 'r1',
    startsAt: new Date(Date.now() - 1000).toISOString(),
    stage: 'announcement',
  });
  await commit([putNewElection(election)]);
  return election;
};

describe('the deadline wait', () => {
  it('waits for a far deadline in one wakeable wait, answering every field the Choice reads', async () => {
    const election = await announcing('el-wait-far');
    const deadline = election.calendar.announcement?.until as string;
    const check = await checkDeadline({ electionId: election.id, stage: 'announcement' });
    expect(check).toMatchObject({ passed: false, wakeable: true, deadline, continueAs: null });
    // Whole seconds, ending by the deadline: about 8 days.
    const ends = Date.now() + check.timeoutSeconds * 1000;
    expect(ends).toBeLessThanOrEqual(Date.parse(deadline));
    expect(ends).toBeGreaterThan(Date.parse(deadline) - 5000);
  });

  it('is woken when an organizer moves the current stage’s deadline', async () => {
    const election = await announcing('el-wait-moved');
    const deadline = election.calendar.announcement?.until as string;
    await awaitDeadline({
      electionId: election.id,
      stage: 'announcement',
      token: 'tok-1',
      deadline,
    });
    expect(await getDeadlineWait(election.id)).toMatchObject({ token: 'tok-1', deadline });
    expect(released).not.toContain('tok-1');
    const earlier = new Date(Date.parse(deadline) - 2 * DAY).toISOString();
    await moveDeadline(election.id, organizer, { stage: 'announcement', deadline: earlier });
    expect(released).toContain('tok-1');
    // Looked at again, the new deadline is waited for.
    const check = await checkDeadline({ electionId: election.id, stage: 'announcement' });
    expect(check).toMatchObject({ passed: false, wakeable: true, deadline: earlier });
  });

  it('releases itself when the deadline moved between the check and the wait', async () => {
    const election = await announcing('el-wait-raced');
    const entry = election.calendar.announcement as NonNullable<
      typeof election.calendar.announcement
    >;
    const checked = entry.until;
    const moved = new Date(Date.parse(checked) - DAY).toISOString();
    await saveElection(
      {
        ...election,
        calendar: {
          ...election.calendar,
          announcement: { ...entry, until: moved },
        },
      },
      { scope: electionScope(election.id), actor: 'test', action: 'deadline-moved', data: {} },
    );
    await awaitDeadline({
      electionId: election.id,
      stage: 'announcement',
      token: 'tok-2',
      deadline: checked,
    });
    expect(released).toContain('tok-2');
  });
});
