// Proves the 唱票 board (issue 15): an organizer's link opens a public JSON view of the current
// round that follows the ballots as they are entered (counts move, the ETag changes with them and
// answers 304 while nothing changed), ends with the close's own tally and the recount file's
// address, names nobody but the candidates, and stops answering once revoked.
import { describe, expect, it } from 'vitest';
import { compareBySurnameStrokes } from '../../../shared/rules/surname-order.ts';
import { expectDeclaredAnswer } from './answers.ts';
import {
  auditActions,
  ELECTION_ROUND,
  electionBallots,
  RECOMMENDATION_ROUND,
  ROLL,
  recommendationBallots,
  roundsSuite,
  STAFF,
  seedRound,
  token as signFor,
} from './round-fixtures.ts';

const suite = roundsSuite();

const api = () => suite.env.api;

const post = (path: string, body: unknown, as: string) =>
  api().call('POST', path, { token: as, body });

/** Reads the board as the page polls it: with the last ETag seen, if any. */
const read = (token: string, etag?: string) =>
  api().call('GET', `/public/count-boards/${token}`, {
    headers: etag ? { 'if-none-match': etag } : {},
  });

type Board = {
  round: {
    id: string;
    status: string;
    candidates: { memberId: string; name: string; votes: number; marks: Record<string, number> }[];
    writeIns: { memberId: string; votes: number }[];
    ballots: { counted: number; valid: number; invalid: number; issued: number | null };
    tally?: { counts: Record<string, number>; elected: string[] };
    elected?: string[];
    recountUrl?: string;
  } | null;
};

const votesOf = (board: Board) =>
  Object.fromEntries((board.round?.candidates ?? []).map((c) => [c.memberId, c.votes]));

const createBoard = async (electionId: string) => {
  const created = await post(`/v1/elections/${electionId}/count-board`, undefined, suite.organizer);
  expect(created.status).toBe(201);
  expectDeclaredAnswer('POST /v1/elections/{id}/count-board', created.body);
  return created.body as { token: string; url: string };
};

describe('the 唱票 board', () => {
  it('follows an election round from the first ballot to the close, with ETags and 304s', async () => {
    const { election, path } = await seedRound(suite.env, {
      ...ELECTION_ROUND,
      candidates: ['m03', 'm01', 'm02'],
      seats: 1,
    });
    const link = await createBoard(election.id);
    expect(link.url).toBe(`/console/count-board/${link.token}`);

    const empty = await read(link.token);
    expect(empty.status).toBe(200);
    expectDeclaredAnswer('GET /public/count-boards/{token}', empty.body);
    const etag0 = empty.headers.get('etag') ?? '';
    expect(etag0).toMatch(/^"[0-9a-f]{32}"$/); // strong: no W/
    const board0 = empty.body as Board;
    expect(board0.round?.status).toBe('open');
    expect(board0.round?.ballots).toEqual({ counted: 0, valid: 0, invalid: 0, issued: null });
    // 姓氏笔画 order of the names, whatever order the round lists them in.
    const names = board0.round?.candidates.map((c) => c.name) ?? [];
    expect(names).toEqual([...names].sort(compareBySurnameStrokes));

    // Nothing changed: 304 with the same tag and no body.
    const same = await read(link.token, etag0);
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(same.headers.get('etag')).toBe(etag0);

    await post(
      `${path}/attendance`,
      { present: 15, ballotsIssued: 15, staff: STAFF },
      suite.teller,
    );
    const attended = await read(link.token, etag0);
    expect(attended.status).toBe(200);
    expect((attended.body as Board).round?.ballots.issued).toBe(15);
    let etag = attended.headers.get('etag') ?? '';
    expect(etag).not.toBe(etag0);

    // Ballots in three batches: the counts move after each, and the tag with them.
    const batches = [
      electionBallots(6, { m01: 'for', m02: 'against', m03: 'against' }, 1),
      electionBallots(4, { m02: 'for', m01: 'against' }, 7),
      [
        ...electionBallots(2, { m03: 'for' }, 11),
        { serial: 'E0013', marks: { m01: 'for', m02: 'for' } }, // 赞成 over the seats: invalid
        { serial: 'E0014', marks: { m01: 'against', m02: 'against' }, writeIns: ['m05'] },
      ],
    ];
    const seen: Record<string, number>[] = [];
    for (const ballots of batches) {
      expect((await post(`${path}/ballots`, { ballots }, suite.teller)).status).toBe(200);
      const answer = await read(link.token, etag);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('etag')).not.toBe(etag);
      etag = answer.headers.get('etag') ?? '';
      seen.push(votesOf(answer.body as Board));
    }
    expect(seen).toEqual([
      { m01: 6, m02: 0, m03: 0 },
      { m01: 6, m02: 4, m03: 0 },
      { m01: 6, m02: 4, m03: 2 },
    ]);
    const open = (await read(link.token)).body as Board;
    expect(open.round?.ballots).toEqual({ counted: 14, valid: 13, invalid: 1, issued: 15 });
    expect(open.round?.candidates.find((c) => c.memberId === 'm01')?.marks).toEqual({
      for: 6,
      against: 5,
      abstain: 2,
    });
    expect(open.round?.writeIns).toEqual([{ memberId: 'm05', name: '党员m05', votes: 1 }]);
    expect(open.round?.tally).toBeUndefined();
    expect((await read(link.token, etag)).status).toBe(304);

    const closed = await post(`${path}/close`, undefined, suite.scrutineer);
    expect(closed.status).toBe(200);
    const closeTally = closed.body as { counts: Record<string, number> };
    const final = await read(link.token, etag);
    expect(final.status).toBe(200);
    const board = final.body as Board;
    // Nobody has a majority: the close opens a re-vote, yet the board keeps this round's result
    // until the re-vote's attendance is recorded.
    expect(board.round).toMatchObject({ id: `${ELECTION_ROUND.stage}-1`, status: 'closed' });
    // The board shows the close's own tally, and its running counts are the same numbers.
    expect(board.round?.tally).toEqual(closeTally);
    expect({
      ...votesOf(board),
      ...Object.fromEntries(board.round?.writeIns.map((w) => [w.memberId, w.votes]) ?? []),
    }).toEqual(closeTally.counts);
    expect(board.round?.recountUrl).toBe(
      `/public/elections/${election.id}/rounds/${ELECTION_ROUND.stage}-1/recount`,
    );

    // Nobody but the candidates (and the one written in) is named; no other member data.
    const text = final.text;
    const named = new Set(['m01', 'm02', 'm03', 'm05']);
    for (const member of ROLL.filter((m) => !named.has(m.id)))
      expect(text).not.toContain(member.name);
    for (const member of ROLL) {
      expect(text).not.toContain(member.email ?? '@');
      expect(text).not.toContain(member.birthDate);
    }
    for (const c of board.round?.candidates ?? []) {
      expect(Object.keys(c).sort()).toEqual(['marks', 'memberId', 'name', 'votes']);
    }
  }, 30_000);

  it('counts a recommendation round’s choices per candidate', async () => {
    const { election, path } = await seedRound(suite.env, RECOMMENDATION_ROUND);
    const link = await createBoard(election.id);
    await post(
      `${path}/attendance`,
      {
        present: 170,
        ballotsIssued: 170,
        constituencies: (
          [
            ['units', 60, 50],
            ['residents', 150, 120],
          ] as const
        ).map(([id, expected, present]) => ({ id, expected, present, ballotsIssued: present })),
        staff: STAFF,
      },
      suite.teller,
    );
    const ballots = [
      ...recommendationBallots(3, 'units', ['m02'], 1),
      ...recommendationBallots(2, 'residents', ['m04'], 1),
    ];
    expect((await post(`${path}/ballots`, { ballots }, suite.teller)).status).toBe(200);
    const board = (await read(link.token)).body as Board;
    expect(votesOf(board)).toEqual({ m01: 0, m02: 3, m03: 0, m04: 2 });
    expect(board.round?.ballots).toEqual({ counted: 5, valid: 5, invalid: 0, issued: 170 });
  });

  it('only an organizer of the election creates or revokes a link; a revoked token is 404', async () => {
    const { election } = await seedRound(suite.env);
    const base = `/v1/elections/${election.id}/count-board`;
    expect((await post(base, undefined, suite.teller)).status).toBe(403);
    expect((await post(base, undefined, await signFor(['organizer'], ['elsewhere']))).status).toBe(
      403,
    );
    const link = await createBoard(election.id);
    const other = await seedRound(suite.env);
    const wrong = await api().call(
      'DELETE',
      `/v1/elections/${other.election.id}/count-board/${link.token}`,
      {
        token: suite.organizer,
      },
    );
    expect(wrong.status).toBe(404);
    expect((await read(link.token)).status).toBe(200);

    const revoked = await api().call('DELETE', `${base}/${link.token}`, { token: suite.organizer });
    expect(revoked.status).toBe(200);
    expectDeclaredAnswer('DELETE /v1/elections/{id}/count-board/{token}', revoked.body);
    expect((await read(link.token)).status).toBe(404);
    const again = await api().call('DELETE', `${base}/${link.token}`, { token: suite.organizer });
    expect(again.status).toBe(404);
    expect((await read('no-such-token')).status).toBe(404);
    expect(await auditActions(election.id)).toEqual(
      expect.arrayContaining(['count-board-created', 'count-board-revoked']),
    );
  });
});
