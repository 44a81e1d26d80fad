// Setup the rounds tests share: DynamoDB Local on a fresh table, the local SES (notices are
// rendered and sent for real), one organization with its roll, elections written straight
// through the store, and rounds opened with the service the workflow uses.
import { startSes } from '../../../infra/local/ses-local.ts';
import type { RoundSpec } from '../../../shared/election/rounds/round.ts';
import { openRound } from '../../../shared/election/rounds/round.ts';
import type { Role } from '../../../shared/http/auth.ts';
import type { Member, Rules } from '../../../shared/rules/index.ts';
import { getElection } from '../../../shared/store/elections.ts';
import type { ElectionRecord, RoundRecord } from '../../../shared/store/records.ts';
import { signToken, startTestApi, type TestApi } from '../../support/api.ts';
import { suiteOf } from '../../support/api-suite.ts';
import { electionRecord, mailedMember, stored } from '../../support/builders.ts';
import { freshTable } from '../../support/fresh-table.ts';
import { seedElection as putElection, seedOrganization } from '../../support/seed.ts';

export { auditActions } from '../../support/inspect.ts';

export const ORG = 'org-rounds';

/** A member who is entitled to vote and meets every condition for office on 2026-03-31. */
const member = mailedMember;

/**
 * m01…m16 are entitled (应到会 16); `prob` is a 预备党员, `away` keeps their 组织关系
 * elsewhere, `abroad` is excluded with the superior's consent, `disc` is under 留党察看:
 * on the roll, not entitled, not eligible to be written in.
 */
export const ROLL: Member[] = [
  ...Array.from({ length: 16 }, (_, i) => member(`m${String(i + 1).padStart(2, '0')}`)),
  member('prob', { status: 'probationary', fullSince: undefined }),
  member('away', { orgRelationLocal: false }),
  member('abroad', { excluded: { category: 'abroad', approvedBy: '街道党工委' } }),
  member('disc', { rights: 'discipline' }),
].map(stored);

export const STAFF = { announcer: 'm14', scrutineer: 'm15', counter: 'm16' };

export interface RoundsEnv {
  api: TestApi;
  rollId: string;
  stop(): Promise<void>;
}

export const startRoundsEnv = async (): Promise<RoundsEnv> => {
  await freshTable();
  const ses = await startSes();
  process.env.AWS_ENDPOINT_URL_SES = ses.endpoint;
  const rollId = await seedOrganization(
    {
      id: ORG,
      name: '和平社区党支部',
      level: 'branch',
      superior: { name: '和平街道党工委', emails: ['gongwei@example.org'] },
    },
    ROLL,
  );
  const api = await startTestApi();
  return {
    api,
    rollId,
    stop: async () => {
      await api.stop();
      await ses.stop();
    },
  };
};

let serial = 0;

/** An election of the organization (secretary election day 2026-03-31) in `stage`. */
export const seedElection = async (
  rollId: string,
  { rules, stage = 'recommendation' }: { rules?: Rules; stage?: ElectionRecord['stage'] } = {},
): Promise<ElectionRecord> => {
  const id = `el-round-${++serial}`;
  await putElection(electionRecord({ id, orgId: ORG, rollId, rules, stage }));
  return (await getElection(id)) as ElectionRecord;
};

/** A secretary election round between m01 and m02 (one seat). */
export const ELECTION_ROUND: RoundSpec = {
  kind: 'election',
  office: 'secretary',
  stage: 'secretary-election',
  candidates: ['m01', 'm02'],
  seats: 1,
  revotesSoFar: 0,
};

/** The community recommendation of the secretary among m01…m04: one name a ballot, 3 go on. */
export const RECOMMENDATION_ROUND: RoundSpec = {
  kind: 'recommendation',
  office: 'secretary',
  stage: 'recommendation',
  candidates: ['m01', 'm02', 'm03', 'm04'],
  seats: 1,
  places: 3,
  revotesSoFar: 0,
};

/** An election with one open round. */
export const seedRound = async (
  env: RoundsEnv,
  spec: RoundSpec = ELECTION_ROUND,
  rules?: Rules,
): Promise<{ election: ElectionRecord; round: RoundRecord; path: string }> => {
  const election = await seedElection(env.rollId, {
    ...(rules ? { rules } : {}),
    stage: spec.stage === 'recall' || spec.stage === 'by-election' ? 'completed' : spec.stage,
  });
  const round = await openRound(election, spec, 'workflow');
  return { election, round, path: `/v1/elections/${election.id}/rounds/${round.id}` };
};

export const token = (roles: Role[], orgs = [ORG], sub = `${roles.join('+')}-1`) =>
  signToken({ sub, roles, orgs });

/** The round tests' preamble: the stand-ins and a token for each role that works a round. */
export const roundsSuite = () =>
  suiteOf(async () => {
    const env = await startRoundsEnv();
    const [teller, scrutineer, organizer] = await Promise.all([
      token(['teller']),
      token(['scrutineer']),
      token(['organizer']),
    ]);
    return { env, teller, scrutineer, organizer, stop: () => env.stop() };
  });

export const errorOf = (body: unknown) =>
  (
    body as {
      error: { code: string; message: string; details: { rule?: string; path?: unknown[] }[] };
    }
  ).error;

/** Election ballots: `n` marking `marks`, serials from `from`. */
export const electionBallots = (
  n: number,
  marks: Record<string, 'for' | 'against' | 'abstain'>,
  from = 1,
  prefix = 'E',
) =>
  Array.from({ length: n }, (_, i) => ({
    serial: `${prefix}${String(from + i).padStart(4, '0')}`,
    marks,
  }));

/** Recommendation ballots of a constituency: `n` naming `choices`, serials from `from`. */
export const recommendationBallots = (
  n: number,
  constituency: string,
  choices: string[],
  from: number,
) =>
  Array.from({ length: n }, (_, i) => ({
    serial: `${constituency}-${String(from + i).padStart(4, '0')}`,
    constituency,
    choices,
  }));
