// Setup the candidate-facing API tests share: the stand-ins (DynamoDB Local table, SES, a fake
// Step Functions endpoint), one organization with its roll, and elections seeded straight
// through the store in whatever stage a test needs (the workflow is not wired in these tests).
import { createServer } from 'node:http';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { close, listen } from '../../../infra/local/listen.ts';
import { startSes } from '../../../infra/local/ses-local.ts';
import type { Role } from '../../../shared/http/auth.ts';
import {
  type ElectionStage,
  type Member,
  PRESETS,
  planCalendar,
  type Rules,
} from '../../../shared/rules/index.ts';
import { documentClient } from '../../../shared/store/client.ts';
import { putNewElection } from '../../../shared/store/elections.ts';
import { keys } from '../../../shared/store/keys.ts';
import {
  createOrganization,
  getOrganization,
  replaceRoll,
} from '../../../shared/store/organizations.ts';
import { listNotices } from '../../../shared/store/outbox.ts';
import type { CandidateRecord, ElectionRecord, Seats } from '../../../shared/store/records.ts';
import { tableName } from '../../../shared/store/table.ts';
import { commit, readAudit } from '../../../shared/store/transact.ts';
import { signToken, startTestApi, type TestApi } from '../../support/api.ts';
import { freshTable } from '../../support/fresh-table.ts';

export const ORG = 'org-a';
export const SUPERIOR_EMAIL = 'gongwei@example.org';

/** An entitled member who meets every condition for office on 2026-03-31 (本科, born 1975). */
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
 * m1…m9 meet every condition; `elder` is 61 on the election day with 初中 (fails age and
 * education, both waivable); `prob` is a 预备党员 (no vote, fails full-member); `sick` declared
 * unhealthy (not waivable); `noemail` has no address.
 */
export const ROLL: Member[] = [
  ...Array.from({ length: 9 }, (_, i) => member(`m${i + 1}`)),
  member('elder', { birthDate: '1965-01-10', education: 'junior' }),
  member('prob', { status: 'probationary', fullSince: undefined }),
  member('sick', { healthy: false }),
  member('noemail', { email: undefined }),
].map((m) => JSON.parse(JSON.stringify(m)) as Member);

export const ALL_DOCUMENTS = { idCard: true, householdRegister: true, diploma: true, photo: true };

export interface StandIns {
  api: TestApi;
  rollId: string;
  /** The task tokens the fake Step Functions endpoint was sent success for. */
  releasedTokens: string[];
  stop(): Promise<void>;
}

/** A fake Step Functions endpoint that answers SendTaskSuccess and remembers the tokens. */
const startFakeSfn = async (tokens: string[]) => {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (String(request.headers['x-amz-target']).endsWith('SendTaskSuccess')) {
        tokens.push((JSON.parse(body) as { taskToken: string }).taskToken);
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
  });
  const port = await listen(server);
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => close(server) };
};

export const startStandIns = async (): Promise<StandIns> => {
  await freshTable();
  const ses = await startSes();
  const releasedTokens: string[] = [];
  const sfn = await startFakeSfn(releasedTokens);
  process.env.AWS_ENDPOINT_URL_SES = ses.endpoint;
  process.env.AWS_ENDPOINT_URL_SFN = sfn.endpoint;
  await createOrganization(
    {
      id: ORG,
      name: '幸福社区党支部',
      level: 'branch',
      superior: { name: '幸福街道党工委', emails: [SUPERIOR_EMAIL] },
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
    releasedTokens,
    stop: async () => {
      await api.stop();
      await ses.stop();
      await sfn.stop();
    },
  };
};

let serial = 0;

/** A community election (secretary election day 2026-03-31 in Shanghai) in `stage`. */
export const seedElection = async (
  rollId: string,
  stage: ElectionStage,
  {
    rules = PRESETS.community,
    seats,
    result,
  }: { rules?: Rules; seats?: Seats; result?: ElectionRecord['result'] } = {},
): Promise<string> => {
  const id = `el-${++serial}-${stage}`;
  const startsAt = '2026-03-01T00:00:00.000Z';
  const election: ElectionRecord = {
    id,
    orgId: ORG,
    preset: rules.preset,
    seats: seats ?? { secretary: 1, deputies: 0, members: 2 },
    rules,
    calendar: planCalendar({ startsAt, dayLengthMs: 86_400_000 }, rules),
    stage,
    version: 1,
    rollId,
    dayLengthMs: 86_400_000,
    startsAt,
    createdAt: '2026-02-20T00:00:00.000Z',
    createdBy: 'test',
    ...(result ? { result } : {}),
  };
  await commit([putNewElection(election)], {
    scope: `ELECTION#${id}`,
    actor: 'test',
    action: 'election-created',
    data: { id },
  });
  return id;
};

/** A candidate record written straight to the table (as the workflow would have left it). */
export const seedCandidate = async (
  electionId: string,
  candidate: Partial<CandidateRecord> & Pick<CandidateRecord, 'memberId' | 'status'>,
): Promise<void> => {
  const record: CandidateRecord = {
    office: 'secretary',
    check: { eligible: true, failures: [] },
    ...candidate,
  };
  await documentClient().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.candidate(electionId, record.office, record.memberId), ...record },
    }),
  );
};

export const organizerToken = (orgs = [ORG]) =>
  signToken({ sub: 'organizer-1', roles: ['organizer'], orgs });

export const memberToken = (sub: string, roles: Role[] = ['member']) =>
  signToken({ sub, roles, orgs: [ORG] });

/** The actions of an election's audit chain, in order. */
export const auditActions = async (electionId: string) =>
  (await readAudit(`ELECTION#${electionId}`)).map((entry) => entry.action);

export const auditEntries = (electionId: string) => readAudit(`ELECTION#${electionId}`);

/** The notices recorded for an election: template and address. */
export const noticesOf = async (electionId: string) =>
  (await listNotices(electionId)).map(({ template, to, status }) => ({ template, to, status }));

/** The error code of an error answer. */
export const errorCode = (body: unknown): string =>
  (body as { error: { code: string } }).error.code;
