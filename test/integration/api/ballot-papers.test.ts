// Proves the printed ballot papers of a round: recorded by an organizer (default count: the
// round's 应到会; a recommendation round's in one consecutive range per constituency), audited
// once however often asked, replaced only before the first ballot; and, once a round has papers,
// the serial check at entry — a wrong check digit, a serial beyond the papers or outside its
// constituency's range refuses the whole request (422 naming each), storing nothing — while a
// round without papers still takes any serial.
import { describe, expect, it } from 'vitest';
import { printedSerial } from '../../../shared/rules/index.ts';
import { getRound } from '../../../shared/store/rounds.ts';
import { expectDeclaredAnswer } from './answers.ts';
import {
  auditActions,
  electionBallots,
  errorOf,
  RECOMMENDATION_ROUND,
  roundsSuite,
  STAFF,
  seedRound,
} from './round-fixtures.ts';

const suite = roundsSuite();

/** A teller's POST, or the organizer's to `…/ballot-papers`. */
const post = (path: string, body: unknown) =>
  suite.env.api.call('POST', path, {
    token: path.endsWith('/ballot-papers') ? suite.organizer : suite.teller,
    body,
  });

/** The serials the round holds, as the tellers' screens read them. */
const storedSerials = async (path: string) =>
  (
    (await suite.env.api.call('GET', `${path}/serials`, { token: suite.teller })).body as {
      serials: string[];
    }
  ).serials;

const attendance = { present: 16, ballotsIssued: 16, staff: STAFF };

describe('recording the ballot papers', () => {
  it('defaults to the round’s 应到会, answers the same record when asked again, audited once', async () => {
    const { election, path } = await seedRound(suite.env);
    const first = await post(`${path}/ballot-papers`, {});
    expect(first.status).toBe(200);
    expectDeclaredAnswer('POST /v1/elections/{id}/rounds/{roundId}/ballot-papers', first.body);
    expect(first.body).toMatchObject({ ballotPapers: { count: 16, width: 3 } });
    const again = await post(`${path}/ballot-papers`, { count: 16 });
    expect(again.body).toEqual(first.body);
    const actions = await auditActions(election.id);
    expect(actions.filter((a) => a === 'ballot-papers-printed')).toHaveLength(1);
  });

  it('is the organizers’: a teller gets 403', async () => {
    const { path } = await seedRound(suite.env);
    const answer = await suite.env.api.call('POST', `${path}/ballot-papers`, {
      token: suite.teller,
      body: {},
    });
    expect(answer.status).toBe(403);
  });

  it('numbers a recommendation round per constituency, consecutively, by id or name', async () => {
    const { path } = await seedRound(suite.env, RECOMMENDATION_ROUND);
    const missing = await post(`${path}/ballot-papers`, {});
    expect(missing.status).toBe(422);
    expect(errorOf(missing.body).code).toBe('constituencies-required');
    const answer = await post(`${path}/ballot-papers`, {
      constituencies: [
        { id: '社区居民群众', count: 150 },
        { id: 'units', count: 60 },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      ballotPapers: {
        count: 210,
        width: 3,
        constituencies: [
          { id: 'units', from: 1, count: 60 },
          { id: 'residents', from: 61, count: 150 },
        ],
      },
    });
  });

  it('replaces a count before the first ballot, audited with what it replaces; after it, 409', async () => {
    const { election, round, path } = await seedRound(suite.env);
    await post(`${path}/ballot-papers`, { count: 20 });
    const changed = await post(`${path}/ballot-papers`, { count: 18 });
    expect(changed.body).toMatchObject({ ballotPapers: { count: 18 } });
    expect((await auditActions(election.id)).filter((a) => a === 'ballot-papers-printed')).toEqual([
      'ballot-papers-printed',
      'ballot-papers-printed',
    ]);
    await post(`${path}/attendance`, attendance);
    const entered = await post(`${path}/ballots`, {
      ballots: [{ serial: printedSerial(1), marks: { m01: 'for' } }],
    });
    expect(entered.body).toMatchObject({ accepted: 1 });
    const late = await post(`${path}/ballot-papers`, { count: 17 });
    expect(late.status).toBe(409);
    expect(errorOf(late.body).code).toBe('ballots-entered');
    expect((await getRound(election.id, round.id))?.ballotPapers?.count).toBe(18);
  });

  it('refuses constituencies on an election round (422), storing nothing', async () => {
    const { election, round, path } = await seedRound(suite.env);
    const answer = await post(`${path}/ballot-papers`, {
      constituencies: [{ id: 'units', count: 3 }],
    });
    expect(answer.status).toBe(422);
    expect(errorOf(answer.body).details[0]?.path).toEqual(['constituencies']);
    expect((await getRound(election.id, round.id))?.ballotPapers).toBeUndefined();
  });
});

describe('the serial check at entry', () => {
  it('refuses a wrong check digit and a serial beyond the papers, naming each, storing nothing', async () => {
    const { path } = await seedRound(suite.env);
    await post(`${path}/ballot-papers`, { count: 16 });
    await post(`${path}/attendance`, attendance);
    const good = printedSerial(3);
    const typo = `${good.slice(0, 2)}${(Number(good[2]) + 1) % 10}${good.slice(3)}`;
    const answer = await post(`${path}/ballots`, {
      ballots: [
        { serial: good, marks: { m01: 'for' } },
        { serial: typo, marks: { m01: 'for' } },
        { serial: printedSerial(17), marks: { m02: 'for' } },
        { serial: 'E0001', marks: { m02: 'for' } },
      ],
    });
    expect(answer.status).toBe(422);
    const error = errorOf(answer.body);
    expect(error.details).toEqual([
      expect.objectContaining({ path: ['ballots', 1, 'serial'], rule: 'serial-check-digit' }),
      expect.objectContaining({ path: ['ballots', 2, 'serial'], rule: 'serial-not-printed' }),
      expect.objectContaining({ path: ['ballots', 3, 'serial'], rule: 'serial-check-digit' }),
    ]);
    expect(error.message).toContain(typo);
    expect(await storedSerials(path)).toEqual([]);
    const fine = await post(`${path}/ballots`, {
      ballots: [{ serial: good, marks: { m01: 'for' } }],
    });
    expect(fine.body).toMatchObject({ accepted: 1, duplicates: [] });
  });

  it('refuses a recommendation serial outside its constituency’s range', async () => {
    const { path } = await seedRound(suite.env, RECOMMENDATION_ROUND);
    await post(`${path}/ballot-papers`, {
      constituencies: [
        { id: 'units', count: 60 },
        { id: 'residents', count: 150 },
      ],
    });
    // Everyone present, a ballot each: 60 in the units, 150 residents.
    const constituencies = (
      [
        ['社区单位党组织', 60],
        ['社区居民群众', 150],
      ] as const
    ).map(([name, n]) => ({ name, expected: n, present: n, ballotsIssued: n }));
    await post(`${path}/attendance`, {
      present: 210,
      ballotsIssued: 210,
      constituencies,
      staff: STAFF,
    });
    const wrong = await post(`${path}/ballots`, {
      ballots: [{ serial: printedSerial(61), constituency: '社区单位党组织', choices: ['m01'] }],
    });
    expect(wrong.status).toBe(422);
    expect(errorOf(wrong.body).details).toEqual([
      expect.objectContaining({ path: ['ballots', 0, 'serial'], rule: 'serial-constituency' }),
    ]);
    expect(await storedSerials(path)).toEqual([]);
    const right = await post(`${path}/ballots`, {
      ballots: [
        { serial: printedSerial(61), constituency: 'residents', choices: ['m01'] },
        { serial: printedSerial(60), constituency: 'units', choices: ['m02'] },
      ],
    });
    expect(right.body).toMatchObject({ accepted: 2 });
  });

  it('takes any serial in a round without papers, as before', async () => {
    const { path } = await seedRound(suite.env);
    await post(`${path}/attendance`, attendance);
    const answer = await post(`${path}/ballots`, { ballots: electionBallots(2, { m01: 'for' }) });
    expect(answer.body).toMatchObject({ accepted: 2 });
  });
});
