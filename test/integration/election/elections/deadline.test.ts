// Proves how a deadline move meets the workflow's own save of the election (found by the
// model-based tests on the virtual clock, issue 16): the stage beginning between the organizer's
// read and write — only `from` recorded, the deadline as it was — is retried and the move lands;
// a change of the deadline itself meanwhile (another organizer's move) is a 409 `stale-election`
// and the other move stands.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { moveDeadline } from '../../../../shared/election/elections/deadline.ts';
import type { Principal } from '../../../../shared/principal.ts';
import { getElection, saveElection } from '../../../../shared/store/elections.ts';
import type { ElectionRecord } from '../../../../shared/store/records.ts';
import { readAudit } from '../../../../shared/store/transact.ts';
import {
  type StandIns,
  seedElection,
  seedOrganization,
  startStandIns,
} from '../../api/approval-fixtures.ts';

/** What the workflow writes meanwhile: run once, just before the organizer's first save. */
const meanwhile = vi.hoisted(() => ({ write: undefined as (() => Promise<void>) | undefined }));
vi.mock('../../../../shared/store/elections.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../shared/store/elections.ts')>();
  return {
    ...original,
    saveElection: async (...args: Parameters<typeof original.saveElection>) => {
      const write = meanwhile.write;
      meanwhile.write = undefined;
      await write?.();
      return original.saveElection(...args);
    },
  };
});

let s: StandIns;
beforeAll(async () => {
  s = await startStandIns();
}, 60_000);
afterAll(() => s?.stop());

const organizer = (orgId: string): Principal => ({
  sub: 'organizer-1',
  roles: ['organizer'],
  orgs: [orgId],
});

/** An election in its formal notice whose deadline lies a day ahead of now. */
const inFormalNotice = async () => {
  const org = await seedOrganization();
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const until = new Date(Date.now() + 86_400_000).toISOString();
  const seeded = await seedElection(org, 'formal-notice');
  const election: ElectionRecord = {
    ...seeded,
    calendar: { ...seeded.calendar, 'formal-notice': { from, until } },
  };
  await saveElection(election, {
    scope: `ELECTION#${election.id}`,
    actor: 'test',
    action: 'seeded',
    data: {},
  });
  return { org, election: (await getElection(election.id)) as ElectionRecord };
};

/** The workflow (or another organizer) saving the election with this calendar entry. */
const concurrentSave =
  (election: ElectionRecord, entry: { from: string; until: string; moved?: true }) => async () => {
    const current = (await getElection(election.id)) as ElectionRecord;
    await saveElection(
      { ...current, calendar: { ...current.calendar, 'formal-notice': entry } },
      { scope: `ELECTION#${election.id}`, actor: 'workflow', action: 'concurrent', data: {} },
    );
  };

describe('moving a deadline while the workflow saves the election', () => {
  it('the stage beginning meanwhile (only `from` recorded) is retried: the move lands, audited once', async () => {
    const { org, election } = await inFormalNotice();
    const entry = election.calendar['formal-notice'] as { from: string; until: string };
    meanwhile.write = concurrentSave(election, { ...entry, from: new Date().toISOString() });
    const deadline = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const moved = await moveDeadline(election.id, organizer(org.orgId), {
      stage: 'formal-notice',
      deadline,
    });
    expect(moved.calendar['formal-notice']?.until).toBe(deadline);
    const stored = (await getElection(election.id)) as ElectionRecord;
    expect(stored.calendar['formal-notice']).toMatchObject({ until: deadline, moved: true });
    const moves = (await readAudit(`ELECTION#${election.id}`)).filter(
      (e) => e.action === 'deadline-moved',
    );
    expect(moves).toHaveLength(1);
  });

  it('another move of the same deadline meanwhile is a 409 stale-election, and that move stands', async () => {
    const { org, election } = await inFormalNotice();
    const entry = election.calendar['formal-notice'] as { from: string; until: string };
    const theirs = new Date(Date.now() + 3 * 86_400_000).toISOString();
    meanwhile.write = concurrentSave(election, { ...entry, until: theirs, moved: true });
    await expect(
      moveDeadline(election.id, organizer(org.orgId), {
        stage: 'formal-notice',
        deadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      }),
    ).rejects.toMatchObject({ code: 'stale-election' });
    const stored = (await getElection(election.id)) as ElectionRecord;
    expect(stored.calendar['formal-notice']?.until).toBe(theirs);
  });
});
