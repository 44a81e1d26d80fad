// Proves double entry (双人录入) through the HTTP API: a round entered twice by two tellers
// counts a paper when both entries match (whatever the key order), keeps a mismatch and a single
// entry open, takes a teller's resend as already stored; the close is refused (409
// entries-open, naming them) until the 监票人 resolves each, audited with both versions; the
// tally counts each paper once; tellers racing on one serial store exactly one ballot; and a
// serial left open by an entry the close waited for refuses the close and lets entries in again.
import { describe, expect, it } from 'vitest';
import { PRESETS, type Rules } from '../../../shared/rules/index.ts';
import { readBallots, type StoredBallot } from '../../../shared/store/ballots.ts';
import { listEntries, writeEntries } from '../../../shared/store/entries.ts';
import { enterGate, gateEntryId, leaveGate } from '../../../shared/store/rounds.ts';
import { readAudit } from '../../../shared/store/transact.ts';
import { expectDeclaredAnswer } from './answers.ts';
import * as fixtures from './round-fixtures.ts';

const { ELECTION_ROUND, ORG, STAFF } = fixtures;
const { electionBallots, errorOf, roundsSuite, seedRound, token } = fixtures;
const suite = roundsSuite();
const DOUBLE: Rules = { ...PRESETS.community, doubleEntry: ['election'] };

const tellers = () =>
  Promise.all([
    token(['teller'], [ORG], 'teller-a'),
    token(['teller'], [ORG], 'teller-b'),
    token(['teller'], [ORG], 'teller-c'),
  ]);

const post = (path: string, body: unknown, as: string) =>
  suite.env.api.call('POST', path, { token: as, ...(body === undefined ? {} : { body }) });
const get = (path: string, as: string) => suite.env.api.call('GET', path, { token: as });

const ballotsOf = async (electionId: string, roundId: string) => {
  const all: StoredBallot[] = [];
  for await (const ballot of readBallots(electionId, roundId)) all.push(ballot);
  return all;
};

const FOR_M01 = { m01: 'for', m02: 'against' } as const;
const FOR_M02 = { m01: 'against', m02: 'for' } as const;

/** A double-entry election round with its attendance (15 present of 16). */
const doubleRound = async (as: string) => {
  const seeded = await seedRound(suite.env, ELECTION_ROUND, DOUBLE);
  const recorded = await post(
    `${seeded.path}/attendance`,
    { present: 15, ballotsIssued: 15, staff: STAFF },
    as,
  );
  expect(recorded.status, recorded.text).toBe(200);
  return seeded;
};

describe('double entry (双人录入)', () => {
  it('counts matched pairs, holds mismatches and single entries until the 监票人 resolves them, audited; the tally counts each paper once', async () => {
    const [a, b, c] = await tellers();
    const { election, round, path } = await doubleRound(a);
    const first = [
      ...electionBallots(10, FOR_M01, 101),
      { serial: 'E0001', marks: FOR_M01 },
      { serial: 'E0003', marks: FOR_M01 },
      { serial: 'E0004', marks: FOR_M02 },
      { serial: 'E0005', marks: FOR_M01 },
      { serial: 'E0006', marks: { m02: 'for' } },
    ];
    const pass1 = await post(`${path}/ballots`, { ballots: first }, a);
    expect(pass1.status, pass1.text).toBe(200);
    expect(pass1.body).toMatchObject({ accepted: 15, duplicates: [], matched: [], mismatched: [] });
    expect(await ballotsOf(election.id, round.id)).toEqual([]);

    const second = [
      ...electionBallots(10, FOR_M01, 101),
      { serial: 'E0001', marks: FOR_M01 },
      { serial: 'E0003', marks: FOR_M02 },
      { serial: 'E0004', marks: FOR_M01 },
      // The same marks in another key order: a match.
      { serial: 'E0005', marks: { m02: 'against', m01: 'for' } },
    ];
    const pass2 = await post(`${path}/ballots`, { ballots: second }, b);
    expect(pass2.status, pass2.text).toBe(200);
    expectDeclaredAnswer('POST /v1/elections/{id}/rounds/{roundId}/ballots', pass2.body);
    const answer = pass2.body as { accepted: number; matched: string[]; mismatched: string[] };
    expect(answer.accepted).toBe(14);
    expect(answer.matched.sort()).toEqual(
      [...electionBallots(10, FOR_M01, 101).map((x) => x.serial), 'E0001', 'E0005'].sort(),
    );
    expect(answer.mismatched).toEqual(['E0003', 'E0004']);
    expect(await ballotsOf(election.id, round.id)).toHaveLength(12);

    // The same teller resending (its answer lost): already stored, nothing new.
    const resend = await post(`${path}/ballots`, { ballots: first.slice(10) }, a);
    expect(resend.body).toMatchObject({ accepted: 0, matched: [], mismatched: [] });
    expect((resend.body as { duplicates: string[] }).duplicates.sort()).toEqual(
      ['E0001', 'E0003', 'E0004', 'E0005', 'E0006'].sort(),
    );
    expect((resend.body as { alreadyStored: { serial: string }[] }).alreadyStored).toHaveLength(5);
    // A third teller: a duplicate, already stored only where it says what the count holds.
    const third = await post(
      `${path}/ballots`,
      {
        ballots: [
          { serial: 'E0001', marks: FOR_M01 },
          { serial: 'E0003', marks: FOR_M01 },
        ],
      },
      c,
    );
    expect(third.body).toMatchObject({
      accepted: 0,
      duplicates: ['E0001', 'E0003'],
      alreadyStored: [{ serial: 'E0001', valid: true }],
    });
    // Teller b's screen flags what it typed and what is counted, not a's single entry E0006.
    const skip = await get(`${path}/serials`, b);
    expect((skip.body as { serials: string[] }).serials).not.toContain('E0006');
    expect((skip.body as { serials: string[] }).serials).toContain('E0003');

    const entries = await get(`${path}/entries`, suite.scrutineer);
    expect(entries.status).toBe(200);
    expectDeclaredAnswer('GET /v1/elections/{id}/rounds/{roundId}/entries', entries.body);
    expect(entries.body).toMatchObject({
      single: [{ serial: 'E0006', first: { content: { marks: { m02: 'for' } }, by: 'teller-a' } }],
      matched: 12,
      mismatched: [
        {
          serial: 'E0003',
          first: { content: { marks: FOR_M01 }, by: 'teller-a' },
          second: { content: { marks: FOR_M02 }, by: 'teller-b' },
        },
        { serial: 'E0004' },
      ],
      resolved: 0,
    });

    // The close waits for every open serial, and says which.
    const refused = await post(`${path}/close`, undefined, suite.scrutineer);
    expect(refused.status).toBe(409);
    expect(errorOf(refused.body).code).toBe('entries-open');
    expect(errorOf(refused.body).details).toEqual([
      { serial: 'E0003', status: 'mismatched' },
      { serial: 'E0004', status: 'mismatched' },
      { serial: 'E0006', status: 'single' },
    ]);

    const resolve = (serial: string, body: unknown, as = suite.scrutineer) =>
      post(`${path}/entries/${serial}/resolution`, body, as);
    expect((await resolve('E0003', { choose: 'second', reason: 'x' }, a)).status).toBe(403);
    expect((await resolve('E0001', { choose: 'first', reason: '核对' })).status).toBe(409);
    expect((await resolve('E9999', { choose: 'first', reason: '核对' })).status).toBe(404);
    expect((await resolve('E0003', { choose: 'second' })).status).toBe(400);
    const noSecond = await resolve('E0006', { choose: 'second', reason: '核对原票' });
    expect(noSecond.status).toBe(422);
    expect(errorOf(noSecond.body).details[0]?.rule).toBe('no-second-entry');

    const chosen = await resolve('E0003', { choose: 'second', reason: '核对原票:第二次录入正确' });
    expect(chosen.status, chosen.text).toBe(200);
    expect(chosen.body).toEqual({
      serial: 'E0003',
      status: 'resolved',
      choose: 'second',
      counted: true,
    });
    expect((await resolve('E0003', { choose: 'first', reason: '再改' })).status).toBe(409);
    expect((await resolve('E0004', { choose: 'neither', reason: '原票无法辨认' })).status).toBe(
      200,
    );
    // Still one open: the close is refused naming it alone.
    const stillOpen = await post(`${path}/close`, undefined, suite.scrutineer);
    expect(errorOf(stillOpen.body).details).toEqual([{ serial: 'E0006', status: 'single' }]);
    // An organizer may act for the 监票人.
    expect(
      (
        await resolve(
          'E0006',
          { choose: 'first', reason: '仅录入一次,核对原票一致' },
          suite.organizer,
        )
      ).status,
    ).toBe(200);

    const audit = (await readAudit(`ELECTION#${election.id}`)).filter(
      (e) => e.action === 'entry-resolved',
    );
    expect(audit.map((e) => e.data)).toEqual([
      {
        roundId: round.id,
        serial: 'E0003',
        choose: 'second',
        reason: '核对原票:第二次录入正确',
        was: 'mismatched',
        first: expect.objectContaining({ content: { marks: FOR_M01 }, by: 'teller-a' }),
        second: expect.objectContaining({ content: { marks: FOR_M02 }, by: 'teller-b' }),
      },
      expect.objectContaining({ serial: 'E0004', choose: 'neither', reason: '原票无法辨认' }),
      expect.objectContaining({ serial: 'E0006', choose: 'first', was: 'single' }),
    ]);
    expect(audit.map((e) => e.actor)).toEqual(['scrutineer-1', 'scrutineer-1', 'organizer-1']);

    const closed = await post(`${path}/close`, undefined, suite.scrutineer);
    expect(closed.status, closed.text).toBe(200);
    // 12 matched + E0003 (second) + E0006 (first); E0004 counted neither way.
    expect(closed.body).toMatchObject({ returned: 14, counts: { m01: 12, m02: 2 } });
    const counted = await ballotsOf(election.id, round.id);
    expect(counted.map((x) => x.serial)).toEqual([...new Set(counted.map((x) => x.serial))]);
    expect(counted.find((x) => x.serial === 'E0003')?.content).toEqual({ marks: FOR_M02 });
  }, 30_000);

  it('tellers racing on one serial store exactly one ballot: two second entries, or two first entries', async () => {
    const [a, b, c] = await tellers();
    const { election, round, path } = await doubleRound(a);
    const ballot = { serial: 'R0001', marks: FOR_M01 };
    expect((await post(`${path}/ballots`, { ballots: [ballot] }, a)).status).toBe(200);
    const racing = await Promise.all(
      [b, c].map((as) => post(`${path}/ballots`, { ballots: [ballot] }, as)),
    );
    const answers = racing.map((r) => r.body as { matched: string[]; duplicates: string[] });
    expect(answers.map((x) => x.matched.length).sort()).toEqual([0, 1]);
    expect(answers.map((x) => x.duplicates.length).sort()).toEqual([0, 1]);

    // Two tellers typing the same new paper at once: one is pass 1, the other pass 2.
    const fresh = electionBallots(30, FOR_M02, 1, 'S');
    const both = await Promise.all(
      [a, b].map((as) => post(`${path}/ballots`, { ballots: fresh }, as)),
    );
    for (const answer of both) expect(answer.status, answer.text).toBe(200);
    const matched = both.flatMap((r) => (r.body as { matched: string[] }).matched);
    expect(matched.sort()).toEqual(fresh.map((x) => x.serial));

    const stored = await ballotsOf(election.id, round.id);
    expect(stored.map((x) => x.serial)).toEqual(['R0001', ...fresh.map((x) => x.serial)]);
    const entries = await listEntries(election.id, round.id);
    expect(entries.every((e) => e.status === 'matched')).toBe(true);
  }, 30_000);

  it('an entry under way when the close begins is waited for; the serial it leaves open refuses the close, and entries are let in again', async () => {
    const [a, b] = await tellers();
    const { election, round, path } = await doubleRound(a);
    const underWay = gateEntryId();
    expect(await enterGate(election.id, round.id, underWay)).toMatchObject({
      id: round.id,
      ballotsEntered: true,
    });
    const closing = post(`${path}/close`, undefined, suite.scrutineer);
    // Until the close has begun counting (the gate turns a probe away).
    for (let probe = gateEntryId(); await enterGate(election.id, round.id, probe); ) {
      await leaveGate(election.id, round.id, probe);
      await new Promise((resolve) => setTimeout(resolve, 20));
      probe = gateEntryId();
    }
    const at = new Date().toISOString();
    const version = { content: { marks: FOR_M01 }, valid: true, by: 'teller-a', at };
    await writeEntries(election.id, round.id, [{ kind: 'first', serial: 'L0001', version }]);
    await leaveGate(election.id, round.id, underWay);
    const refused = await closing;
    expect(refused.status).toBe(409);
    expect(errorOf(refused.body).details).toEqual([{ serial: 'L0001', status: 'single' }]);

    const second = await post(
      `${path}/ballots`,
      { ballots: [{ serial: 'L0001', marks: FOR_M01 }] },
      b,
    );
    expect(second.status, second.text).toBe(200);
    expect(second.body).toMatchObject({ matched: ['L0001'] });
    expect((await post(`${path}/close`, undefined, suite.scrutineer)).status).toBe(200);
  }, 30_000);

  it('a single-entry round keeps SPEC §8’s answer and has no entries to show', async () => {
    const [a] = await tellers();
    const { path } = await seedRound(suite.env, ELECTION_ROUND);
    await post(`${path}/attendance`, { present: 15, ballotsIssued: 15, staff: STAFF }, a);
    const entered = await post(`${path}/ballots`, { ballots: electionBallots(2, FOR_M01) }, a);
    expect(entered.body).toEqual({ accepted: 2, invalid: [], duplicates: [] });
    const entries = await get(`${path}/entries`, a);
    expect(entries.body).toEqual({ single: [], matched: 0, mismatched: [], resolved: 0 });
  });
});
