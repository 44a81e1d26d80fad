// Proves the Election view of SPEC §8: candidates and rounds in a stable order with only their
// public fields, only approvals whose link still works, calendar entries as {from, until}, and
// nothing of the workflow's internals; a cancellation's reason; what the workflow waits for (the superior's pending
// approval first, else the task parked in the current stage) and since when.
import { describe, expect, it } from 'vitest';
import { toElectionView } from '../../../../shared/election/elections/view.ts';
import { PRESETS } from '../../../../shared/rules/index.ts';
import type {
  ApprovalRecord,
  AwaitingTask,
  CandidateRecord,
  ElectionRecord,
  RoundRecord,
} from '../../../../shared/store/records.ts';

const election: ElectionRecord & { begun?: unknown } = {
  id: 'e1',
  orgId: 'org-1',
  preset: 'community',
  seats: { secretary: 1, deputies: 0, members: 2 },
  rules: PRESETS.community,
  calendar: {
    nomination: {
      from: '2026-03-23T00:00:00.000Z',
      until: '2026-03-27T00:00:00.000Z',
      moved: true,
    },
  },
  stage: 'nomination',
  version: 4,
  rollId: 'roll-1',
  dayLengthMs: 86_400_000,
  startsAt: '2026-03-15T00:00:00.000Z',
  createdAt: '2026-03-01T00:00:00.000Z',
  createdBy: 'o',
  begun: { stage: 'nomination', from: '2026-03-23T00:00:00.000Z' },
};
const check = { eligible: true, failures: [] };
const candidate = (memberId: string, office: CandidateRecord['office']): CandidateRecord => ({
  memberId,
  office,
  status: 'eligible',
  check,
  decision: { decision: 'accept', waived: [], by: 'o', at: '2026-03-24T00:00:00.000Z' },
});
const round = (id: string, number: number, openedAt: string): RoundRecord => ({
  id,
  kind: 'election',
  office: 'secretary',
  stage: 'secretary-election',
  number,
  status: 'closed',
  candidates: ['a', 'b'],
  seats: 1,
  revotesSoFar: 0,
  openedAt,
});
const approval = (
  id: string,
  status: ApprovalRecord['status'],
  expiresAt: string,
): ApprovalRecord => ({
  id,
  electionId: 'e1',
  kind: 'secretary',
  token: 'task-token',
  status,
  createdAt: '2026-03-30T00:00:00.000Z',
  expiresAt,
  subject: {},
});
const now = new Date('2026-04-01T00:00:00.000Z');
/** The task the workflow parked on (its token is internal). */
const parkedOn = (reason: string, stage: AwaitingTask['stage']): AwaitingTask => ({
  reason,
  stage,
  token: 'task-token',
  since: '2026-03-25T00:00:00.000Z',
});

describe('toElectionView', () => {
  const view = toElectionView(
    election,
    [candidate('b', 'member'), candidate('z', 'secretary'), candidate('a', 'secretary')],
    [round('r2', 2, '2026-04-01T02:00:00.000Z'), round('r1', 1, '2026-04-01T01:00:00.000Z')],
    [
      approval('open', 'pending', '2026-04-08T00:00:00.000Z'),
      approval('decided', 'approved', '2026-04-08T00:00:00.000Z'),
      approval('timed-out', 'pending', '2026-03-31T00:00:00.000Z'),
    ],
    now,
  );

  it('lists candidates by office (secretary first) then member, with memberId, office and status only', () => {
    expect(view.candidates).toEqual([
      { memberId: 'a', office: 'secretary', status: 'eligible' },
      { memberId: 'z', office: 'secretary', status: 'eligible' },
      { memberId: 'b', office: 'member', status: 'eligible' },
    ]);
  });

  it('lists rounds in the order they opened', () => {
    expect(view.rounds).toEqual([
      { id: 'r1', kind: 'election', office: 'secretary', number: 1, status: 'closed' },
      { id: 'r2', kind: 'election', office: 'secretary', number: 2, status: 'closed' },
    ]);
  });

  it('shows only approvals still pending and not expired', () => {
    expect(view.pendingApprovals).toEqual([{ id: 'open', kind: 'secretary' }]);
  });

  it('answers calendar entries as {from, until} and leaves out version, roll and workflow markers', () => {
    expect(view.calendar).toEqual({
      nomination: { from: '2026-03-23T00:00:00.000Z', until: '2026-03-27T00:00:00.000Z' },
    });
    for (const internal of ['version', 'rollId', 'begun', 'createdBy', 'haltReason', 'result']) {
      expect(view).not.toHaveProperty(internal);
    }
    expect(JSON.stringify(view)).not.toContain('task-token');
  });

  it('carries the result and the halt reason when there are', () => {
    const result = { secretary: 'a', deputies: [], members: ['b'] };
    const halted = toElectionView(
      { ...election, stage: 'halted', haltReason: '上级未批准', result },
      [],
      [],
      [],
      now,
    );
    expect(halted).toMatchObject({ stage: 'halted', haltReason: '上级未批准', result });
  });

  it('says why, by whom and from which stage a cancelled election was cancelled', () => {
    const cancellation = {
      reason: '上级党组织决定调整选举时间',
      by: 'o',
      at: '2026-03-26T00:00:00.000Z',
      stage: 'nomination' as const,
    };
    const cancelled = toElectionView({ ...election, stage: 'cancelled', cancellation }, [], [], []);
    expect(cancelled).toMatchObject({ stage: 'cancelled', cancellation, awaiting: null });
  });

  it('says what the workflow waits for: a pending approval first, else the task parked in this stage', () => {
    const parked = parkedOn('eligibility-decisions', 'nomination');
    const waitingForPeople = toElectionView(election, [], [], [], now, parked);
    expect(waitingForPeople.awaiting).toEqual({
      who: 'organizers',
      task: 'eligibility-decisions',
      stage: 'nomination',
      since: parked.since,
    });
    expect(JSON.stringify(waitingForPeople)).not.toContain('task-token');
    const open = approval('open', 'pending', '2026-04-08T00:00:00.000Z');
    expect(toElectionView(election, [], [], [open], now, parked).awaiting).toMatchObject({
      who: 'superior',
      task: 'approval',
      since: open.createdAt,
      approvalId: 'open',
    });
  });

  it('waits for nothing when the parked task is of an earlier stage, or the election halted', () => {
    const earlier = parkedOn('objections', 'preliminary-notice');
    expect(toElectionView(election, [], [], [], now, earlier).awaiting).toBeNull();
    expect(toElectionView({ ...election, stage: 'halted' }, [], [], [], now).awaiting).toBeNull();
  });
});
