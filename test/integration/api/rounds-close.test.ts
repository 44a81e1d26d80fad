// Proves closing a round and what follows it: only a scrutineer closes, once, even when two
// close at once; the tally is the rules engine's over every ballot, sealed by a digest in the
// audit chain and announced at once; a void, no-quorum, tied or short round opens its re-vote by
// itself; a repeated tie or shortfall waits for the organizers' recorded decision; an entry
// under way when a close begins is waited for and counted, and one arriving after is refused.
import { describe, expect, it } from 'vitest';
import { verdictLines, verifyRecount } from '../../../shared/recount/verify.ts';
import { Tally } from '../../../shared/rules/index.ts';
import { digestOf, fingerprintOf } from '../../../shared/store/audit-chain.ts';
import { enterBallots, readBallots, type StoredBallot } from '../../../shared/store/ballots.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import {
  ENTRY_MAX_MS,
  enterGate,
  gateEntryId,
  getRound,
  leaveGate,
  listRounds,
} from '../../../shared/store/rounds.ts';
import { readAudit } from '../../../shared/store/transact.ts';
import { expectDeclaredAnswer } from './answers.ts';
import {
  auditActions,
  electionBallots,
  errorOf,
  RECOMMENDATION_ROUND,
  recommendationBallots,
  roundsSuite,
  STAFF,
  seedRound,
  token,
} from './round-fixtures.ts';

const suite = roundsSuite();

const post = (path: string, body: unknown, as: string) =>
  suite.env.api.call('POST', path, { token: as, ...(body === undefined ? {} : { body }) });

const roundPath = (electionId: string, roundId: string) =>
  `/v1/elections/${electionId}/rounds/${roundId}`;

const ballotsOf = async (electionId: string, roundId: string) => {
  const all: StoredBallot[] = [];
  for await (const ballot of readBallots(electionId, roundId)) all.push(ballot);
  return all;
};

/** Attendance, ballots and the close of one round; answers the close. */
const vote = async (
  path: string,
  attendance: Record<string, unknown>,
  ballots: Record<string, unknown>[],
) => {
  const recorded = await post(`${path}/attendance`, { staff: STAFF, ...attendance }, suite.teller);
  expect(recorded.status, recorded.text).toBe(200);
  for (let i = 0; i < ballots.length; i += 500) {
    const entered = await post(
      `${path}/ballots`,
      { ballots: ballots.slice(i, i + 500) },
      suite.teller,
    );
    expect(entered.status, entered.text).toBe(200);
  }
  return post(`${path}/close`, undefined, suite.scrutineer);
};

const present = (n: number, issued = n) => ({ present: n, ballotsIssued: issued });

const FOR_M01 = { m01: 'for', m02: 'against' } as const;
const FOR_M02 = { m01: 'against', m02: 'for' } as const;

/** A member round for two seats among m01–m03 that elects only m01: one seat short. */
const firstRoundShortOfOne = async () => {
  const { election, path } = await seedRound(suite.env, {
    kind: 'election',
    office: 'member',
    stage: 'member-election',
    candidates: ['m01', 'm02', 'm03'],
    seats: 2,
    revotesSoFar: 0,
  });
  const first = await vote(path, present(15), [
    ...electionBallots(10, { m01: 'for', m02: 'against', m03: 'against' }, 1),
    ...electionBallots(5, { m01: 'against', m02: 'for', m03: 'for' }, 11),
  ]);
  expect(first.body).toMatchObject({ elected: ['m01'], shortfall: 1, next: 'revote' });
  return { election };
};

describe('closing an election round', () => {
  it('answers the tally of every ballot, stores it, seals the ballots in the audit chain and announces it', async () => {
    const { election, round, path } = await seedRound(suite.env);
    const closed = await vote(path, present(15), [
      ...electionBallots(9, FOR_M01, 1),
      ...electionBallots(4, FOR_M02, 10),
      ...electionBallots(1, { m01: 'for', m02: 'for' }, 14),
    ]);
    expect(closed.status).toBe(200);
    expectDeclaredAnswer('POST /v1/elections/{id}/rounds/{roundId}/close', closed.body);
    const tally = Tally.parse(closed.body);
    expect(tally).toEqual({
      status: 'valid',
      issued: 15,
      returned: 14,
      valid: 13,
      invalid: 1,
      counts: { m01: 9, m02: 4 },
      elected: ['m01'],
      next: 'advance',
    });

    const stored = await getRound(election.id, round.id);
    expect(stored?.status).toBe('closed');
    expect(stored?.tally).toEqual(tally);
    const shown = await suite.env.api.call('GET', path, { token: await token(['member']) });
    expect(shown.body).toMatchObject({ status: 'closed', tally });

    const entry = (await readAudit(`ELECTION#${election.id}`)).find(
      (e) => e.action === 'round-closed',
    );
    const ballots = await ballotsOf(election.id, round.id);
    expect(entry?.data).toMatchObject({
      roundId: round.id,
      status: 'closed',
      tally,
      // Each ballot by its serial too: a recount names the one that differs (issue 15).
      ballots: {
        count: 14,
        digest: digestOf(ballots),
        fingerprints: Object.fromEntries(ballots.map((b) => [b.serial, fingerprintOf(b)])),
      },
    });
    expect(entry?.actor).toBe('scrutineer-1');

    const results = (await listNotices(election.id)).filter((n) => n.template === 'round-result');
    expect(results).toHaveLength(20);
    expect(results.every((n) => n.status === 'sent')).toBe(true);
    expect(results[0]?.subject).toContain('第1轮');
    expect(await listRounds(election.id)).toHaveLength(1);
  });

  it('publishes a recount file once closed: 409 while the round is open, 404 for an unknown round, then a file that recounts to match', async () => {
    const { election, round, path } = await seedRound(suite.env);
    const recountPath = `/public/elections/${election.id}/rounds/${round.id}/recount`;
    const open = await suite.env.api.call('GET', recountPath, {});
    expect(open.status).toBe(409);
    expect(open.body).toMatchObject({ error: { code: 'round-not-closed' } });
    const unknown = await suite.env.api.call(
      'GET',
      `${recountPath.replace(round.id, 'none-1')}`,
      {},
    );
    expect(unknown.status).toBe(404);

    await vote(path, present(15), [
      ...electionBallots(9, FOR_M01, 1),
      ...electionBallots(4, FOR_M02, 10),
    ]);
    const file = await suite.env.api.call('GET', recountPath, {});
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect(verdictLines(await verifyRecount(file.body))).toEqual(['match']);
  });

  it('waits for an entry under way when the close begins, and counts what it stored', async () => {
    const { election, round, path } = await seedRound(suite.env);
    await post(`${path}/attendance`, { staff: STAFF, ...present(15) }, suite.teller);
    const entered = await post(
      `${path}/ballots`,
      { ballots: electionBallots(12, FOR_M01, 1) },
      suite.teller,
    );
    expect(entered.status, entered.text).toBe(200);
    // A teller's request has passed the gate and not written yet when the scrutineer closes.
    const slow = gateEntryId();
    expect(await enterGate(election.id, round.id, slow)).toMatchObject({
      id: round.id,
      ballotsEntered: true,
    });
    const closing = post(`${path}/close`, undefined, suite.scrutineer);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await post(
      `${path}/ballots`,
      { ballots: electionBallots(1, FOR_M02, 50) },
      suite.teller,
    );
    expect(late.status).toBe(409);
    expect(errorOf(late.body).code).toBe('round-counting');
    // The slow entry writes its ballots, then leaves: only now does the close count.
    const written = await enterBallots(
      election.id,
      round.id,
      electionBallots(3, FOR_M02, 20).map(({ serial, marks }) => ({
        serial,
        content: { marks },
        valid: true,
      })),
    );
    expect(written.accepted).toHaveLength(3);
    await leaveGate(election.id, round.id, slow);
    const closed = await closing;
    expect(closed.status, closed.text).toBe(200);
    expect(Tally.parse(closed.body)).toMatchObject({ returned: 15, counts: { m01: 12, m02: 3 } });
    expect((await ballotsOf(election.id, round.id)).map((b) => b.serial)).not.toContain('E0050');
  });

  it('does not wait for an entry whose request died more than 30 s ago', async () => {
    const { election, round, path } = await seedRound(suite.env);
    await post(`${path}/attendance`, { staff: STAFF, ...present(15) }, suite.teller);
    await post(`${path}/ballots`, { ballots: electionBallots(2, FOR_M01, 1) }, suite.teller);
    const dead = gateEntryId(new Date(Date.now() - ENTRY_MAX_MS - 1000));
    expect(await enterGate(election.id, round.id, dead)).toMatchObject({
      id: round.id,
      ballotsEntered: true,
    });
    const closed = await post(`${path}/close`, undefined, suite.scrutineer);
    expect(closed.status, closed.text).toBe(200);
    expect(Tally.parse(closed.body)).toMatchObject({ returned: 2 });
  });

  it('counts every ballot accepted by tellers racing the close: accepted = returned', async () => {
    const { path } = await seedRound(suite.env);
    const attended = await post(
      `${path}/attendance`,
      { staff: STAFF, ...present(15) },
      suite.teller,
    );
    expect(attended.status, attended.text).toBe(200);
    const batches = Array.from({ length: 7 }, (_, t) => electionBallots(2, FOR_M01, 1 + t * 2));
    const entries = batches.map(async (batch, t) => {
      await new Promise((resolve) => setTimeout(resolve, t * 15));
      return post(`${path}/ballots`, { ballots: batch }, suite.teller);
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    const closed = await post(`${path}/close`, undefined, suite.scrutineer);
    const answers = await Promise.all(entries);
    const accepted = answers
      .filter((a) => a.status === 200)
      .reduce((sum, a) => sum + (a.body as { accepted: number }).accepted, 0);
    for (const a of answers) expect([200, 409], a.text).toContain(a.status);
    expect(closed.status, closed.text).toBe(200);
    expect(Tally.parse(closed.body).returned).toBe(accepted);
  });

  it('only a scrutineer closes: an organizer or a teller gets 403 and the round stays open', async () => {
    const { election, round, path } = await seedRound(suite.env);
    await post(`${path}/attendance`, { staff: STAFF, ...present(15) }, suite.teller);
    expect((await post(`${path}/close`, undefined, suite.organizer)).status).toBe(403);
    expect((await post(`${path}/close`, undefined, suite.teller)).status).toBe(403);
    expect((await getRound(election.id, round.id))?.status).toBe('open');
  });

  it('refuses to close without attendance (409)', async () => {
    const { path } = await seedRound(suite.env);
    const answer = await post(`${path}/close`, undefined, suite.scrutineer);
    expect(answer.status).toBe(409);
    expect(errorOf(answer.body).code).toBe('attendance-missing');
  });

  it('closing twice is 409; ballots and attendance of a closed round are 409 too', async () => {
    const { path } = await seedRound(suite.env);
    expect((await vote(path, present(15), electionBallots(13, FOR_M01))).status).toBe(200);
    const again = await post(`${path}/close`, undefined, suite.scrutineer);
    expect(again.status).toBe(409);
    expect(errorOf(again.body).code).toBe('round-not-open');
    const late = await post(
      `${path}/ballots`,
      { ballots: electionBallots(1, FOR_M01, 99) },
      suite.teller,
    );
    expect(late.status).toBe(409);
    const attendance = await post(
      `${path}/attendance`,
      { staff: STAFF, ...present(15) },
      suite.teller,
    );
    expect(attendance.status).toBe(409);
  });

  it('two scrutineers closing at once make one tally', async () => {
    const { election, path } = await seedRound(suite.env);
    await post(`${path}/attendance`, { staff: STAFF, ...present(15) }, suite.teller);
    await post(`${path}/ballots`, { ballots: electionBallots(13, FOR_M01) }, suite.teller);
    const other = await token(['scrutineer'], undefined, 'scrutineer-2');
    const answers = await Promise.all([
      post(`${path}/close`, undefined, suite.scrutineer),
      post(`${path}/close`, undefined, other),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await auditActions(election.id)).filter((a) => a === 'round-closed')).toHaveLength(1);
  });

  it('more ballots returned than issued: void, and a fresh round with the same candidates opens by itself', async () => {
    const { election, path } = await seedRound(suite.env);
    const closed = await vote(path, present(15, 12), electionBallots(13, FOR_M01));
    expect(closed.body).toMatchObject({ status: 'void', returned: 13, issued: 12, next: 'revote' });
    const rounds = await listRounds(election.id);
    expect(rounds.map((r) => [r.id, r.status])).toEqual([
      ['secretary-election-1', 'void'],
      ['secretary-election-2', 'open'],
    ]);
    expect(rounds[1]).toMatchObject({
      kind: 'election',
      office: 'secretary',
      number: 2,
      candidates: ['m01', 'm02'],
      seats: 1,
      revotesSoFar: 0,
      follows: 'secretary-election-1',
    });
    expect(rounds[0]?.followUp).toBe('secretary-election-2');
    expect(await auditActions(election.id)).toEqual(
      expect.arrayContaining(['round-closed', 'round-opened']),
    );
    // The fresh round needs its own attendance.
    const next = roundPath(election.id, 'secretary-election-2');
    const early = await post(
      `${next}/ballots`,
      { ballots: electionBallots(1, FOR_M01) },
      suite.teller,
    );
    expect(early.status).toBe(409);
    const invitations = (await listNotices(election.id)).filter(
      (n) => n.template === 'assembly-invitation',
    );
    expect(invitations).toHaveLength(32);
  });

  it('too few ballots for the quorum (4/5 of 应到会): no-quorum, and a fresh round opens', async () => {
    const { election, path } = await seedRound(suite.env);
    // 12 of 16 returned: 12 × 5 = 60 < 16 × 4 = 64.
    const closed = await vote(path, present(15), electionBallots(12, FOR_M01));
    expect(closed.body).toMatchObject({ status: 'no-quorum', next: 'revote', elected: [] });
    const rounds = await listRounds(election.id);
    expect(rounds.map((r) => r.status)).toEqual(['no-quorum', 'open']);
    expect(rounds[1]?.revotesSoFar).toBe(0);
  });
});

describe('re-votes and the organizers’ decision', () => {
  const residentsAttendance = {
    ...present(170),
    constituencies: [
      { name: '社区单位党组织', expected: 60, present: 50, ballotsIssued: 50 },
      { name: '社区居民群众', expected: 150, present: 120, ballotsIssued: 120 },
    ],
  };
  /** m03 and m04 share the third place exactly: the same shares in both constituencies. */
  const tiedAtThird = [
    ...recommendationBallots(20, 'units', ['m01'], 1),
    ...recommendationBallots(15, 'units', ['m02'], 21),
    ...recommendationBallots(5, 'units', ['m03'], 36),
    ...recommendationBallots(5, 'units', ['m04'], 41),
    ...recommendationBallots(5, 'units', [], 46),
    ...recommendationBallots(48, 'residents', ['m01'], 1),
    ...recommendationBallots(36, 'residents', ['m02'], 49),
    ...recommendationBallots(12, 'residents', ['m03'], 85),
    ...recommendationBallots(12, 'residents', ['m04'], 97),
    ...recommendationBallots(12, 'residents', [], 109),
  ];
  const evenSplit = [
    ...recommendationBallots(25, 'units', ['m03'], 1),
    ...recommendationBallots(25, 'units', ['m04'], 26),
    ...recommendationBallots(60, 'residents', ['m03'], 1),
    ...recommendationBallots(60, 'residents', ['m04'], 61),
  ];

  it('a tie at the cut-off opens a re-vote among the tied; a repeated tie waits for the organizers, whose decision is recorded once', async () => {
    const { election, path } = await seedRound(suite.env, RECOMMENDATION_ROUND);
    const first = await vote(path, residentsAttendance, tiedAtThird);
    expect(first.body).toMatchObject({
      status: 'valid',
      counts: { m01: 68, m02: 51, m03: 17, m04: 17 },
      elected: ['m01', 'm02'],
      tied: ['m03', 'm04'],
      next: 'revote',
    });
    const second = await getRound(election.id, 'recommendation-2');
    expect(second).toMatchObject({
      status: 'open',
      candidates: ['m03', 'm04'],
      seats: 1,
      places: 1,
      revotesSoFar: 1,
    });

    const secondPath = roundPath(election.id, 'recommendation-2');
    const tiedAgain = await vote(secondPath, residentsAttendance, evenSplit);
    expect(tiedAgain.body).toMatchObject({
      elected: [],
      tied: ['m03', 'm04'],
      next: 'organizer-decision',
    });
    expect(await listRounds(election.id)).toHaveLength(2);

    const decide = (body: unknown, as = suite.organizer) =>
      post(`${secondPath}/decision`, body, as);
    expect(
      (await decide({ choice: 'select', memberIds: ['m03'], reason: '...' }, suite.scrutineer))
        .status,
    ).toBe(403);
    const outsider = await decide({
      choice: 'select',
      memberIds: ['m01'],
      reason: '领导小组研究决定',
    });
    expect(outsider.status).toBe(422);
    expect(errorOf(outsider.body).code).toBe('select-not-tied');
    const blank = await decide({ choice: 'select', memberIds: ['m03'], reason: '  ' });
    expect(blank.status).toBe(422);
    expect((await decide({ choice: 'select', reason: 'x' })).status).toBe(400);

    // One more re-vote, ordered by the organizers; it ties again and they select.
    const revote = await decide({ choice: 'revote', reason: '领导小组决定再次投票' });
    expect(revote.status).toBe(200);
    expect(revote.body).toMatchObject({
      decision: { choice: 'revote', by: 'organizer-1' },
      followUp: 'recommendation-3',
    });
    expect((await decide({ choice: 'revote', reason: '再次' })).status).toBe(409);
    expect(await getRound(election.id, 'recommendation-3')).toMatchObject({
      status: 'open',
      candidates: ['m03', 'm04'],
      revotesSoFar: 2,
      follows: 'recommendation-2',
    });

    const thirdPath = roundPath(election.id, 'recommendation-3');
    const third = await vote(thirdPath, residentsAttendance, evenSplit);
    expect(third.body).toMatchObject({ next: 'organizer-decision' });
    const selected = await post(
      `${thirdPath}/decision`,
      { choice: 'select', memberIds: ['m03'], reason: '领导小组研究确定' },
      suite.organizer,
    );
    expect(selected.status).toBe(200);
    expect(selected.body).toMatchObject({
      decision: { choice: 'select', memberIds: ['m03'], elected: ['m03'] },
    });
    expect(await listRounds(election.id)).toHaveLength(3);
    expect((await auditActions(election.id)).filter((a) => a === 'round-decided')).toHaveLength(2);

    // A round whose tally went ahead by itself has nothing to decide.
    const firstDecision = await post(
      `${path}/decision`,
      { choice: 'revote', reason: '再次' },
      suite.organizer,
    );
    expect(firstDecision.status).toBe(409);
  }, 60_000);

  it('a shortfall opens a further round for the seats left among those not elected; a second one lets the organizers reduce the seats', async () => {
    const { election } = await firstRoundShortOfOne();
    expect(await getRound(election.id, 'member-election-2')).toMatchObject({
      candidates: ['m02', 'm03'],
      seats: 1,
      revotesSoFar: 1,
    });

    const secondPath = roundPath(election.id, 'member-election-2');
    const second = await vote(secondPath, present(15), [
      ...electionBallots(6, { m02: 'for', m03: 'against' }, 1),
      ...electionBallots(4, { m02: 'against', m03: 'for' }, 7),
      ...electionBallots(5, {}, 11),
    ]);
    expect(second.body).toMatchObject({ elected: [], shortfall: 1, next: 'organizer-decision' });

    // Never a seat for someone below the threshold.
    const select = await post(
      `${secondPath}/decision`,
      { choice: 'select', memberIds: ['m02'], reason: '得票最多' },
      suite.organizer,
    );
    expect(select.status).toBe(422);
    const reduced = await post(
      `${secondPath}/decision`,
      { choice: 'reduce-seats', seats: 0, reason: '经两轮选举仍不足额,减少委员名额' },
      suite.organizer,
    );
    expect(reduced.status).toBe(200);
    expect(reduced.body).toMatchObject({ decision: { choice: 'reduce-seats', seats: 0 } });
    expect(await listRounds(election.id)).toHaveLength(2);
  });
});

describe('a seat is never lost to a write-in (SPEC §2.9)', () => {
  it('in the further round a write-in of the member the first round elected counts for nobody — the ballots stay valid — and the chain waits for its seat', async () => {
    const { election } = await firstRoundShortOfOne();

    // 10 of 15 write m01 in again for the second seat: without the rule m01 would take it.
    const secondPath = roundPath(election.id, 'member-election-2');
    await post(`${secondPath}/attendance`, { staff: STAFF, ...present(15) }, suite.teller);
    const entered = await post(
      `${secondPath}/ballots`,
      {
        ballots: [
          ...electionBallots(10, { m02: 'against' }, 1).map((b) => ({ ...b, writeIns: ['m01'] })),
          ...electionBallots(5, { m02: 'for' }, 11),
        ],
      },
      suite.teller,
    );
    expect(entered.body).toEqual({ accepted: 15, invalid: [], duplicates: [] });
    const second = await post(`${secondPath}/close`, undefined, suite.scrutineer);
    expect(second.body).toMatchObject({
      valid: 15,
      invalid: 0,
      counts: { m02: 5, m03: 0 },
      voidWriteIns: 10,
      elected: [],
      shortfall: 1,
      next: 'organizer-decision',
    });
    expect(Tally.parse(second.body)).toEqual(second.body);
  });

  it('a re-vote among the tied takes no write-in: such a ballot is invalid at entry', async () => {
    const { election, path } = await seedRound(suite.env);
    const tie = await vote(path, present(15), [
      ...electionBallots(7, FOR_M01, 1),
      ...electionBallots(7, FOR_M02, 8),
      ...electionBallots(1, {}, 15),
    ]);
    expect(tie.body).toMatchObject({ tied: ['m01', 'm02'], next: 'revote' });
    const revotePath = roundPath(election.id, 'secretary-election-2');
    const revote = await suite.env.api.call('GET', revotePath, { token: suite.organizer });
    expect(revote.body).toMatchObject({ candidates: ['m01', 'm02'], amongTied: true });
    await post(`${revotePath}/attendance`, { staff: STAFF, ...present(15) }, suite.teller);
    const entered = await post(
      `${revotePath}/ballots`,
      {
        ballots: [
          { serial: 'R1', marks: { m01: 'against' }, writeIns: ['m03'] },
          { serial: 'R2', marks: FOR_M01 },
        ],
      },
      suite.teller,
    );
    expect(entered.body).toEqual({
      accepted: 2,
      invalid: [{ serial: 'R1', reason: 'write-in-not-allowed' }],
      duplicates: [],
    });
  });
});

describe('other round kinds', () => {
  it('a recall vote counts the “for” votes against the office holder', async () => {
    const { path } = await seedRound(suite.env, {
      kind: 'recall',
      office: 'secretary',
      stage: 'recall',
      candidates: ['m05'],
      seats: 1,
      revotesSoFar: 0,
    });
    const closed = await vote(path, present(15), [
      ...electionBallots(9, { m05: 'for' }, 1),
      ...electionBallots(4, { m05: 'against' }, 10),
    ]);
    expect(closed.body).toMatchObject({
      status: 'valid',
      counts: { m05: 9 },
      elected: ['m05'],
      next: 'advance',
    });
  });

  it('an evaluation passes a nominee whose 满意 votes are more than half of the ballots returned', async () => {
    const { path } = await seedRound(suite.env, {
      kind: 'evaluation',
      office: 'secretary',
      stage: 'evaluation',
      candidates: ['m01', 'm02'],
      seats: 2,
      revotesSoFar: 0,
    });
    const ballots = Array.from({ length: 40 }, (_, i) => ({
      serial: `V${i}`,
      ratings: {
        m01: i < 30 ? 'satisfied' : 'basically',
        m02: i < 20 ? 'satisfied' : 'unsatisfied',
      },
    }));
    const closed = await vote(
      path,
      {
        ...present(40),
        constituencies: [{ name: 'employees', expected: 80, present: 40, ballotsIssued: 40 }],
      },
      ballots,
    );
    expect(closed.body).toMatchObject({
      status: 'valid',
      counts: { m01: 30, m02: 20 },
      elected: ['m01'],
    });
  });
});
