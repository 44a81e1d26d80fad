// Proves the record rules the table itself enforces: optimistic locking of elections, one
// nominee per office per supporter, a roll replaced whole, and the notice outbox sending each
// notice once, retrying a failed one, deferring past its time budget and sweeping what is left.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  getElection,
  putNewElection,
  StaleElection,
  saveElection,
} from '../../../shared/store/elections.ts';
import {
  DuplicateNomination,
  listCandidates,
  recordNomination,
  SupporterAlreadyBacking,
} from '../../../shared/store/nominations.ts';
import {
  createOrganization,
  getOrganization,
  getRoll,
  replaceRoll,
} from '../../../shared/store/organizations.ts';
import {
  flushOutbox,
  listNotices,
  recordNotices,
  sendBatches,
} from '../../../shared/store/outbox.ts';
import { commit } from '../../../shared/store/transact.ts';
import {
  electionRecord,
  member as entitled,
  nominationRecord as nomination,
} from '../../support/builders.ts';
import { freshTable } from '../../support/fresh-table.ts';

beforeAll(freshTable);

const election = electionRecord({
  id: 'el-1',
  orgId: 'org-1',
  rollId: 'roll-1',
  calendar: {},
  stage: 'announcement',
  dayLengthMs: 1000,
  startsAt: '2026-03-15T00:00:00.000Z',
  createdAt: '2026-03-01T00:00:00.000Z',
  createdBy: 'organizer',
});

const audit = (action: string) => ({
  scope: 'ELECTION#el-1',
  actor: 'organizer',
  action,
  data: {},
});

describe('elections', () => {
  it('two writers saving from the same version: one wins, the other is told it is stale', async () => {
    await commit([putNewElection(election)], audit('election-created'));
    const read = await getElection('el-1');
    if (!read) throw new Error('election missing');
    const outcomes = await Promise.allSettled([
      saveElection({ ...read, stage: 'nomination' }, audit('stage-changed')),
      saveElection({ ...read, stage: 'cancelled' }, audit('cancelled')),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StaleElection);
    expect((await getElection('el-1'))?.version).toBe(2);
  });
});

describe('nominations', () => {
  const candidate = (memberId: string) => ({
    memberId,
    office: 'secretary' as const,
    status: 'nominated' as const,
    check: { eligible: true, failures: [] },
  });

  it('records the same nominee under several kinds with one candidate record', async () => {
    await recordNomination('el-1', nomination('m1', 'self'), candidate('m1'), audit('nominated'));
    await recordNomination(
      'el-1',
      nomination('m1', 'organization'),
      candidate('m1'),
      audit('nominated'),
    );
    expect((await listCandidates('el-1')).map((c) => c.memberId)).toEqual(['m1']);
  });

  it('refuses the same kind twice for the same nominee and office', async () => {
    await expect(
      recordNomination('el-1', nomination('m1', 'self'), candidate('m1'), audit('nominated')),
    ).rejects.toBeInstanceOf(DuplicateNomination);
  });

  it('refuses a supporter already backing another nominee, storing nothing of the second', async () => {
    await recordNomination(
      'el-1',
      nomination('m2', 'joint', { supporterIds: ['s1', 's2'] }),
      candidate('m2'),
      audit('nominated'),
    );
    await expect(
      recordNomination(
        'el-1',
        nomination('m3', 'joint', { supporterIds: ['s3', 's2'] }),
        candidate('m3'),
        audit('nominated'),
      ),
    ).rejects.toEqual(new SupporterAlreadyBacking('s2'));
    expect((await listCandidates('el-1')).map((c) => c.memberId)).toEqual(['m1', 'm2']);
  });
});

describe('organizations and rolls', () => {
  const current = async () => {
    const org = await getOrganization('org-1');
    if (!org) throw new Error('organization org-1 missing');
    return org;
  };
  const member = (id: string) => entitled(id, { birthDate: '1980-01-01' });

  it('replaces a roll whole: the new version, never a mix', async () => {
    const org = {
      id: 'org-1',
      name: '新光社区党支部',
      level: 'branch' as const,
      superior: { name: '街道党工委', emails: ['dgw@example.cn'] },
      rollVersion: 0,
      rollId: null,
      createdAt: '2026-03-01T00:00:00.000Z',
    };
    await createOrganization(org, 'organizer');
    const sixty = Array.from({ length: 60 }, (_, i) => member(`m${i}`));
    const first = await replaceRoll(org, sixty, 'organizer');
    await replaceRoll(await current(), [member('a'), member('b')], 'organizer');
    expect((await getRoll('org-1')).map((m) => m.id)).toEqual(['a', 'b']);
    expect(await getRoll('org-1', first)).toHaveLength(60);
  });

  it('refuses a roll replacement based on a stale read', async () => {
    const stale = { ...(await current()), rollVersion: 1 };
    await expect(replaceRoll(stale, [member('c')], 'organizer')).rejects.toThrow();
    expect((await getRoll('org-1')).map((m) => m.id)).toEqual(['a', 'b']);
  });
});

describe('the notice outbox', () => {
  const notice = (to: string) => ({
    electionId: 'el-1',
    to,
    template: 'announcement',
    ref: 'el-1',
    subject: '公推直选公告',
    text: '…',
    html: '<p>…</p>',
  });

  it('records a notice once however often a step records it', async () => {
    expect(await recordNotices([notice('a@example.cn')])).toMatchObject({ recorded: 1 });
    expect(await recordNotices([notice('a@example.cn')])).toMatchObject({ recorded: 0 });
    expect(await listNotices('el-1')).toHaveLength(1);
  });

  it('keeps a failed send pending, retries it, and never sends a sent notice again', async () => {
    await recordNotices([notice('b@example.cn')]);
    const sent: string[] = [];
    let failNext = true;
    const send = async (n: { to: string }) => {
      if (n.to === 'b@example.cn' && failNext) {
        failNext = false;
        throw new Error('Throttling');
      }
      sent.push(n.to);
      return `msg-${n.to}`;
    };
    const recordedAt = (await listNotices('el-1')).find((n) => n.to === 'b@example.cn')?.createdAt;
    expect(await flushOutbox('el-1', send)).toEqual({
      sent: 1,
      failed: 1,
      deferred: 0,
      oldestUnsentAt: expect.any(String),
    });
    // Not before its backoff (30 s after the first failure); meanwhile it is the one waiting.
    expect(await flushOutbox('el-1', send)).toEqual({
      sent: 0,
      failed: 0,
      deferred: 0,
      oldestUnsentAt: recordedAt,
    });
    const later = () => new Date(Date.now() + 31_000);
    expect(await flushOutbox('el-1', send, { now: later })).toEqual({
      sent: 1,
      failed: 0,
      deferred: 0,
      oldestUnsentAt: recordedAt,
    });
    expect(await flushOutbox('el-1', send, { now: later })).toEqual({
      sent: 0,
      failed: 0,
      deferred: 0,
    });
    expect(sent.sort()).toEqual(['a@example.cn', 'b@example.cn']);
    const notices = await listNotices('el-1');
    expect(notices.map((n) => [n.status, n.messageId])).toEqual([
      ['sent', 'msg-a@example.cn'],
      ['sent', 'msg-b@example.cn'],
    ]);
  });

  it('two senders flushing at once send each notice once', async () => {
    for (const to of ['c@x.cn', 'd@x.cn', 'e@x.cn', 'f@x.cn']) await recordNotices([notice(to)]);
    const sent: string[] = [];
    const send = async (n: { to: string }) => {
      sent.push(n.to);
      await new Promise((r) => setTimeout(r, 5));
      return `msg-${n.to}`;
    };
    await Promise.all([flushOutbox('el-1', send), flushOutbox('el-1', send)]);
    expect(sent.sort()).toEqual(['c@x.cn', 'd@x.cn', 'e@x.cn', 'f@x.cn']);
  });

  it('starts no send after the time budget: the rest stays pending for the sweeper', async () => {
    const later = (to: string) => ({ ...notice(to), electionId: 'el-budget', ref: 'el-budget' });
    const { batches } = await recordNotices([later('g@x.cn'), later('h@x.cn')]);
    const sent: string[] = [];
    const send = async (n: { to: string }) => {
      sent.push(n.to);
      return `msg-${n.to}`;
    };
    const spent = new Date(Date.now() - 1);
    expect(await sendBatches(batches, send, { until: spent })).toEqual({
      sent: 0,
      failed: 0,
      deferred: 2,
    });
    expect((await listNotices('el-budget')).map((n) => n.status)).toEqual(['pending', 'pending']);
    expect(await sendBatches(batches, send)).toEqual({ sent: 2, failed: 0, deferred: 0 });
    expect(sent.sort()).toEqual(['g@x.cn', 'h@x.cn']);
  });

  it('the sweeper sends what every election left unsent, and nothing already sent', async () => {
    await recordNotices([{ ...notice('i@x.cn'), electionId: 'el-swept-1' }]);
    await recordNotices([{ ...notice('j@x.cn'), electionId: 'el-swept-2' }]);
    const sent: string[] = [];
    const send = async (n: { to: string }) => {
      sent.push(n.to);
      return `msg-${n.to}`;
    };
    const report = await flushOutbox(undefined, send);
    expect(sent.sort()).toEqual(['i@x.cn', 'j@x.cn']);
    expect(report).toEqual({ sent: 2, failed: 0, deferred: 0, oldestUnsentAt: expect.any(String) });
    // Nothing waits any more: no oldest unsent notice to report.
    expect(await flushOutbox(undefined, send)).toEqual({ sent: 0, failed: 0, deferred: 0 });
    const [swept] = await listNotices('el-swept-1');
    expect(swept).toMatchObject({ status: 'sent', messageId: 'msg-i@x.cn' });
    expect(swept).not.toHaveProperty('gsi1pk');
  });

  it('does not take over a notice another sender holds under a live lease', async () => {
    const { batches } = await recordNotices([{ ...notice('k@x.cn'), electionId: 'el-lease' }]);
    let release = () => {};
    const slow = async () => {
      await new Promise<void>((done) => {
        release = done;
      });
      return 'msg-slow';
    };
    const first = sendBatches(batches, slow);
    await vi.waitFor(async () => {
      expect((await listNotices('el-lease'))[0]?.status).toBe('sending');
    });
    const [held] = await listNotices('el-lease');
    const other = vi.fn(async () => 'msg-other');
    // Held by another sender, it is still waiting to be sent: the oldest unsent notice.
    expect(await flushOutbox('el-lease', other)).toEqual({
      sent: 0,
      failed: 0,
      deferred: 0,
      oldestUnsentAt: held?.createdAt,
    });
    expect(other).not.toHaveBeenCalled();
    release();
    expect(await first).toEqual({ sent: 1, failed: 0, deferred: 0 });
  });
});
