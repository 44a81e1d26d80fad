// Proves each invariant of the model-based tests passes a sound election view and catches the
// broken one it is for: a stalled stage, a seat without a majority, a ballot counted twice or
// missing, a forged audit entry, a ballot naming its voter, a notice sent with no message id, a
// refused request that left a trace.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import {
  type AuditSeen,
  auditChainVerifies,
  ballotsCountedOnce,
  ballotsNameNoVoter,
  checkAll,
  noStall,
  noticesSentOrPending,
  type RoundSeen,
  refusalChangedNothing,
  type Snapshot,
  seatsFilledOrDecided,
  seatsHaveMajority,
} from './invariants.ts';

const NOW = Date.parse('2026-03-01T00:00:00.000Z');

const chain = (actions: [string, string][]): AuditSeen[] => {
  let prevHash = '0'.repeat(64);
  return actions.map(([actor, action], index) => {
    const unsealed = { seq: index + 1, at: new Date(NOW).toISOString(), actor, action, data: {} };
    const hash = createHash('sha256')
      .update(canonicalize({ ...unsealed, prevHash }) ?? '')
      .digest('hex');
    const entry = { ...unsealed, prevHash, hash };
    prevHash = hash;
    return entry;
  });
};

const electionRound: RoundSeen = {
  id: 'secretary-election-1',
  kind: 'election',
  office: 'secretary',
  status: 'closed',
  candidates: ['m1', 'm2'],
  seats: 1,
  attendance: { present: 10, ballotsIssued: 10 },
  tally: {
    status: 'valid',
    issued: 10,
    returned: 10,
    valid: 9,
    invalid: 1,
    counts: { m1: 6, m2: 3 },
    elected: ['m1'],
    next: 'advance',
  },
};

const ballotItem = (serial: string) => ({
  pk: 'BALLOTS#e1#secretary-election-1',
  sk: `BALLOT#${serial}`,
  serial,
  content: { serial, marks: { m1: 'for' } },
  valid: true,
});

/** A sound completed election: one seat, one round, ten ballots, a chain, a sent notice. */
const sound = (): Snapshot => ({
  now: NOW,
  election: {
    id: 'e1',
    stage: 'completed',
    rules: { majorityBase: 'present' },
    calendar: {},
    seats: { secretary: 1, deputies: 0, members: 0 },
    candidates: [],
    rounds: [
      { id: electionRound.id, kind: 'election', office: 'secretary', number: 1, status: 'closed' },
    ],
    pendingApprovals: [],
    awaiting: null,
    result: { secretary: 'm1', deputies: [], members: [] },
  },
  rounds: [structuredClone(electionRound)],
  audit: chain([
    ['organizer-1', 'election-created'],
    ['workflow', 'stage-entered'],
  ]),
  notices: [
    {
      to: 'a@example.cn',
      template: 'announcement',
      sentAt: new Date(NOW).toISOString(),
      messageId: 'x',
      status: 'sent',
    },
  ],
  store: {
    ballots: { [electionRound.id]: Array.from({ length: 10 }, (_, i) => ballotItem(`s${i}`)) },
    notices: [{ sk: 'NOTICE#a', status: 'sent' }],
  },
});

const GRACE = { graceMs: 1000 };

/** A sound snapshot, with its round and the round's tally at hand to break. */
const soundRound = () => {
  const s = sound();
  const round = s.rounds[0];
  if (!round?.tally || !round.attendance) throw new Error('the fixture has a closed round');
  return { s, round, tally: round.tally, attendance: round.attendance };
};

/** An election in `stage`, waiting for nobody, its deadline `untilMs` from now. */
const running = (stage: string, untilMs: number): Snapshot => {
  const s = sound();
  s.election.stage = stage;
  s.election.result = undefined;
  s.election.calendar = {
    [stage]: {
      from: new Date(NOW - 5000).toISOString(),
      until: new Date(NOW + untilMs).toISOString(),
    },
  };
  s.election.rounds = [];
  s.rounds = [];
  return s;
};

describe('the invariants pass a sound election', () => {
  it('finds nothing wrong with it', () => {
    expect(checkAll(sound(), GRACE)).toEqual([]);
  });
});

describe('noStall', () => {
  it('passes a future deadline, a named party, an open round, a pending approval', () => {
    expect(noStall(running('nomination', 10), GRACE)).toEqual([]);
    const waiting = running('eligibility-review', -60_000);
    waiting.election.awaiting = {
      who: 'organizers',
      task: 'eligibility-decisions',
      stage: 'eligibility-review',
      since: '',
    };
    expect(noStall(waiting, GRACE)).toEqual([]);
    const voting = running('recommendation', -60_000);
    voting.election.rounds = [
      { id: 'r', kind: 'recommendation', office: 'secretary', number: 1, status: 'open' },
    ];
    expect(noStall(voting, GRACE)).toEqual([]);
    const approving = running('inspection', -60_000);
    approving.election.pendingApprovals = [{ id: 'a', kind: 'formal-candidates' }];
    expect(noStall(approving, GRACE)).toEqual([]);
  });

  it('catches a stage past its deadline that waits for nobody', () => {
    expect(noStall(running('nomination', -5000), GRACE)).toEqual([
      expect.stringContaining('stalled in nomination'),
    ]);
    expect(noStall(running('nomination', -500), GRACE)).toEqual([]);
  });

  it('catches a halt or a cancellation without a reason', () => {
    const halted = running('halted', -1);
    expect(noStall(halted, GRACE)).toEqual([expect.stringContaining('halted without a reason')]);
    halted.election.haltReason = '候选人不足';
    expect(noStall(halted, GRACE)).toEqual([]);
    const cancelled = running('cancelled', -1);
    expect(noStall(cancelled, GRACE)).toEqual([expect.stringContaining('cancelled without')]);
  });
});

describe('seatsHaveMajority', () => {
  it('catches a winner with exactly half of those present', () => {
    const { s, tally } = soundRound();
    tally.counts.m1 = 5;
    expect(seatsHaveMajority(s)).toEqual([expect.stringContaining('m1 elected with 5')]);
  });

  it('measures against the rules’ base (expected, valid ballots)', () => {
    const { s, tally, attendance } = soundRound();
    s.election.rules.majorityBase = 'expected';
    attendance.expected = 11;
    expect(seatsHaveMajority(s)).toEqual([]);
    attendance.expected = 12;
    expect(seatsHaveMajority(s)).toEqual([expect.stringContaining('6 赞成 of a base of 12')]);
    s.election.rules.majorityBase = 'valid-ballots';
    expect(seatsHaveMajority(s)).toEqual([]);
    attendance.expected = 99;
    tally.valid = 12;
    expect(seatsHaveMajority(s)).toEqual([expect.stringContaining('base of 12')]);
  });

  it('catches more elected than seats, an election by a void round, an organizer pick below half', () => {
    const { s, round, tally } = soundRound();
    tally.elected = ['m1', 'm2'];
    expect(seatsHaveMajority(s)).toContainEqual(expect.stringContaining('elected 2 for 1 seats'));
    tally.elected = ['m1'];
    tally.status = 'void';
    expect(seatsHaveMajority(s)).toContainEqual(expect.stringContaining('a void round elected'));
    tally.status = 'valid';
    round.decision = { choice: 'select', elected: ['m2'] };
    expect(seatsHaveMajority(s)).toEqual([expect.stringContaining('m2 elected with 3')]);
  });

  it('catches an office holder no round elected', () => {
    const s = sound();
    if (!s.election.result) throw new Error('fixture');
    s.election.result.members = ['m9'];
    expect(seatsHaveMajority(s)).toEqual([expect.stringContaining('m9 holds member')]);
  });
});

describe('seatsFilledOrDecided', () => {
  it('catches a completed election with an empty seat, unless the seats were reduced', () => {
    const s = sound();
    s.election.seats.members = 2;
    s.election.result = { secretary: 'm1', deputies: [], members: ['m3'] };
    expect(seatsFilledOrDecided(s)).toEqual([expect.stringContaining('1 of 2 member')]);
    s.rounds.push({
      ...electionRound,
      id: 'member-election-2',
      office: 'member',
      decision: { choice: 'reduce-seats', seats: 1 },
    });
    expect(seatsFilledOrDecided(s)).toEqual([]);
  });

  it('lets a recall that carried empty the seat, and the secretary’s take their list with them', () => {
    const s = sound();
    s.election.seats.members = 2;
    s.election.result = { secretary: null, deputies: [], members: [] };
    const recall = (office: string, holder: string, carried: boolean): RoundSeen => ({
      ...electionRound,
      id: `recall-${holder}`,
      kind: 'recall',
      office,
      candidates: [holder],
      tally: {
        ...(electionRound.tally as NonNullable<RoundSeen['tally']>),
        counts: { [holder]: carried ? 8 : 2 },
        elected: carried ? [holder] : [],
      },
    });
    s.rounds.push(recall('secretary', 'm1', false));
    expect(seatsFilledOrDecided(s)).toEqual([
      expect.stringContaining('0 of 1 secretary'),
      expect.stringContaining('0 of 2 member'),
    ]);
    s.rounds.push(recall('secretary', 'm1', true));
    expect(seatsFilledOrDecided(s)).toEqual([]);
  });
});

describe('ballotsCountedOnce', () => {
  it('catches a ballot stored but not counted, and one counted twice', () => {
    const s = sound();
    s.store?.ballots[electionRound.id]?.push(ballotItem('s10'));
    expect(ballotsCountedOnce(s)).toEqual([
      expect.stringContaining('returned 10, 11 ballots stored'),
    ]);
    const twice = soundRound();
    twice.tally.counts.m1 = 10;
    expect(ballotsCountedOnce(twice.s)).toEqual([expect.stringContaining('m1 has 10 votes of 9')]);
  });

  it('catches totals that do not add up, and more returned than issued not voided', () => {
    const { s, tally } = soundRound();
    tally.invalid = 2;
    expect(ballotsCountedOnce(s)).toEqual([expect.stringContaining('≠ returned 10')]);
    tally.invalid = 1;
    tally.issued = 9;
    expect(ballotsCountedOnce(s)).toEqual([expect.stringContaining('10 returned of 9 issued')]);
  });
});

describe('auditChainVerifies', () => {
  it('catches an altered entry, a removed one, a broken link', () => {
    const altered = sound();
    const first = altered.audit[0];
    if (!first) throw new Error('fixture');
    first.actor = 'someone-else';
    expect(auditChainVerifies(altered)).toEqual([expect.stringContaining('hash does not match')]);
    const removed = sound();
    removed.audit.shift();
    expect(auditChainVerifies(removed)).toEqual([expect.stringContaining('has seq 2')]);
    const relinked = sound();
    const second = relinked.audit[1];
    if (!second) throw new Error('fixture');
    second.prevHash = 'f'.repeat(64);
    expect(auditChainVerifies(relinked)).toEqual([expect.stringContaining('prevHash')]);
  });
});

describe('ballotsNameNoVoter', () => {
  it('catches a voter field on the item or inside the paper', () => {
    const s = sound();
    const items = s.store?.ballots[electionRound.id];
    if (!items?.[0] || !items[1]) throw new Error('fixture');
    items[0].voterId = 'm7';
    items[1].content = { marks: {}, castBy: 'm8' };
    expect(ballotsNameNoVoter(s)).toEqual([
      expect.stringContaining('holds voterId'),
      expect.stringContaining('holds castBy'),
    ]);
  });
});

describe('noticesSentOrPending', () => {
  it('catches a notice sent without a message id, an unknown status, a lease-less send', () => {
    const s = sound();
    const notice = s.notices[0];
    if (!notice) throw new Error('fixture');
    notice.messageId = null;
    s.notices.push({ ...notice, status: 'lost', messageId: 'y' });
    s.store?.notices.push({ sk: 'NOTICE#b', status: 'sending' });
    expect(noticesSentOrPending(s)).toEqual([
      expect.stringContaining('sent without'),
      expect.stringContaining('status lost'),
      expect.stringContaining('no lease'),
    ]);
  });
});

describe('refusalChangedNothing', () => {
  it('catches an audit entry by the refused actor, even while the workflow moves on', () => {
    const before = sound();
    const after = sound();
    after.audit = chain([
      ['organizer-1', 'election-created'],
      ['workflow', 'stage-entered'],
      ['workflow', 'stage-entered'],
    ]);
    expect(refusalChangedNothing(before, after, 'organizer-1', { strict: false })).toEqual([]);
    after.audit = chain([
      ['organizer-1', 'election-created'],
      ['workflow', 'stage-entered'],
      ['organizer-1', 'deadline-moved'],
    ]);
    expect(refusalChangedNothing(before, after, 'organizer-1', { strict: false })).toEqual([
      expect.stringContaining('audited deadline-moved'),
    ]);
  });

  it('strict: catches any new entry and any change of the election', () => {
    const before = sound();
    const after = sound();
    after.election.candidates = [{ memberId: 'm4', office: 'secretary', status: 'nominated' }];
    expect(refusalChangedNothing(before, after, 'x', { strict: true })).toEqual([
      'refused, yet the election changed',
    ]);
  });
});
