import { randomUUID } from 'node:crypto';
import { makeRoll } from '../../../scripts/scenario/roll.ts';
import { openRound } from '../../../shared/election/rounds/round.ts';
import { getElection } from '../../../shared/store/elections.ts';
import { getOrganization } from '../../../shared/store/organizations.ts';
import type { ElectionRecord, RoundRecord } from '../../../shared/store/records.ts';
import { electionRecord } from '../../support/builders.ts';
import { seedElection } from '../../support/seed.ts';
import type { BenchStack } from './stack.ts';

/**
 * An election in its recommendation assembly with the round open and its attendance recorded,
 * as the workflow would leave it: the organization and roll through the API, the election
 * written through the store (no workflow runs: nothing else touches the table meanwhile), the
 * round opened by the service the workflow uses, the attendance recorded by a teller.
 */

export const CANDIDATES = 4;

export interface OpenRound {
  election: ElectionRecord;
  round: RoundRecord;
  candidates: string[];
  /** `/v1/elections/{id}/rounds/{roundId}` */
  path: string;
  teller: string;
  scrutineer: string;
}

export const openRecommendationRound = async (
  bench: BenchStack,
  ballots: number,
): Promise<OpenRound> => {
  const orgId = `bench-${randomUUID().slice(0, 8)}`;
  const organizer = await bench.token({ sub: 'organizer-1', roles: ['organizer'], orgs: ['*'] });
  const roll = makeRoll(60, 2026, `${orgId}-`);
  await bench.api.call('POST', '/v1/organizations', organizer, {
    id: orgId,
    name: '基准测试社区党委',
    level: 'committee',
    superior: { name: '基准测试街道党工委', emails: ['superior@example.cn'] },
  });
  await bench.api.call('PUT', `/v1/organizations/${orgId}/roll`, organizer, { members: roll });
  const org = await getOrganization(orgId);
  if (!org?.rollId) throw new Error('the roll was not stored');

  const startsAt = new Date(Date.now() - 21 * 86_400_000).toISOString();
  const record = await seedElection(
    electionRecord({
      id: randomUUID(),
      orgId,
      rollId: org.rollId,
      startsAt,
      createdAt: new Date().toISOString(),
      createdBy: 'bench',
    }),
  );
  const election = (await getElection(record.id)) as ElectionRecord;
  const candidates = roll.slice(0, CANDIDATES).map((m) => m.id);
  const round = await openRound(
    election,
    {
      kind: 'recommendation',
      office: 'secretary',
      stage: 'recommendation',
      candidates,
      seats: 1,
      places: 3,
      revotesSoFar: 0,
    },
    'bench',
  );
  const teller = await bench.token({ sub: 'teller-1', roles: ['teller'], orgs: [orgId] });
  const scrutineer = await bench.token({
    sub: 'scrutineer-1',
    roles: ['scrutineer'],
    orgs: [orgId],
  });
  const half = Math.ceil(ballots / 2);
  const path = `/v1/elections/${election.id}/rounds/${round.id}`;
  const [announcer, scrutineerId, counter] = roll.slice(10, 13).map((m) => m.id);
  await bench.api.call('POST', `${path}/attendance`, teller, {
    present: ballots,
    ballotsIssued: ballots,
    constituencies: [
      { id: 'units', expected: half, present: half, ballotsIssued: half },
      {
        id: 'residents',
        expected: ballots - half,
        present: ballots - half,
        ballotsIssued: ballots - half,
      },
    ],
    staff: { announcer, scrutineer: scrutineerId, counter },
  });
  return { election, round, candidates, path, teller, scrutineer };
};

/**
 * The i-th recommendation ballot of a round of `total`: constituencies half and half, the
 * choices spread unevenly over the candidates (no tie at the cut-off), one in 50 blank.
 */
export const recommendationBallot = (i: number, total: number, candidates: readonly string[]) => {
  const constituency = i < Math.ceil(total / 2) ? 'units' : 'residents';
  const weights = [0.4, 0.3, 0.2, 0.1];
  const x = ((i * 7919) % 1000) / 1000;
  let pick = 0;
  for (let acc = 0; pick < weights.length; pick++) {
    acc += weights[pick] as number;
    if (x < acc) break;
  }
  return {
    serial: `B${String(i + 1).padStart(7, '0')}`,
    constituency,
    choices: i % 50 === 49 ? [] : [candidates[Math.min(pick, candidates.length - 1)] as string],
  };
};
