// Setup the rounds tests share: DynamoDB Local on a fresh table, the local SES (notices are
// rendered and sent for real), one organization with its roll, elections written straight
// through the store, and rounds opened with the service the workflow uses.
import { startSes } from '../../../infra/local/ses-local.ts';
import type { RoundSpec } from '../../../shared/election/rounds/round.ts';
import { openRound } from '../../../shared/election/rounds/round.ts';
import type { Role } from '../../../shared/http/auth.ts';
import { type Member, PRESETS, planCalendar, type Rules } from '../../../shared/rules/index.ts';
import { getElection, putNewElection } from '../../../shared/store/elections.ts';
import {
  createOrganization,
  getOrganization,
  replaceRoll,
} from '../../../shared/store/organizations.ts';
import type { ElectionRecord, RoundRecord } from '../../../shared/store/records.ts';
import { commit, readAudit } from '../../../shared/store/transact.ts';
import { signToken, startTestApi, type TestApi } from '../../support/api.ts';
import { freshTable } from '../../support/fresh-table.ts';

export const ORG = 'org-rounds';

/** A member who is entitled to vote and meets every condition for office on 2026-03-31. */
const member = (id: string, overrides: Partial<Member> = {}): Member => ({
  id,
  name: `党员${id}`,
  email: `${id}@example.org`,
  birthDate: '1975-06-01',
  education: 'bachelor',
  status: 'full',
  fullSince: '2010-07-01',
  orgRelationLocal: true,
  healthy: true,
  ...overrides,
});

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
].map((m) => JSON.parse(JSON.stringify(m)) as Member);

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
  await createOrganization(
    {
      id: ORG,
      name: '和平社区党支部',
      level: 'branch',
      superior: { name: '和平街道党工委', emails: ['gongwei@example.org'] },
      rollVersion: 0,
      rollId: null,
      createdAt: '2026-02-01T00:00:00.000Z',
    },
    'test',
  );
  const org = await getOrganization(ORG);
  if (!org) throw new Error('organization missing');
  const rollId = await replaceRoll(org, ROLL, 'test');
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
  {
    rules = PRESETS.community,
    stage = 'recommendation',
  }: { rules?: Rules; stage?: ElectionRecord['stage'] } = {},
): Promise<ElectionRecord> => {
  const id = `el-round-${++serial}`;
  const startsAt = '2026-03-01T00:00:00.000Z';
  const election: ElectionRecord = {
    id,
    orgId: ORG,
    preset: rules.preset,
    seats: { secretary: 1, deputies: 0, members: 2 },
    rules,
    calendar: planCalendar({ startsAt, dayLengthMs: 86_400_000 }, rules),
    stage,
    version: 1,
    rollId,
    dayLengthMs: 86_400_000,
    startsAt,
    createdAt: '2026-02-20T00:00:00.000Z',
    createdBy: 'test',
  };
  await commit([putNewElection(election)], {
    scope: `ELECTION#${id}`,
    actor: 'test',
    action: 'election-created',
    data: { id },
  });
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

export const auditActions = async (electionId: string) =>
  (await readAudit(`ELECTION#${electionId}`)).map((entry) => entry.action);

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
