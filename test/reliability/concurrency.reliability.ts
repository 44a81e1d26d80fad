// Proves that racing people never double-count or double-decide: 32 tellers entering overlapping
// ballot sets store each serial once; two scrutineers closing one round at once produce one tally
// (one 200, one 409); two organizers moving one deadline at once: one wins, the other gets 409.
// A DynamoDB proxy holds every transaction a moment, so racing requests really read the same state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDocumentClient } from '../../shared/store/client.ts';
import { getElection } from '../../shared/store/elections.ts';
import type { ElectionRecord } from '../../shared/store/records.ts';
import { getRound } from '../../shared/store/rounds.ts';
import { readAudit } from '../../shared/store/transact.ts';
import {
  ELECTION_ROUND,
  electionBallots,
  ORG,
  RECOMMENDATION_ROUND,
  type RoundsEnv,
  recommendationBallots,
  STAFF,
  seedRound,
  startRoundsEnv,
  token,
} from '../integration/api/round-fixtures.ts';
import { byConstituency } from '../support/attendance.ts';
import { electionRecord } from '../support/builders.ts';
import { seedElection } from '../support/seed.ts';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.ts';
import { countBallots } from './support/outcome.ts';

const REPEATS = 3;

let env: RoundsEnv;
let proxy: FaultProxy;

/** Transactions wait 300 ms at the proxy: both racers have read before either writes. */
const holdTransactions = () =>
  proxy.setPlan({
    rate: 1,
    seed: 1,
    faults: ['delay'],
    spareLastAttempt: false,
    holdMs: 300,
    applies: (operation) => operation === 'TransactWriteItems',
  });

beforeAll(async () => {
  env = await startRoundsEnv();
  proxy = await startFaultProxy('dynamodb', process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '');
  process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.url;
  resetDocumentClient();
});

afterAll(async () => {
  await env?.stop();
  await proxy?.stop();
});

describe('32 tellers entering overlapping ballot sets', () => {
  it('store each serial once: accepted answers add up to the distinct serials, the close counts them once', async () => {
    proxy.setPlan(null);
    const { path } = await seedRound(env, RECOMMENDATION_ROUND);
    const teller = await token(['teller']);
    const recorded = await env.api.call('POST', `${path}/attendance`, {
      token: teller,
      body: {
        ...byConstituency(
          { id: 'units', expected: 500, present: 500, ballotsIssued: 500 },
          { id: 'residents', expected: 500, present: 500, ballotsIssued: 500 },
        ),
        staff: STAFF,
      },
    });
    expect(recorded.status).toBe(200);
    // Teller t enters serials 25t+1 … 25t+50 (half of them also the next teller's), at once.
    const sets = Array.from({ length: 32 }, (_, t) => [
      ...recommendationBallots(25, 'units', ['m01'], 25 * t + 1),
      ...recommendationBallots(25, 'units', ['m02'], 25 * t + 26),
    ]);
    const distinct = new Set(sets.flat().map((b) => b.serial));
    const enter = () =>
      Promise.all(
        sets.map(async (ballots, t) => {
          const answer = await env.api.call('POST', `${path}/ballots`, {
            token: await token(['teller'], [ORG], `teller-${t + 1}`),
            body: { ballots },
          });
          expect(answer.status).toBe(200);
          return answer.body as { accepted: number; duplicates: string[] };
        }),
      );
    const first = await enter();
    for (const answer of first) expect(answer.accepted + answer.duplicates.length).toBe(50);
    expect(first.reduce((sum, a) => sum + a.accepted, 0)).toBe(distinct.size);
    // Every teller enters their whole set again (a retried request): nothing new.
    const again = await enter();
    expect(again.reduce((sum, a) => sum + a.accepted, 0)).toBe(0);

    const [electionId, roundId] = path.split('/').filter((_, i) => i === 3 || i === 5) as [
      string,
      string,
    ];
    expect(await countBallots(electionId, roundId)).toBe(distinct.size);
    const closed = await env.api.call('POST', `${path}/close`, {
      token: await token(['scrutineer']),
    });
    expect(closed.status).toBe(200);
    expect((closed.body as { returned: number }).returned).toBe(distinct.size);
  }, 120_000);
});

describe('two scrutineers closing the same round at once', () => {
  it(`produce one tally: one 200, one 409, one round-closed audit entry (${REPEATS} races)`, async () => {
    for (let race = 0; race < REPEATS; race++) {
      proxy.setPlan(null);
      const { election, round, path } = await seedRound(env, ELECTION_ROUND);
      const teller = await token(['teller']);
      await env.api.call('POST', `${path}/attendance`, {
        token: teller,
        body: { present: 16, ballotsIssued: 16, staff: STAFF },
      });
      await env.api.call('POST', `${path}/ballots`, {
        token: teller,
        body: {
          ballots: [
            ...electionBallots(10, { m01: 'for', m02: 'against' }),
            ...electionBallots(6, { m01: 'against', m02: 'for' }, 11),
          ],
        },
      });
      holdTransactions();
      const answers = await Promise.all(
        ['scrutineer-a', 'scrutineer-b'].map(async (sub) =>
          env.api.call('POST', `${path}/close`, { token: await token(['scrutineer'], [ORG], sub) }),
        ),
      );
      proxy.setPlan(null);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers.find((a) => a.status === 200);
      const stored = await getRound(election.id, round.id);
      expect(stored?.tally).toEqual(winner?.body);
      const closes = (await readAudit(`ELECTION#${election.id}`)).filter(
        (e) => e.action === 'round-closed',
      );
      expect(closes).toHaveLength(1);
    }
  }, 120_000);
});

describe('two organizers moving the same deadline at once', () => {
  let serial = 0;
  /** An election in its announcement whose calendar lies ahead (real days from tomorrow). */
  const futureElection = async (): Promise<ElectionRecord> => {
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    return seedElection(
      electionRecord({
        id: `el-race-${++serial}-${Date.now().toString(36)}`,
        orgId: ORG,
        rollId: env.rollId,
        stage: 'announcement',
        startsAt,
        createdAt: new Date().toISOString(),
      }),
    );
  };

  it(`one wins, the other gets 409 and changes nothing (${REPEATS} races)`, async () => {
    for (let race = 0; race < REPEATS; race++) {
      proxy.setPlan(null);
      const election = await futureElection();
      const deadlines = [20, 30].map((days) =>
        new Date(Date.now() + days * 86_400_000).toISOString(),
      );
      holdTransactions();
      const answers = await Promise.all(
        deadlines.map(async (deadline, i) =>
          env.api.call('PUT', `/v1/elections/${election.id}/deadlines/nomination`, {
            token: await token(['organizer'], [ORG], `organizer-${i + 1}`),
            body: { deadline },
          }),
        ),
      );
      proxy.setPlan(null);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const won = answers.findIndex((a) => a.status === 200);
      const stored = await getElection(election.id);
      expect(stored?.calendar.nomination?.until).toBe(deadlines[won]);
      expect(stored?.version).toBe(2);
      const moves = (await readAudit(`ELECTION#${election.id}`)).filter(
        (e) => e.action === 'deadline-moved',
      );
      expect(moves).toHaveLength(1);
      expect(moves[0]?.actor).toBe(`organizer-${won + 1}`);
    }
  }, 120_000);
});
