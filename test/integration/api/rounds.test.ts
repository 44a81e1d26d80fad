// Proves the round routes up to the count: rounds opened idempotently with their invitations,
// attendance checked against the roll and the rules (staff, constituencies, 应到会 computed),
// ballots entered by concurrent tellers each stored once, invalid ones kept with their reason,
// and every route scoped by role and organization, a refused request changing nothing.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { openRound } from '../../../shared/election/rounds/round.ts';
import { PRESETS } from '../../../shared/rules/index.ts';
import { readBallots, type StoredBallot } from '../../../shared/store/ballots.ts';
import { documentClient } from '../../../shared/store/client.ts';
import { keys } from '../../../shared/store/keys.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import { getRound, listRounds } from '../../../shared/store/rounds.ts';
import { tableName } from '../../../shared/store/table.ts';
import { expectDeclaredAnswer } from './answers.ts';
import {
  auditActions,
  ELECTION_ROUND,
  electionBallots,
  errorOf,
  ORG,
  RECOMMENDATION_ROUND,
  roundsSuite,
  STAFF,
  seedElection,
  seedRound,
  token,
} from './round-fixtures.ts';

const suite = roundsSuite();

const post = (path: string, body: unknown, as = suite.teller) =>
  suite.env.api.call('POST', path, { token: as, body });

const ballotsOf = async (electionId: string, roundId: string) => {
  const all: StoredBallot[] = [];
  for await (const ballot of readBallots(electionId, roundId)) all.push(ballot);
  return all;
};

const electionAttendance = (present = 15, ballotsIssued = present) => ({
  present,
  ballotsIssued,
  staff: STAFF,
});

const communityAttendance = (residentsExpected = 150) => ({
  present: 170,
  ballotsIssued: 170,
  constituencies: [
    { name: '社区单位党组织', expected: 60, present: 50, ballotsIssued: 50 },
    { name: '社区居民群众', expected: residentsExpected, present: 120, ballotsIssued: 120 },
  ],
  staff: STAFF,
});

describe('opening a round', () => {
  it('numbers rounds per stage and answers the open one when asked again, audited once', async () => {
    const election = await seedElection(suite.env.rollId, { stage: 'secretary-election' });
    const first = await openRound(election, ELECTION_ROUND, 'workflow');
    const again = await openRound(election, ELECTION_ROUND, 'workflow');
    expect(first.id).toBe('secretary-election-1');
    expect(again).toEqual(first);
    expect(await listRounds(election.id)).toHaveLength(1);
    expect((await auditActions(election.id)).filter((a) => a === 'round-opened')).toHaveLength(1);
  });

  it('concurrent opens of a stage make one round', async () => {
    const election = await seedElection(suite.env.rollId, { stage: 'secretary-election' });
    const opened = await Promise.all(
      Array.from({ length: 4 }, () => openRound(election, ELECTION_ROUND, 'workflow')),
    );
    expect(new Set(opened.map((r) => r.id))).toEqual(new Set(['secretary-election-1']));
    expect(await listRounds(election.id)).toHaveLength(1);
  });

  it('invites the entitled members to an election; a recommendation assembly invites the whole roll', async () => {
    const { election } = await seedRound(suite.env, ELECTION_ROUND);
    const invited = (await listNotices(election.id)).filter(
      (n) => n.template === 'assembly-invitation',
    );
    expect(invited.map((n) => n.to).sort()).toEqual(
      Array.from({ length: 16 }, (_, i) => `m${String(i + 1).padStart(2, '0')}@example.org`),
    );
    expect(invited.every((n) => n.status === 'sent')).toBe(true);

    const recommendation = await seedRound(suite.env, RECOMMENDATION_ROUND);
    const all = await listNotices(recommendation.election.id);
    expect(all.filter((n) => n.template === 'assembly-invitation')).toHaveLength(20);
  });
});

describe('attendance (到会情况)', () => {
  it('an election round gets 应到会 from the roll: the entitled members only', async () => {
    const { election, path } = await seedRound(suite.env);
    const answer = await post(`${path}/attendance`, electionAttendance());
    expect(answer.status).toBe(200);
    const shown = await suite.env.api.call('GET', path, { token: suite.teller });
    expect(shown.body).toMatchObject({
      id: 'secretary-election-1',
      kind: 'election',
      office: 'secretary',
      number: 1,
      status: 'open',
      candidates: ['m01', 'm02'],
      seats: 1,
      attendance: { expected: 16, present: 15, ballotsIssued: 15, staff: STAFF },
    });
    expect(await auditActions(election.id)).toContain('round-attendance');
  });

  it('refuses staff who are not on the roll or are candidates in this vote (422), storing nothing', async () => {
    const { election, round, path } = await seedRound(suite.env);
    const stranger = await post(`${path}/attendance`, {
      ...electionAttendance(),
      staff: { ...STAFF, counter: 'nobody' },
    });
    expect(stranger.status).toBe(422);
    expect(errorOf(stranger.body).code).toBe('staff-not-member');
    const candidate = await post(`${path}/attendance`, {
      ...electionAttendance(),
      staff: { ...STAFF, scrutineer: 'm02' },
    });
    expect(candidate.status).toBe(422);
    expect(errorOf(candidate.body).code).toBe('staff-is-candidate');
    expect((await getRound(election.id, round.id))?.attendance).toBeUndefined();
  });

  it('refuses more present than entitled, and constituencies on an election round (422)', async () => {
    const { path } = await seedRound(suite.env);
    const crowded = await post(`${path}/attendance`, electionAttendance(17));
    expect(crowded.status).toBe(422);
    expect(errorOf(crowded.body).code).toBe('present-exceeds-expected');
    const split = await post(`${path}/attendance`, {
      ...electionAttendance(),
      constituencies: [{ name: 'members', expected: 16, present: 15, ballotsIssued: 15 }],
    });
    expect(split.status).toBe(422);
    expect(errorOf(split.body).code).toBe('constituencies-not-applicable');
  });

  it('a recommendation names its constituencies by name or id; the quorum base is their sum', async () => {
    const { election, round, path } = await seedRound(suite.env, RECOMMENDATION_ROUND);
    const byName = await post(`${path}/attendance`, communityAttendance());
    expect(byName.status).toBe(200);
    const stored = (await getRound(election.id, round.id))?.attendance;
    expect(stored?.expected).toBe(210);
    expect(stored?.constituencies?.map((c) => c.id)).toEqual(['units', 'residents']);

    const byId = await post(`${path}/attendance`, {
      ...communityAttendance(),
      constituencies: communityAttendance().constituencies.map(({ name, ...rest }, i) => ({
        ...rest,
        id: i === 0 ? 'units' : 'residents',
      })),
    });
    expect(byId.status).toBe(200);
  });

  it('residents expected below minResidentRepresentatives, a missing constituency, or totals that do not add up → 422', async () => {
    const { path } = await seedRound(suite.env, RECOMMENDATION_ROUND);
    const few = await post(`${path}/attendance`, communityAttendance(149));
    expect(few.status).toBe(422);
    expect(errorOf(few.body).code).toBe('too-few-resident-representatives');

    const [units] = communityAttendance().constituencies;
    const missing = await post(`${path}/attendance`, {
      ...communityAttendance(),
      present: 50,
      ballotsIssued: 50,
      constituencies: [units],
    });
    expect(missing.status).toBe(422);
    expect(errorOf(missing.body).details.map((d) => d.rule)).toContain('missing-constituency');

    const wrongTotal = await post(`${path}/attendance`, { ...communityAttendance(), present: 171 });
    expect(wrongTotal.status).toBe(422);
    expect(errorOf(wrongTotal.body).code).toBe('totals-mismatch');

    const none = await post(`${path}/attendance`, electionAttendance());
    expect(none.status).toBe(422);
    expect(errorOf(none.body).code).toBe('constituencies-required');
  });

  it('SPEC §2.8: ballots issued never exceed those present (election and per constituency) → 422 naming the field, nothing stored', async () => {
    const { election, round, path } = await seedRound(suite.env);
    const tooMany = await post(`${path}/attendance`, electionAttendance(10, 16));
    expect(tooMany.status).toBe(422);
    expect(errorOf(tooMany.body).code).toBe('ballots-exceed-present');
    expect(errorOf(tooMany.body).details).toEqual([
      expect.objectContaining({ rule: 'ballots-exceed-present', path: ['ballotsIssued'] }),
    ]);
    const nobody = await post(`${path}/attendance`, electionAttendance(0, 16));
    expect(nobody.status).toBe(422);
    expect((await getRound(election.id, round.id))?.attendance).toBeUndefined();

    const assembly = await seedRound(suite.env, RECOMMENDATION_ROUND);
    const [units, residents] = communityAttendance().constituencies;
    const overIssued = await post(`${assembly.path}/attendance`, {
      ...communityAttendance(),
      ballotsIssued: 175,
      constituencies: [units, { ...residents, ballotsIssued: 125 }],
    });
    expect(overIssued.status).toBe(422);
    const [detail] = errorOf(overIssued.body).details;
    expect(detail).toMatchObject({
      rule: 'ballots-exceed-present',
      path: ['constituencies', 1, 'ballotsIssued'],
    });
    expect(errorOf(overIssued.body).message).toContain('社区居民群众');
    const stored = await getRound(assembly.election.id, assembly.round.id);
    expect(stored?.attendance).toBeUndefined();
  });

  it('第一篇: a nanjing assembly has no minimum of resident representatives — 54 are accepted', async () => {
    const { path } = await seedRound(suite.env, RECOMMENDATION_ROUND, PRESETS.nanjing);
    const answer = await post(`${path}/attendance`, {
      present: 80,
      ballotsIssued: 80,
      constituencies: [
        { name: '社区单位党组织', expected: 30, present: 28, ballotsIssued: 28 },
        { name: '社区居民群众', expected: 54, present: 52, ballotsIssued: 52 },
      ],
      staff: STAFF,
    });
    expect(answer.status, answer.text).toBe(200);
  });

  it('第八条: 唱票人、监票人、计票人 are three different people (422, nothing stored)', async () => {
    const { election, round, path } = await seedRound(suite.env);
    const twice = await post(`${path}/attendance`, {
      ...electionAttendance(),
      staff: { ...STAFF, counter: STAFF.scrutineer },
    });
    expect(twice.status).toBe(422);
    expect(errorOf(twice.body).code).toBe('staff-not-distinct');
    expect(errorOf(twice.body).message).toContain('staff.counter');
    expect((await getRound(election.id, round.id))?.attendance).toBeUndefined();
  });

  it('第八条1: the assembly’s vote approving 监票人 and 计票人 is recorded with the attendance and shown with the round', async () => {
    const { election, round, path } = await seedRound(suite.env);
    const short = await post(`${path}/attendance`, {
      ...electionAttendance(),
      staffApproval: { for: 7, against: 6, abstain: 2 },
    });
    expect(short.status).toBe(422);
    expect(errorOf(short.body).code).toBe('staff-not-approved');
    const crowded = await post(`${path}/attendance`, {
      ...electionAttendance(),
      staffApproval: { for: 12, against: 3, abstain: 1 },
    });
    expect(crowded.status).toBe(422);
    expect(errorOf(crowded.body).code).toBe('staff-approval-exceeds-present');
    expect((await getRound(election.id, round.id))?.attendance).toBeUndefined();

    const staffApproval = { for: 13, against: 1, abstain: 1 };
    const answer = await post(`${path}/attendance`, { ...electionAttendance(), staffApproval });
    expect(answer.status).toBe(200);
    const shown = await suite.env.api.call('GET', path, { token: suite.teller });
    expect(shown.body).toMatchObject({ attendance: { staff: STAFF, staffApproval } });
    expectDeclaredAnswer('POST /v1/elections/{id}/rounds/{roundId}/attendance', answer.body);
    expectDeclaredAnswer('GET /v1/elections/{id}/rounds/{roundId}', shown.body);
  });

  it('an evaluation has one constituency, the non-party employees', async () => {
    const evaluation = {
      kind: 'evaluation' as const,
      office: 'secretary' as const,
      stage: 'evaluation' as const,
      candidates: ['m01', 'm02', 'm03'],
      seats: 3,
      revotesSoFar: 0,
    };
    const { path } = await seedRound(suite.env, evaluation);
    const attendanceIn = (constituency: string) => ({
      present: 40,
      ballotsIssued: 40,
      constituencies: [{ name: constituency, expected: 80, present: 40, ballotsIssued: 40 }],
      staff: STAFF,
    });
    const wrong = await post(`${path}/attendance`, attendanceIn('residents'));
    expect(wrong.status).toBe(422);
    const right = await post(`${path}/attendance`, attendanceIn('employees'));
    expect(right.status).toBe(200);
  });

  it('may be recorded again before the first ballot (audited as a replacement), not after (409)', async () => {
    const { election, round, path } = await seedRound(suite.env);
    expect((await post(`${path}/attendance`, electionAttendance(14))).status).toBe(200);
    expect((await post(`${path}/attendance`, electionAttendance(15))).status).toBe(200);
    expect((await getRound(election.id, round.id))?.attendance?.present).toBe(15);
    expect(await auditActions(election.id)).toContain('round-attendance-replaced');

    await post(`${path}/ballots`, { ballots: electionBallots(1, { m01: 'for' }) });
    const late = await post(`${path}/attendance`, electionAttendance(13));
    expect(late.status).toBe(409);
    expect(errorOf(late.body).code).toBe('ballots-entered');
    expect((await getRound(election.id, round.id))?.attendance?.present).toBe(15);
  });

  it('unknown fields or a missing staff member are 400 with the path', async () => {
    const { path } = await seedRound(suite.env);
    const answer = await post(`${path}/attendance`, { present: 3, ballotsIssued: 3, extra: 1 });
    expect(answer.status).toBe(400);
    const paths = errorOf(answer.body).details.map((d) => d.path);
    expect(paths).toContainEqual(['body', 'staff']);
  });
});

describe('ballot entry (计票)', () => {
  it('needs the attendance first (409) and writes nothing before it', async () => {
    const { election, round, path } = await seedRound(suite.env);
    const answer = await post(`${path}/ballots`, { ballots: electionBallots(2, { m01: 'for' }) });
    expect(answer.status).toBe(409);
    expect(errorOf(answer.body).code).toBe('attendance-missing');
    expect(await ballotsOf(election.id, round.id)).toEqual([]);
  });

  it('refuses a ballot of the wrong shape for the round kind (400 naming the field), storing none', async () => {
    const { election, round, path } = await seedRound(suite.env);
    await post(`${path}/attendance`, electionAttendance());
    const answer = await post(`${path}/ballots`, {
      ballots: [
        { serial: 'A1', marks: { m01: 'for' } },
        { serial: 'A2', constituency: 'units', choices: ['m01'] },
        { serial: 'A3', marks: { m01: 'yes' } },
      ],
    });
    expect(answer.status).toBe(400);
    const paths = errorOf(answer.body).details.map((d) => d.path);
    expect(paths).toContainEqual(['body', 'ballots', 2, 'marks', 'm01']);
    expect(paths.some((p) => p?.[2] === 1)).toBe(true);
    expect(await ballotsOf(election.id, round.id)).toEqual([]);
  });

  it('keeps invalid ballots with their reason, reports repeated serials, accepts beyond the issued number', async () => {
    const { election, round, path } = await seedRound(suite.env);
    await post(`${path}/attendance`, electionAttendance(3, 3));
    const answer = await post(`${path}/ballots`, {
      ballots: [
        { serial: 'B1', marks: { m01: 'for', m02: 'against' } },
        { serial: 'B2', marks: { m01: 'for', m02: 'for' } },
        { serial: 'B3', marks: { m09: 'for' } },
        { serial: 'B4', marks: { m01: 'against', m02: 'against' }, writeIns: ['m05'] },
        { serial: 'B5', marks: { m01: 'against' }, writeIns: ['prob'] },
        { serial: 'B1', marks: { m02: 'for' } },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accepted: 5,
      invalid: [
        { serial: 'B2', reason: 'too-many-for' },
        { serial: 'B3', reason: 'unknown-candidate' },
        { serial: 'B5', reason: 'write-in-ineligible' },
      ],
      duplicates: ['B1'],
    });
    const again = await post(`${path}/ballots`, {
      ballots: [{ serial: 'B2', marks: { m01: 'for' } }],
    });
    expect(again.body).toEqual({ accepted: 0, invalid: [], duplicates: ['B2'] });

    const stored = await ballotsOf(election.id, round.id);
    expect(stored.map((b) => [b.serial, b.valid])).toEqual([
      ['B1', true],
      ['B2', false],
      ['B3', false],
      ['B4', true],
      ['B5', false],
    ]);
    // The first copy of B1 is the one kept, and no ballot item names who cast or entered it.
    expect(stored[0]?.content).toEqual({ marks: { m01: 'for', m02: 'against' } });
    const { Items = [] } = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.ballotPartition(election.id, round.id) },
      }),
    );
    const attributes = new Set(Items.flatMap((item) => Object.keys(item)));
    expect([...attributes].sort()).toEqual(['content', 'pk', 'reason', 'serial', 'sk', 'valid']);
  });

  it('tells a resend of the very ballot stored (its answer lost) from a second ballot under its serial', async () => {
    const { path } = await seedRound(suite.env);
    await post(`${path}/attendance`, electionAttendance(3, 3));
    const batch = [
      { serial: 'R1', marks: { m01: 'for', m02: 'against' } },
      { serial: 'R2', marks: { m01: 'for', m02: 'for' } },
    ];
    await post(`${path}/ballots`, { ballots: batch });
    // The same batch again, its marks' keys in another order: both were stored, R2 as invalid.
    const resent = await post(`${path}/ballots`, {
      ballots: [
        { serial: 'R1', marks: { m02: 'against', m01: 'for' } },
        batch[1],
        { serial: 'R3', marks: { m01: 'abstain' } },
      ],
    });
    expect(resent.body).toEqual({
      accepted: 1,
      invalid: [],
      duplicates: ['R1', 'R2'],
      alreadyStored: [
        { serial: 'R1', valid: true },
        { serial: 'R2', valid: false, reason: 'too-many-for' },
      ],
    });
    // Another content under a stored serial is a duplicate only.
    const clash = await post(`${path}/ballots`, {
      ballots: [{ serial: 'R1', marks: { m01: 'against' } }],
    });
    expect(clash.body).toEqual({ accepted: 0, invalid: [], duplicates: ['R1'] });
    // The tellers' screens read the serials entered, and nothing of what the ballots hold.
    const serials = await suite.env.api.call('GET', `${path}/serials`, { token: suite.teller });
    expect(serials.body).toEqual({ serials: ['R1', 'R2', 'R3'] });
    // …and the round's people by name only: no birth date, e-mail or status reaches a teller.
    const voters = await suite.env.api.call('GET', `${path}/voters`, { token: suite.teller });
    const members = (voters.body as { members: Record<string, unknown>[] }).members;
    expect(members.length).toBeGreaterThan(2);
    for (const member of members) expect(Object.keys(member).sort()).toEqual(['id', 'name']);
  });

  it('16 tellers entering overlapping batches at once store each serial once', async () => {
    const { election, round, path } = await seedRound(suite.env);
    await post(`${path}/attendance`, electionAttendance());
    const total = 800;
    // Teller t enters 100 serials from t × 50: every serial is entered by exactly two tellers.
    const batches = Array.from({ length: 16 }, (_, t) =>
      Array.from({ length: 100 }, (_, i) => ({
        serial: `C${String((t * 50 + i) % total).padStart(4, '0')}`,
        marks: { m01: 'for' },
      })),
    );
    const tellers = await Promise.all(
      batches.map((_, t) => token(['teller'], [ORG], `teller-${t}`)),
    );
    const answers = await Promise.all(
      batches.map((ballots, t) => post(`${path}/ballots`, { ballots }, tellers[t])),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(16).fill(200));
    const bodies = answers.map((a) => a.body as { accepted: number; duplicates: string[] });
    expect(bodies.reduce((n, b) => n + b.accepted, 0)).toBe(total);
    expect(bodies.reduce((n, b) => n + b.duplicates.length, 0)).toBe(total);
    const stored = await ballotsOf(election.id, round.id);
    expect(stored).toHaveLength(total);
    expect(new Set(stored.map((b) => b.serial)).size).toBe(total);
  }, 60_000);

  it('a recommendation ballot may name its constituency by name; it is stored by id', async () => {
    const { election, round, path } = await seedRound(suite.env, RECOMMENDATION_ROUND);
    await post(`${path}/attendance`, communityAttendance());
    const answer = await post(`${path}/ballots`, {
      ballots: [
        { serial: 'R1', constituency: '社区居民群众', choices: ['m01'] },
        { serial: 'R2', constituency: 'units', choices: ['m01', 'm02'] },
        { serial: 'R3', constituency: 'elsewhere', choices: [] },
      ],
    });
    expect(answer.body).toEqual({
      accepted: 3,
      invalid: [
        { serial: 'R2', reason: 'too-many-choices' },
        { serial: 'R3', reason: 'unknown-constituency' },
      ],
      duplicates: [],
    });
    const [first] = await ballotsOf(election.id, round.id);
    expect(first?.content).toEqual({ constituency: 'residents', choices: ['m01'] });
  });
});

describe('who may act', () => {
  it('401 without a token, 403 for another role or another organization, 404 for unknown ids', async () => {
    const { election, path } = await seedRound(suite.env);
    const body = electionAttendance();
    expect((await suite.env.api.call('POST', `${path}/attendance`, { body })).status).toBe(401);
    const organizer = await token(['organizer']);
    expect((await post(`${path}/attendance`, body, organizer)).status).toBe(403);
    const elsewhere = await token(['teller'], ['org-other']);
    expect((await post(`${path}/attendance`, body, elsewhere)).status).toBe(403);
    expect((await suite.env.api.call('GET', path, { token: elsewhere })).status).toBe(403);
    const unknownRound = `/v1/elections/${election.id}/rounds/secretary-election-9`;
    expect((await post(`${unknownRound}/attendance`, body)).status).toBe(404);
    expect((await suite.env.api.call('GET', unknownRound, { token: suite.teller })).status).toBe(
      404,
    );
    expect(
      (await post('/v1/elections/nope/rounds/x/ballots', { ballots: [{ serial: 'x' }] })).status,
    ).toBe(404);
    const member = await token(['member']);
    expect((await suite.env.api.call('GET', path, { token: member })).status).toBe(200);
  });
});
